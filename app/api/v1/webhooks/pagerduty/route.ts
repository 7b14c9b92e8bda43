import { apiRoute, parseJsonBody } from "@/lib/core/api/route";
import { requireSecret, webhookResponse, rejectedBy } from "@/lib/delivery/server";
import { handlePagerdutyDelivery } from "@/lib/delivery/server";
import { AppError } from "@/lib/core/errors";
import { verifyPagerdutySignature } from "@/lib/delivery/sources";

// The signature is checked over the raw bytes before the JSON is parsed.
// PagerDuty v3 webhooks, signed with X-PagerDuty-Signature (v1=<hex>). incident.triggered and
// incident.resolved are recorded; every other well-signed event (the test ping, notes,
// acknowledgements…) is acknowledged with 202 and counted as ignored, never refused, because PagerDuty
// disables a subscription after repeated 4xx. Services are matched by their PagerDuty service id;
// unknown ones are kept as unmatched (202).
export const POST = apiRoute(
  { auth: "none", bodyFormat: "raw", onRejected: rejectedBy("pagerduty") },
  async ({ req, rawBody }) => {
    const secret = requireSecret("PAGERDUTY_WEBHOOK_SECRET");
    if (!verifyPagerdutySignature(secret, rawBody, req.headers.get("x-pagerduty-signature"))) {
      throw new AppError("unauthorized", "The X-PagerDuty-Signature does not match the body");
    }
    return webhookResponse(await handlePagerdutyDelivery(parseJsonBody(rawBody)), "pagerduty");
  },
);
