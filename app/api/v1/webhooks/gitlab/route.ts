import { apiRoute, parseJsonBody } from "@/lib/core/api/route";
import { AppError } from "@/lib/core/errors";
import { handleGitlabDelivery, requireSecret, webhookResponse, rejectedBy } from "@/lib/delivery/server";
import { verifyGitlabToken } from "@/lib/delivery/sources";

// GitLab project or group webhooks: Deployment, Push and Merge Request events. The secret token
// comes back in X-Gitlab-Token and is compared in constant time before the body is read. A delivery
// is identified by its Idempotency-Key (the same on GitLab's retries) or X-Gitlab-Event-UUID; a
// replay is a no-op, and a project no service has is kept as unmatched (202).
export const POST = apiRoute(
  { auth: "none", bodyFormat: "raw", onRejected: rejectedBy("gitlab") },
  async ({ req, rawBody }) => {
    const token = requireSecret("GITLAB_WEBHOOK_TOKEN");
    if (!verifyGitlabToken(token, req.headers.get("x-gitlab-token")))
      throw new AppError("unauthorized", "The X-Gitlab-Token does not match GITLAB_WEBHOOK_TOKEN");
    const deliveryId = req.headers.get("idempotency-key") ?? req.headers.get("x-gitlab-event-uuid");
    if (!deliveryId)
      throw new AppError("validation_failed", "X-Gitlab-Event-UUID header is required", [
        { path: "X-Gitlab-Event-UUID", message: "is required" },
      ]);
    return webhookResponse(
      await handleGitlabDelivery(deliveryId, req.headers.get("x-gitlab-event"), parseJsonBody(rawBody)),
      "gitlab",
    );
  },
);
