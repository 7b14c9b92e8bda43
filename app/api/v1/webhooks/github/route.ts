import { apiRoute } from "@/lib/core/api/route";
import { requireSecret, webhookResponse, rejectedBy } from "@/lib/delivery/server";
import { handleGithubDelivery } from "@/lib/delivery/server";
import { AppError } from "@/lib/core/errors";
import { decodeGithubBody, verifyGithubSignature } from "@/lib/delivery/sources";

// GitHub `deployment_status`, `push` and `pull_request` events, as application/json or form-encoded
// (payload=); pushes and merged pull requests give later deployments their commits and lead time. Signed with
// X-Hub-Signature-256 over the raw bytes, checked before the body is decoded; a replayed
// X-GitHub-Delivery is a no-op; an unknown repository is kept as unmatched (202), never dropped.
export const POST = apiRoute(
  { auth: "none", bodyFormat: "raw", onRejected: rejectedBy("github") },
  async ({ req, rawBody }) => {
    const secret = requireSecret("GITHUB_WEBHOOK_SECRET");
    if (!verifyGithubSignature(secret, rawBody, req.headers.get("x-hub-signature-256"))) {
      throw new AppError("unauthorized", "The X-Hub-Signature-256 signature does not match the body");
    }
    const deliveryId = req.headers.get("x-github-delivery");
    if (!deliveryId)
      throw new AppError("validation_failed", "X-GitHub-Delivery header is required", [
        { path: "X-GitHub-Delivery", message: "is required" },
      ]);
    return webhookResponse(
      await handleGithubDelivery(
        deliveryId,
        req.headers.get("x-github-event"),
        decodeGithubBody(rawBody, req.headers.get("content-type")),
      ),
      "github",
    );
  },
);
