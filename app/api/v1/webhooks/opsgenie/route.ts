import { apiRoute, parseJsonBody } from "@/lib/core/api/route";
import { parseOrThrow } from "@/lib/core/validation";
import { AppError } from "@/lib/core/errors";
import { alertDeliveryResponse, handleAlertSignals, requireSecret, rejectedBy } from "@/lib/delivery/server";
import { ZOpsgeniePayload, bearerMatches, opsgenieSignal } from "@/lib/delivery/sources";

// Opsgenie's outgoing webhook integration: an alert is an incident from Create to Close, of the
// service named by its `service:<slug>` tag (else its entity). Other actions are acknowledged and
// ignored. Authenticated by a custom header on the integration (OPSGENIE_WEBHOOK_TOKEN as Bearer).
export const POST = apiRoute(
  { auth: "none", bodyFormat: "raw", onRejected: rejectedBy("opsgenie") },
  async ({ req, rawBody }) => {
    const token = requireSecret("OPSGENIE_WEBHOOK_TOKEN");
    if (!bearerMatches(token, req.headers.get("authorization")))
      throw new AppError("unauthorized", "Send the OPSGENIE_WEBHOOK_TOKEN as `Authorization: Bearer <token>`");
    const payload = parseOrThrow(ZOpsgeniePayload, parseJsonBody(rawBody));
    const mapped = opsgenieSignal(payload, new Date());
    return alertDeliveryResponse(
      mapped.kind === "signal"
        ? await handleAlertSignals("opsgenie", [mapped.signal], () => payload)
        : await handleAlertSignals("opsgenie", [], () => payload, [mapped.reason]),
    );
  },
);
