import { describe, expect, it } from "vitest";
import { durationDays, parseSloYaml } from "@/lib/slo/sources/slo-yaml";

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
    expect([durationDays("30d"), durationDays("4w"), durationDays("1w"), durationDays("1h"), durationDays(7)]).toEqual([
      30,
      28,
      7,
      null,
      null,
    ]);
  });
});
