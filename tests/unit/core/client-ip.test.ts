import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/core/api/client-ip";

const h = (init: Record<string, string>) => new Headers(init);

describe("clientIp", () => {
  it("uses the connection's peer and ignores X-Forwarded-For without TRUST_PROXY", () => {
    expect(clientIp(h({ "x-shipshape-peer": "10.0.0.7", "x-forwarded-for": "1.2.3.4" }), undefined)).toBe("10.0.0.7");
    expect(clientIp(h({ "x-forwarded-for": "1.2.3.4" }), "0")).toBe("unknown");
  });

  it("takes the address the trusted proxies saw, not what the client claimed", () => {
    // The client sent "6.6.6.6"; one proxy appended the real address it saw.
    const headers = h({ "x-shipshape-peer": "10.0.0.2", "x-forwarded-for": "6.6.6.6, 203.0.113.9" });
    expect(clientIp(headers, "1")).toBe("203.0.113.9");
    expect(clientIp(headers, "true")).toBe("203.0.113.9");
    expect(clientIp(headers, "2")).toBe("6.6.6.6");
    expect(clientIp(h({ "x-shipshape-peer": "10.0.0.2" }), "1")).toBe("10.0.0.2");
  });
});
