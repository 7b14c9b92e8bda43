import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { metrics } from "@/lib/core/metrics";

// The dogfooding kit: deploy/grafana/shipshape.json and deploy/prometheus/shipshape-alerts.yaml
// must speak about metrics the app really exports, in PromQL Prometheus accepts (checked by
// Debian's promtool), and every alert must lead to a runbook section that exists.

type Rule = { alert: string; expr: string; annotations: { runbook_url: string; summary: string } };
type Panel = {
  type: string;
  title: string;
  targets?: Array<{ expr: string }>;
  links?: Array<{ url: string }>;
};

const rules = (
  parse(fs.readFileSync("deploy/prometheus/shipshape-alerts.yaml", "utf8")) as {
    groups: Array<{ rules: Rule[] }>;
  }
).groups.flatMap((g) => g.rules);
const dashboard = JSON.parse(fs.readFileSync("deploy/grafana/shipshape.json", "utf8")) as { panels: Panel[] };
const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

const PROMTOOL = ["/usr/bin/promtool", "/usr/local/bin/promtool"].find((p) => fs.existsSync(p));
function promtool(...args: string[]): string {
  if (!PROMTOOL) throw new Error("promtool is not installed (apt-get install -y prometheus; .ci/run does it)");
  return execFileSync(PROMTOOL, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
function anchors(markdown: string): Set<string> {
  return new Set(
    markdown
      .split("\n")
      .filter((l) => /^#{1,6} /.test(l))
      .map((l) =>
        l
          .replace(/^#+ /, "")
          .toLowerCase()
          .replace(/[^\p{L}\p{N} -]/gu, "")
          .replace(/ /g, "-"),
      ),
  );
}

describe("the Grafana dashboard and the alert rules", () => {
  it("use only metrics the app exports", async () => {
    const exported = new Set((await metrics().registry.getMetricsAsJSON()).map((m) => m.name));
    const used = new Set(
      [...exprs, ...rules.map((r) => r.expr)].flatMap((e) =>
        [...e.matchAll(/\b((?:shipshape|process|nodejs)_[a-z0-9_]+)\b/g)].map((m) =>
          m[1].replace(/_(bucket|sum|count)$/, ""),
        ),
      ),
    );
    expect(used.size).toBeGreaterThan(10);
    for (const name of used) expect(exported, name).toContain(name);
  });

  it("are PromQL that Prometheus accepts, and the alerts fire as their tests expect (promtool)", () => {
    expect(promtool("check", "rules", "deploy/prometheus/shipshape-alerts.yaml")).toContain("SUCCESS: 10 rules found");
    expect(promtool("test", "rules", "deploy/prometheus/shipshape-alerts.test.yaml")).toContain("SUCCESS");
    // The dashboard's queries, as recording rules, through the same parser.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-promql-"));
    const file = path.join(dir, "dashboard.yaml");
    const record = exprs.map((expr, i) => ({
      record: `dashboard:query_${i}`,
      expr: expr.replaceAll("$__rate_interval", "5m"),
    }));
    fs.writeFileSync(file, stringify({ groups: [{ name: "dashboard", rules: record }] }));
    try {
      expect(promtool("check", "rules", file)).toContain(`SUCCESS: ${exprs.length} rules found`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("link every alert, in the rules and on the dashboard, to a runbook section that exists", () => {
    const sections = anchors(fs.readFileSync("docs/runbook.md", "utf8"));
    for (const rule of rules) {
      const anchor = rule.annotations.runbook_url.split("#")[1];
      expect(rule.annotations.runbook_url).toMatch(/\/docs\/runbook\.md#/);
      expect(sections, `${rule.alert} → #${anchor}`).toContain(anchor);
      const panel = dashboard.panels.find((p) => p.title === rule.alert);
      expect(
        panel?.links?.map((l) => l.url),
        rule.alert,
      ).toContain(rule.annotations.runbook_url);
    }
  });
});
