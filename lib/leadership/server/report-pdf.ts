// The leadership report as a PDF: Chromium (through playwright-core) opens the printable report page
// with a short-lived session for the chosen user, and prints it with the page's print stylesheet.
import fs from "node:fs";
import { encode } from "next-auth/jwt";
import { chromium } from "playwright-core";

export function chromiumPath(): string | undefined {
  return (
    process.env.PLAYWRIGHT_CHROMIUM_PATH ??
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => fs.existsSync(p))
  );
}

/** A next-auth session cookie for `user`, signed with the app's secret, valid ten minutes. */
export async function sessionCookie(
  base: string,
  secret: string,
  user: { id: string; email: string; name: string | null; sessionVersion: number },
) {
  const secure = base.startsWith("https://");
  const token = {
    sub: user.id,
    email: user.email,
    name: user.name,
    sv: user.sessionVersion,
    authTime: Math.floor(Date.now() / 1000),
  };
  const value = await encode({ token, secret, maxAge: 600 });
  return {
    name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
    value,
    url: base,
    httpOnly: true,
    secure,
    sameSite: "Lax" as const,
  };
}

export type ReportPdf = { bytes: number; path: string };

export async function renderReportPdf(opts: {
  base: string;
  period: string;
  out: string;
  cookie: Awaited<ReturnType<typeof sessionCookie>>;
}): Promise<ReportPdf> {
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new Error("no Chromium found: install it (apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_PATH");
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    // The printable width of A4 landscape with 10 mm margins (1047 px) plus the page's screen padding,
    // so charts are laid out at the width they print at.
    const context = await browser.newContext({ viewport: { width: 1095, height: 718 } });
    await context.addCookies([opts.cookie]);
    const page = await context.newPage();
    const res = await page.goto(`${opts.base}/leadership/report?${new URLSearchParams({ period: opts.period })}`, {
      waitUntil: "networkidle",
      timeout: 120_000,
    });
    if (!res || !res.ok()) throw new Error(`the report page answered ${res?.status() ?? "nothing"}`);
    if (new URL(page.url()).pathname !== "/leadership/report")
      throw new Error("the report page redirected (is the user allowed to see it?)");
    await page.locator("[data-report-ready]").waitFor({ timeout: 60_000 });
    await page.emulateMedia({ media: "print" });
    await page.pdf({
      path: opts.out,
      format: "A4",
      landscape: true,
      printBackground: true,
      margin: { top: "10mm", bottom: "10mm", left: "10mm", right: "10mm" },
    });
    return { bytes: fs.statSync(opts.out).size, path: opts.out };
  } finally {
    await browser.close();
  }
}
