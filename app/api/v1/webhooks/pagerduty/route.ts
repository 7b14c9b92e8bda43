import { apiRoute } from "@/lib/api/handler";
import { requireSecret, webhookResponse } from "@/lib/api/webhook";
import { handlePagerdutyDelivery } from "@/lib/data/webhooks";
import { AppError } from "@/lib/errors";
import { verifyPagerdutySignature } from "@/lib/ingest/pagerduty";

// PagerDuty v3 incident.triggered / incident.resolved. Signed with X-PagerDuty-Signature (v1=<hex>);
// services are matched by their PagerDuty service id; unknown ones are kept as unmatched (202).
export const POST = apiRoute<unknown>({ auth: "none", bodyFormat: "json" }, async ({ req, rawBody, body }) => {
  const secret = requireSecret("PAGERDUTY_WEBHOOK_SECRET");
  if (!verifyPagerdutySignature(secret, rawBody, req.headers.get("x-pagerduty-signature"))) {
    throw new AppError("unauthorized", "The X-PagerDuty-Signature does not match the body");
  }
  return webhookResponse(await handlePagerdutyDelivery(body));
});
