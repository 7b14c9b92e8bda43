import { describe, expect, it } from "vitest";
import { DEFAULT_HEAP_MB, heapArgs } from "@/lib/core/runtime/heap";

describe("the server's heap limit", () => {
  it("defaults to 384 MB", () => {
    expect(heapArgs({})).toEqual([`--max-old-space-size=${DEFAULT_HEAP_MB}`]);
    expect(DEFAULT_HEAP_MB).toBe(384);
  });

  it("takes SHIPSHAPE_HEAP_MB, and the default for a value that is no whole number of at least 128", () => {
    expect(heapArgs({ SHIPSHAPE_HEAP_MB: "512" })).toEqual(["--max-old-space-size=512"]);
    expect(heapArgs({ SHIPSHAPE_HEAP_MB: "64" })).toEqual(["--max-old-space-size=384"]);
    expect(heapArgs({ SHIPSHAPE_HEAP_MB: "lots" })).toEqual(["--max-old-space-size=384"]);
  });

  it("leaves a limit that NODE_OPTIONS already sets", () => {
    expect(
      heapArgs({ NODE_OPTIONS: "--enable-source-maps --max-old-space-size=1024", SHIPSHAPE_HEAP_MB: "512" }),
    ).toEqual([]);
  });
});
