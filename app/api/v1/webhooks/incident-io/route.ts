import { apiRoute, parseJsonBody } from "@/lib/core/api/route";
import { parseOrThrow } from "@/lib/core/validation";
import { AppError } from "@/lib/core/errors";
import { alertDeliveryResponse, handleAlertSignals, requireSecret, rejectedBy } from "@/lib/delivery/server";
import { ZIncidentIoPayload, incidentIoSignal, verifyIncidentIoSignature } from "@/lib/delivery/sources";

// incident.io webhooks, signed by Svix (Standard Webhooks: webhook-id, webhook-timestamp and
// webhook-signature, or their svix-* names) with INCIDENT_IO_WEBHOOK_SECRET, checked over the raw
// body before it is read. Incident created, updated and status-updated events are recorded by the
// service their "Service" or "Affected services" custom field names; the message id makes a retry a
// no-op; other events are acknowledged and ignored.
export const POST = apiRoute(
  { auth: "none", bodyFormat: "raw", onRejected: rejectedBy("incidentio") },
  async ({ req, rawBody }) => {
    const secret = requireSecret("INCIDENT_IO_WEBHOOK_SECRET");
    const header = (name: string) => req.headers.get(`webhook-${name}`) ?? req.headers.get(`svix-${name}`);
    const id = header("id");
    if (
      !verifyIncidentIoSignature(secret, rawBody, {
        id,
        timestamp: header("timestamp"),
        signature: header("signature"),
      })
    )
      throw new AppError("unauthorized", "The webhook-signature does not match the body (or its timestamp is too old)");
    const payload = parseOrThrow(ZIncidentIoPayload, parseJsonBody(rawBody));
    const mapped = incidentIoSignal(payload, id ?? "");
    return alertDeliveryResponse(
      mapped.kind === "signal"
        ? await handleAlertSignals("incidentio", [mapped.signal], () => payload)
        : await handleAlertSignals("incidentio", [], () => payload, [mapped.reason]),
    );
  },
);
