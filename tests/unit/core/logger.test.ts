import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/core/logger";

describe("logs", () => {
  it("redact secrets at any depth, and keep everything else", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    createLogger(sink).info(
      {
        password: "p1",
        req: { headers: { authorization: "Bearer ss_secret", cookie: "next-auth.session-token=x", host: "h" } },
        err: { config: { headers: { "x-hub-signature-256": "sha256=ab" } }, token: "t" },
        webhook: { secret: "whsec_x", url: "https://hooks.example" },
      },
      "something happened",
    );
    const text = lines.join("");
    for (const secret of ["p1", "ss_secret", "session-token", "sha256=ab", "whsec_x", '"t"'])
      expect(text).not.toContain(secret);
    expect(text).toContain("https://hooks.example");
    expect(text).toContain('"host":"h"');
    expect(text).toContain("something happened");
  });
});
