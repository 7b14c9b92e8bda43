import { describe, expect, it } from "vitest";
import { durationDays, parseSloYaml } from "@/lib/slo/sources/slo-yaml";
import { renderQuery } from "@/lib/slo/sources/prometheus";

describe("SLO YAML import (OpenSLO and Sloth)", () => {
  it("reads an OpenSLO SLO: target ratio or percent, window, one SLO per objective", () => {
    const { slos, errors } = parseSloYaml(`apiVersion: openslo/v1
kind: SLO
metadata: { name: api }
spec:
  service: payments-api
  description: API availability
  timeWindow: [{ duration: 1w, isRolling: true }]
  objectives:
    - { displayName: fast, target: 0.99 }
    - { displayName: ok, targetPercent: 99.9 }`);
    expect(errors).toEqual([]);
    expect(slos.map((s) => s.slo)).toEqual([
      { service: "payments-api", name: "api-fast", objective: 99, windowDays: 7, description: "API availability" },
      { service: "payments-api", name: "api-ok", objective: 99.9, windowDays: 7, description: "API availability" },
    ]);
  });

  it("reads a Sloth file with its default 30-day period", () => {
    const { slos } = parseSloYaml(
      `version: "prometheus/v1"\nservice: "myservice"\nslos:\n  - name: "requests-availability"\n    objective: 99.9\n  - name: "latency"\n    objective: 95`,
    );
    expect(slos.map((s) => [s.slo.service, s.slo.name, s.slo.objective, s.slo.windowDays])).toEqual([
      ["myservice", "requests-availability", 99.9, 30],
      ["myservice", "latency", 95, 30],
    ]);
  });

  it("reports each bad document by index and keeps the good ones", () => {
    const { slos, errors } = parseSloYaml(
      `kind: Service\nmetadata: { name: x }\n---\nversion: "prometheus/v1"\nservice: "svc-a"\nslos: [{ name: "a", objective: 101 }]\n---\nversion: "prometheus/v1"\nservice: "svc-a"\nslos: [{ name: "b", objective: 99 }]\n---\n: [bad`,
    );
    expect(slos.map((s) => s.slo.name)).toEqual(["b"]);
    expect(errors.map((e) => e.index)).toEqual([0, 1, 3]);
    expect(errors[1].message).toMatch(/objective must be at most 100/);
  });

  it("understands window durations", () => {
    expect(["30d", "4w", "1w", "672h", "40320m", "1h", "1M", "30", 7].map((d) => durationDays(d))).toEqual([
      30,
      28,
      7,
      28,
      28,
      null,
      null,
      null,
      null,
    ]);
  });

  const openSlo = (apiVersion: string, window: string) => `apiVersion: ${apiVersion}
kind: SLO
metadata: { name: checkout }
spec:
  service: shop
  budgetingMethod: Occurrences
${window}
  objectives: [{ displayName: good, target: 0.995 }]`;

  it("reads OpenSLO v1alpha's timeWindows (count and unit), as OpenSLO's own examples write them", () => {
    const { slos, errors } = parseSloYaml(
      openSlo("openslo/v1alpha", "  timeWindows:\n    - count: 28\n      unit: Day\n      isRolling: true"),
    );
    expect(errors).toEqual([]);
    expect(slos.map((s) => [s.slo.name, s.slo.objective, s.slo.windowDays])).toEqual([["checkout", 99.5, 28]]);
    expect(
      parseSloYaml(openSlo("openslo/v1alpha", "  timeWindows: [{ count: 1, unit: Week, isRolling: true }]")).slos[0].slo
        .windowDays,
    ).toBe(7);
  });

  it("reads a calendar month in UTC, in both spellings", () => {
    const v1alpha = parseSloYaml(
      openSlo(
        "openslo/v1alpha",
        '  timeWindows: [{ count: 1, unit: Month, isRolling: false, calendar: { startTime: "2020-01-01 00:00:00", timeZone: UTC } }]',
      ),
    );
    expect(v1alpha.errors).toEqual([]);
    expect(v1alpha.slos[0].slo).toMatchObject({ windowDays: 30, calendarWindow: "month" });
    const v1 = parseSloYaml(openSlo("openslo/v1", "  timeWindow: [{ duration: 1M, isRolling: false }]"));
    expect(v1.slos[0].slo).toMatchObject({ calendarWindow: "month" });
    const rolling = parseSloYaml(openSlo("openslo/v1", "  timeWindow: [{ duration: 28d, isRolling: true }]"));
    expect(rolling.slos[0].slo.calendarWindow).toBeUndefined();
  });

  it("refuses, by name, every window it cannot represent, and never falls back to 30 days", () => {
    const refused = (window: string, apiVersion = "openslo/v1alpha") => {
      const { slos, errors } = parseSloYaml(openSlo(apiVersion, window));
      expect(slos).toEqual([]);
      expect(errors).toHaveLength(1);
      return errors[0].message;
    };
    expect(refused("  timeWindows: [{ count: 1, unit: Month, isRolling: true }]")).toMatch(
      /OpenSLO checkout: timeWindows \{count: 1, unit: Month\} is not supported; use 7, 28 or 30 days/,
    );
    expect(refused("  timeWindows: [{ count: 90, unit: Day, isRolling: true }]")).toMatch(/count: 90, unit: Day/);
    expect(
      refused(
        '  timeWindows: [{ count: 1, unit: Month, isRolling: false, calendar: { startTime: "2020-01-01 00:00:00", timeZone: Europe/Paris } }]',
      ),
    ).toMatch(/calendar month in Europe\/Paris; calendar months are kept in UTC/);
    expect(refused("  timeWindows: [{ count: 1, unit: Quarter, isRolling: false }]")).toMatch(
      /calendar-aligned; the only calendar window is one month/,
    );
    expect(refused("  timeWindow: [{ duration: 1M, isRolling: true }]", "openslo/v1")).toMatch(
      /timeWindow "1M" is not supported/,
    );
    expect(refused("  timeWindow: [{ duration: 30d, isRolling: false }]", "openslo/v1")).toMatch(/calendar-aligned/);
    expect(refused("  description: no window", "openslo/v1")).toMatch(/has no time window/);
    expect(
      refused("  timeWindow: [{ duration: 7d, isRolling: true }, { duration: 30d, isRolling: true }]", "openslo/v1"),
    ).toMatch(/2 time windows/);
  });
});

