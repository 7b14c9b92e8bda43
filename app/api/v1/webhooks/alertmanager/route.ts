import { apiRoute, parseJsonBody } from "@/lib/core/api/route";
import { parseOrThrow } from "@/lib/core/validation";
import { AppError } from "@/lib/core/errors";
import { alertDeliveryResponse, handleAlertSignals, requireSecret, rejectedBy } from "@/lib/delivery/server";
import { ZAlertmanagerPayload, alertmanagerSignals, bearerMatches } from "@/lib/delivery/sources";

// Prometheus Alertmanager's webhook receiver (and Grafana's webhook contact point): each alert is an
// incident of the service its `shipshape_service` (else `service`, `app`, `job`) label names, from
// startsAt to the endsAt of its resolved notification. Authenticated by the receiver's
// `http_config.authorization` credentials (ALERTMANAGER_WEBHOOK_TOKEN), checked in constant time.
export const POST = apiRoute(
  { auth: "none", bodyFormat: "raw", onRejected: rejectedBy("alertmanager") },
  async ({ req, rawBody }) => {
    const token = requireSecret("ALERTMANAGER_WEBHOOK_TOKEN");
    if (!bearerMatches(token, req.headers.get("authorization")))
      throw new AppError("unauthorized", "Send the ALERTMANAGER_WEBHOOK_TOKEN as `Authorization: Bearer <token>`");
    const payload = parseOrThrow(ZAlertmanagerPayload, parseJsonBody(rawBody));
    return alertDeliveryResponse(
      await handleAlertSignals("alertmanager", alertmanagerSignals(payload), (i) => ({
        ...payload.alerts[i],
        receiver: payload.receiver,
        groupKey: payload.groupKey,
      })),
    );
  },
);
