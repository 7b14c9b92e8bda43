import path from "node:path";
import type { Command } from "commander";
import { parseLeadershipPeriod } from "@/lib/core/period";
import { localSecrets } from "@/lib/core/db/local-database";
import { UsageError, withDatabase } from "@/lib/cli/context";

export function registerReport(program: Command) {
  program
    .command("report")
    .description(
      "write the leadership report as a PDF (Chromium prints the report page; starts the app when --url is not given and none is running)",
    )
    .requiredOption("--period <period>", "quarter, half, year, 2026-Q3, 2026-H1 or 2026")
    .requiredOption("--out <file>", "where to write the PDF")
    .option("--url <url>", "a running Shipshape (default: NEXTAUTH_URL or http://localhost:$PORT when it answers)")
    .option(
      "--as <email>",
      "the leadership or platform user the report is rendered for (default: the first leadership user)",
    )
    .action(async (opts: { period: string; out: string; url?: string; as?: string }) => {
      const period = parseLeadershipPeriod({ period: opts.period });
      if (period.key !== opts.period && period.params.period !== opts.period)
        throw new UsageError(
          `--period must be quarter, half, year, or a past period such as 2026-Q3, 2026-H1 or 2026 (got "${opts.period}")`,
        );
      const out = path.resolve(opts.out);
      const result = await withDatabase(async () => {
        const { findReportUser } = await import("@/lib/access/server");
        const user = await findReportUser(opts.as);
        if (!user)
          throw new UsageError(
            opts.as
              ? `no user with the email ${opts.as}`
              : "no leadership or platform user: create one with `npm run cli -- user create`",
          );
        if (user.disabled || user.role === "engineer")
          throw new UsageError(`${user.email} may not see the leadership report (leadership and platform users only)`);

        const { isUp, startAppServer } = await import("@/lib/core/runtime/app-server");
        const { renderReportPdf, sessionCookie } = await import("@/lib/leadership/server");
        const secret = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET ?? localSecrets().authSecret;
        const guess = opts.url ?? process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
        let base = guess.replace(/\/$/, "");
        let stop = () => undefined as void;
        if (!(await isUp(base))) {
          if (opts.url) throw new UsageError(`Shipshape does not answer at ${opts.url}`);
          process.stderr.write(`no app at ${base}: starting one for the report…\n`);
          const server = await startAppServer({ ...process.env, AUTH_SECRET: secret }, (m) =>
            process.stderr.write(`${m}\n`),
          );
          base = server.base;
          stop = server.stop;
        }
        try {
          return await renderReportPdf({
            base,
            period: opts.period,
            out,
            cookie: await sessionCookie(base, secret, user),
          });
        } finally {
          stop();
        }
      });
      process.stdout.write(`wrote ${result.path} (${Math.round(result.bytes / 1024)} KiB): ${period.label}\n`);
    });
}
