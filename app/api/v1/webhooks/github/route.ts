import { apiRoute } from "@/lib/core/api/route";
import { requireSecret, webhookResponse } from "@/lib/delivery/server";
import { handleGithubDelivery } from "@/lib/delivery/server";
import { AppError } from "@/lib/core/errors";
import { verifyGithubSignature } from "@/lib/delivery/sources";

// GitHub `deployment_status` events. Signed with X-Hub-Signature-256 over the raw bytes; a replayed
// X-GitHub-Delivery is a no-op; an unknown repository is kept as unmatched (202), never dropped.
export const POST = apiRoute<unknown>({ auth: "none", bodyFormat: "json" }, async ({ req, rawBody, body }) => {
  const secret = requireSecret("GITHUB_WEBHOOK_SECRET");
  if (!verifyGithubSignature(secret, rawBody, req.headers.get("x-hub-signature-256"))) {
    throw new AppError("unauthorized", "The X-Hub-Signature-256 signature does not match the body");
  }
  const deliveryId = req.headers.get("x-github-delivery");
  if (!deliveryId)
    throw new AppError("validation_failed", "X-GitHub-Delivery header is required", [
      { path: "X-GitHub-Delivery", message: "is required" },
    ]);
  return webhookResponse(await handleGithubDelivery(deliveryId, req.headers.get("x-github-event"), body));
});
