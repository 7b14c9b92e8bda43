import { describe, expect, it } from "vitest";
import { ZAlertmanagerPayload, alertmanagerSignals } from "@/lib/delivery/sources/alertmanager";
import { bearerMatches } from "@/lib/delivery/sources/incident-signal";
import { ZOpsgeniePayload, epochToIso, opsgenieSignal } from "@/lib/delivery/sources/opsgenie";
import { alertmanagerNotification, opsgenieAction } from "../support/alert-payloads";

// The sample payload from the alertmanager-webhook-types crate (Alertmanager 0.25's receiver format).
const SAMPLE = {
  receiver: "sms",
  status: "firing",
  alerts: [
    {
      status: "firing",
      labels: {
        alertname: "ProbeFailure",
        instance: "https://server.example.org",
        job: "http_checks",
        monitor: "master",
        severity: "critical",
      },
      annotations: {
        description: "Instance https://server.example.org has been down for over 5m. Job: http_checks",
        summary: "BlackBox Probe Failure: https://server.example.org",
      },
      startsAt: "2023-02-06T13:08:45.828Z",
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0\\u0026g0.tab=1",
      fingerprint: "1a30ba71cca2921f",
    },
  ],
  groupLabels: { alertname: "ProbeFailure" },
  commonLabels: { alertname: "ProbeFailure", severity: "critical" },
  commonAnnotations: {},
  externalURL: "http://prometheus.example.org:9093",
  version: "4",
  groupKey: '{}/{severity="critical"}:{alertname="ProbeFailure"}',
  truncatedAlerts: 0,
};

