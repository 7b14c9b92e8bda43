// Pages in a real Chromium: Largest Contentful Paint and Cumulative Layout Shift from the browser's
// own performance observers, and the JavaScript each page loads, gzipped (each script fetched and
// compressed here, so the figure does not depend on whether the server compresses). Asserts nothing.
import fs from "node:fs";
import zlib from "node:zlib";
import { chromium } from "@playwright/test";
import { percentile } from "./setup";

export type PageTiming = {
  name: string;
  path: string;
  lcpP50: number;
  lcpP95: number;
  clsMax: number;
  jsKiBGzip: number;
};

const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ??
  ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

const OBSERVE = `
  window.__lcp = 0; window.__cls = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lcp = e.startTime; })
    .observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
    .observe({ type: "layout-shift", buffered: true });
`;

export async function browserTimings(
  base: string,
  cookie: string,
  pages: Array<{ name: string; path: string }>,
  runs = 5,
): Promise<PageTiming[]> {
  const browser = await chromium.launch({ executablePath });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const host = new URL(base).hostname;
    await context.addCookies(
      cookie.split("; ").map((pair) => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1), domain: host, path: "/" };
      }),
    );
    await context.addInitScript(OBSERVE);
    const out: PageTiming[] = [];
    for (const p of pages) {
      const lcps: number[] = [];
      let cls = 0;
      let scripts = new Set<string>();
      for (let i = 0; i < runs; i++) {
        const page = await context.newPage();
        const res = await page.goto(`${base}${p.path}`, { waitUntil: "networkidle" });
        if (!res?.ok()) throw new Error(`${p.path} answered ${res?.status()}`);
        await page.waitForTimeout(300); // let the last layout shifts and paint entries arrive
        const m = await page.evaluate(() => {
          const w = window as unknown as { __lcp: number; __cls: number };
          const js = performance
            .getEntriesByType("resource")
            .filter((e) => (e as PerformanceResourceTiming).initiatorType === "script" || e.name.endsWith(".js"))
            .map((e) => e.name);
          return { lcp: w.__lcp, cls: w.__cls, js };
        });
        lcps.push(m.lcp);
        cls = Math.max(cls, m.cls);
        scripts = new Set(m.js);
        await page.close();
      }
      let bytes = 0;
      for (const src of scripts) {
        const r = await context.request.get(src);
        bytes += zlib.gzipSync(await r.body()).length;
      }
      lcps.sort((a, b) => a - b);
      out.push({
        name: p.name,
        path: p.path,
        lcpP50: percentile(lcps, 50),
        lcpP95: percentile(lcps, 95),
        clsMax: cls,
        jsKiBGzip: bytes / 1024,
      });
    }
    return out;
  } finally {
    await browser.close();
  }
}