describe("Prometheus queries carried by imported SLOs", () => {
  it("keeps Sloth's errorQuery and totalQuery with their {{.window}}", () => {
    const { slos } = parseSloYaml(`version: "prometheus/v1"
service: "myservice"
slos:
  - name: "requests-availability"
    objective: 99.9
    sli:
      events:
        errorQuery: sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))
        totalQuery: sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))
  - name: "raw"
    objective: 99
    sli:
      raw:
        errorRatioQuery: sum(rate(x[{{.window}}]))
`);
    expect(slos[0].queries).toEqual({
      errorQuery: 'sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))',
      totalQuery: 'sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))',
    });
    expect(slos[1].queries).toBeUndefined(); // a raw ratio has no counts to pull
  });

  it("reads OpenSLO v1 ratioMetric good/bad and total from a Prometheus metricSource, wrapping bare counters", () => {
    const doc = (ratio: string) =>
      parseSloYaml(`apiVersion: openslo/v1
kind: SLO
metadata: { name: api }
spec:
  service: payments-api
  timeWindow: [{ duration: 28d, isRolling: true }]
  indicator:
    metadata: { name: api-availability }
    spec:
      ratioMetric:
${ratio}
  objectives: [{ target: 0.999 }]
`).slos[0].queries;
    expect(
      doc(`        counter: true
        good:
          metricSource: { type: Prometheus, spec: { query: 'http_requests_total{code!~"5.."}' } }
        total:
          metricSource: { type: Prometheus, spec: { query: http_requests_total } }`),
    ).toEqual({
      goodQuery: 'sum(rate(http_requests_total{code!~"5.."}[{{.window}}]))',
      totalQuery: "sum(rate(http_requests_total[{{.window}}]))",
    });
    expect(
      doc(`        counter: true
        bad:
          metricSource: { type: prometheus, spec: 'sum(rate(errors_total[{{.window}}]))' }
        total:
          metricSource: { type: prometheus, spec: 'sum(rate(requests_total[{{.window}}]))' }`),
    ).toEqual({
      errorQuery: "sum(rate(errors_total[{{.window}}]))",
      totalQuery: "sum(rate(requests_total[{{.window}}]))",
    });
    expect(
      doc(`        counter: true
        good:
          metricSource: { type: Datadog, spec: { query: 'sum:requests.ok' } }
        total:
          metricSource: { type: Datadog, spec: { query: 'sum:requests' } }`),
    ).toBeUndefined();
  });

  it("reads OpenSLO v1alpha ratioMetrics per objective", () => {
    const { slos } = parseSloYaml(`apiVersion: openslo/v1alpha
kind: SLO
metadata: { name: sloth-slo-my-service }
spec:
  service: my-service
  timeWindows: [{ count: 28, unit: Day, isRolling: true }]
  objectives:
    - target: 0.99
      ratioMetrics:
        good: { source: prometheus, queryType: promql, query: 'sum(rate(ok_total[{{.window}}]))' }
        total: { source: prometheus, queryType: promql, query: 'sum(rate(all_total[{{.window}}]))' }
`);
    expect(slos[0]).toMatchObject({
      slo: { windowDays: 28, objective: 99 },
      queries: { goodQuery: "sum(rate(ok_total[{{.window}}]))", totalQuery: "sum(rate(all_total[{{.window}}]))" },
    });
  });
});

describe("renderQuery", () => {
  it("fills Sloth's {{.window}} placeholder, spaced or not", () => {
    expect(renderQuery("sum(rate(a[{{.window}}])) / sum(rate(b[{{ .window }}]))")).toBe(
      "sum(rate(a[5m])) / sum(rate(b[5m]))",
    );
  });
});