describe("Alertmanager notifications", () => {
  it("turn a firing alert into an open incident of the service its job label names", () => {
    const [signal] = alertmanagerSignals(ZAlertmanagerPayload.parse(SAMPLE));
    expect(signal).toEqual({
      serviceKey: "http_checks",
      eventKey: "1a30ba71cca2921f@2023-02-06T13:08:45.828Z:firing",
      incident: {
        externalId: "alertmanager:1a30ba71cca2921f@2023-02-06T13:08:45.828Z",
        title: "BlackBox Probe Failure: https://server.example.org",
        severity: "critical",
        startedAt: "2023-02-06T13:08:45.828Z",
        resolvedAt: null,
      },
    });
  });

  it("prefer shipshape_service, then service, app and job", () => {
    const labels = { alertname: "A", job: "j", app: "a", service: "s", shipshape_service: "checkout" };
    const keyOf = (l: Record<string, string>) =>
      alertmanagerSignals(
        ZAlertmanagerPayload.parse(
          alertmanagerNotification([{ status: "firing", labels: l, startsAt: "2026-01-01T00:00:00Z" }]),
        ),
      )[0].serviceKey;
    expect(keyOf(labels)).toBe("checkout");
    expect(keyOf({ ...labels, shipshape_service: "" })).toBe("s");
    expect(keyOf({ alertname: "A", app: "a", job: "j" })).toBe("a");
    expect(keyOf({ alertname: "A" })).toBeNull();
  });

  it("give the firing and the resolved notification of one alert one incident, ended at endsAt", () => {
    const alert = {
      labels: { alertname: "HighErrorRate", service: "checkout" },
      startsAt: "2026-03-01T10:00:00.123456789+01:00",
      fingerprint: "c6eadffa33fcdf37",
    };
    const firing = alertmanagerSignals(
      ZAlertmanagerPayload.parse(alertmanagerNotification([{ ...alert, status: "firing" }])),
    )[0];
    const resolved = alertmanagerSignals(
      ZAlertmanagerPayload.parse(
        alertmanagerNotification([{ ...alert, status: "resolved", endsAt: "2026-03-01T09:42:30.5+00:00" }]),
      ),
    )[0];
    expect(resolved.incident.externalId).toBe(firing.incident.externalId);
    expect(resolved.eventKey).not.toBe(firing.eventKey);
    expect(firing.incident.startedAt).toBe("2026-03-01T09:00:00.123Z");
    expect(resolved.incident.resolvedAt).toBe("2026-03-01T09:42:30.500Z");
    // the title falls back to the alert's name when there is no summary
    expect(firing.incident.title).toBe("HighErrorRate");
  });

  it("without a fingerprint (Alertmanager before 0.19), key the alert by its sorted labels", () => {
    const at = "2026-03-01T10:00:00Z";
    const a = alertmanagerSignals(
      ZAlertmanagerPayload.parse(
        alertmanagerNotification([{ status: "firing", labels: { alertname: "X", service: "s" }, startsAt: at }]),
      ),
    )[0];
    const b = alertmanagerSignals(
      ZAlertmanagerPayload.parse(
        alertmanagerNotification([{ status: "firing", labels: { service: "s", alertname: "X" }, startsAt: at }]),
      ),
    )[0];
    const c = alertmanagerSignals(
      ZAlertmanagerPayload.parse(
        alertmanagerNotification([{ status: "firing", labels: { alertname: "Y", service: "s" }, startsAt: at }]),
      ),
    )[0];
    expect(a.incident.externalId).toBe(b.incident.externalId);
    expect(a.incident.externalId).not.toBe(c.incident.externalId);
  });

  it("refuse what is not a notification, naming the field", () => {
    const bad = ZAlertmanagerPayload.safeParse({ ...SAMPLE, alerts: [{ ...SAMPLE.alerts[0], startsAt: "yesterday" }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].path).toEqual(["alerts", 0, "startsAt"]);
    expect(ZAlertmanagerPayload.safeParse({ status: "pending", alerts: [] }).success).toBe(false);
  });
});

describe("Opsgenie alert actions", () => {
  const created = Date.parse("2026-03-01T10:00:00Z");
  const closed = Date.parse("2026-03-01T10:25:00Z");

  it("open an incident on Create and close it on Close, at the nanosecond updatedAt", () => {
    const open = opsgenieSignal(
      ZOpsgeniePayload.parse(
        opsgenieAction({
          action: "Create",
          alertId: "052652ac",
          tags: ["sev1", "service:checkout"],
          createdAtMs: created,
          updatedAtMs: created,
        }),
      ),
      new Date(),
    );
    const close = opsgenieSignal(
      ZOpsgeniePayload.parse(
        opsgenieAction({
          action: "Close",
          alertId: "052652ac",
          tags: ["sev1", "service:checkout"],
          createdAtMs: created,
          updatedAtMs: closed,
        }),
      ),
      new Date(),
    );
    expect(open).toMatchObject({
      kind: "signal",
      signal: {
        serviceKey: "checkout",
        incident: { externalId: "opsgenie:052652ac", startedAt: "2026-03-01T10:00:00.000Z", resolvedAt: null },
      },
    });
    expect(close).toMatchObject({
      kind: "signal",
      signal: { incident: { startedAt: "2026-03-01T10:00:00.000Z", resolvedAt: "2026-03-01T10:25:00.000Z" } },
    });
  });

  it("name the service by entity when no service: tag is set, and ignore other actions", () => {
    const payload = ZOpsgeniePayload.parse(
      opsgenieAction({
        action: "Create",
        alertId: "a1",
        entity: "payments",
        createdAtMs: created,
        updatedAtMs: created,
      }),
    );
    expect(opsgenieSignal(payload, new Date())).toMatchObject({ signal: { serviceKey: "payments" } });
    expect(
      opsgenieSignal(
        ZOpsgeniePayload.parse(
          opsgenieAction({ action: "Acknowledge", alertId: "a1", createdAtMs: created, updatedAtMs: closed }),
        ),
        new Date(),
      ),
    ).toEqual({ kind: "ignored", reason: "action Acknowledge is not used" });
  });

  it("read epoch times in ms, µs or ns", () => {
    expect(epochToIso(1420452191104)).toBe("2015-01-05T10:03:11.104Z");
    expect(epochToIso(1420452191104002)).toBe("2015-01-05T10:03:11.104Z");
    expect(epochToIso(1420452193166002000)).toBe("2015-01-05T10:03:13.166Z");
  });
});

describe("shared bearer tokens", () => {
  it("match only the exact token, in constant time", () => {
    expect(bearerMatches("s3cret-token", "Bearer s3cret-token")).toBe(true);
    expect(bearerMatches("s3cret-token", "bearer  s3cret-token ")).toBe(true);
    expect(bearerMatches("s3cret-token", "Bearer s3cret-toke")).toBe(false);
    expect(bearerMatches("s3cret-token", "Basic s3cret-token")).toBe(false);
    expect(bearerMatches("s3cret-token", null)).toBe(false);
  });
});
