import { apiRoute } from "@/lib/core/api/route";
import { requireSecret, webhookResponse } from "@/lib/delivery/server";
import { handlePagerdutyDelivery } from "@/lib/delivery/server";
import { AppError } from "@/lib/core/errors";
import { verifyPagerdutySignature } from "@/lib/delivery/sources";

// PagerDuty v3 incident.triggered / incident.resolved. Signed with X-PagerDuty-Signature (v1=<hex>);
// services are matched by their PagerDuty service id; unknown ones are kept as unmatched (202).
export const POST = apiRoute<unknown>({ auth: "none", bodyFormat: "json" }, async ({ req, rawBody, body }) => {
  const secret = requireSecret("PAGERDUTY_WEBHOOK_SECRET");
  if (!verifyPagerdutySignature(secret, rawBody, req.headers.get("x-pagerduty-signature"))) {
    throw new AppError("unauthorized", "The X-PagerDuty-Signature does not match the body");
  }
  return webhookResponse(await handlePagerdutyDelivery(body));
});
