import "server-only";
import { mrkdwn } from "@/lib/notifications/domain";
import { prisma } from "@/lib/core/db/client";
import { can, type Actor, authorize } from "@/lib/core/auth/permissions";
import { AppError, conflict, forbidden, notFound } from "@/lib/core/errors";
import { recordAudit } from "@/lib/core/db/audit";
import { loadServiceForChange } from "./checklists";
import { enqueueNotification, publicUrl } from "@/lib/notifications/server";

const serviceSummary = { slug: true, name: true, tier: true, team: { select: { name: true, slug: true } } } as const;

/** Open review requests first (oldest first: first come, first served), then recent decisions. */
export async function listReviewQueue(actor: Actor | null) {
  authorize(actor, "read");
  const [open, decided] = await prisma.$transaction([
    prisma.review.findMany({
      where: { status: "requested" },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        status: true,
        createdAt: true,
        requestNote: true,
        serviceId: true,
        service: { select: serviceSummary },
      },
    }),
    prisma.review.findMany({
      where: { status: { in: ["approved", "changes_requested"] } },
      orderBy: { decidedAt: "desc" },
      take: 20,
      select: {
        id: true,
        status: true,
        createdAt: true,
        decidedAt: true,
        requestNote: true,
        service: { select: serviceSummary },
      },
    }),
  ]);
  return { open, decided };
}

export async function requestReview(input: { serviceSlug: string; note?: string | null }, actor: Actor) {
  const service = await loadServiceForChange(input.serviceSlug, actor, "review.request");
  if (actor.kind !== "user") throw forbidden("Reviews are requested by people, not API tokens");
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`review:${service.id}`}))`;
    const open = await tx.review.findFirst({
      where: { serviceId: service.id, status: "requested" },
      select: { id: true },
    });
    if (open) throw conflict(`A review of ${service.name} is already waiting for the platform team`);
    const review = await tx.review.create({
      data: { serviceId: service.id, requestedById: actor.id, requestNote: input.note ?? null },
    });
    await recordAudit(tx, actor, {
      action: "review.request",
      entityType: "review",
      entityId: review.id,
      serviceId: service.id,
      data: { note: input.note ?? null },
    });
    const team = await tx.team.findUniqueOrThrow({ where: { id: service.teamId }, select: { slug: true } });
    await enqueueNotification(tx, {
      event: "review.requested",
      summary: mrkdwn`${actor.name ?? actor.email} requested a readiness review of *${service.name}*`,
      team: team.slug,
      teamId: service.teamId,
      service: input.serviceSlug,
      url: publicUrl(`/reviews/${review.id}`),
      data: { review: review.id, note: input.note ?? null },
      occurredAt: review.createdAt,
    });
    return review;
  });
}

export type TReviewDecision = { reviewId: string; decision: "approve" | "request_changes"; comment?: string | null };

export async function decideReview(input: TReviewDecision, actor: Actor) {
  authorize(actor, "review.decide", null, "approve reviews or request changes");
  if (actor.kind !== "user") throw forbidden("Reviews are decided by people, not API tokens");
  if (input.decision === "request_changes" && !input.comment?.trim()) {
    throw new AppError("validation_failed", "Say what needs to change", [
      { path: "comment", message: "is required when requesting changes" },
    ]);
  }
  return prisma.$transaction(async (tx) => {
    const review = await tx.review.findUnique({
      where: { id: input.reviewId },
      select: {
        id: true,
        status: true,
        serviceId: true,
        service: { select: { slug: true, name: true, teamId: true, team: { select: { slug: true } } } },
      },
    });
    if (!review) throw notFound("Review");
    const status = input.decision === "approve" ? "approved" : "changes_requested";
    const claimed = await tx.review.updateMany({
      where: { id: review.id, status: "requested" },
      data: { status, decidedById: actor.id, decidedAt: new Date() },
    });
    if (claimed.count === 0) throw conflict(`This review was already ${review.status.replace("_", " ")}`);
    if (input.comment?.trim())
      await tx.reviewComment.create({ data: { reviewId: review.id, authorId: actor.id, body: input.comment.trim() } });
    await recordAudit(tx, actor, {
      action: `review.${status}`,
      entityType: "review",
      entityId: review.id,
      serviceId: review.serviceId,
      data: { comment: input.comment ?? null },
    });
    await enqueueNotification(tx, {
      event: "review.decided",
      summary:
        mrkdwn`${actor.name ?? actor.email} ${status === "approved" ? "approved" : "requested changes to"} the readiness review of *${review.service.name}*` +
        (input.comment?.trim() ? mrkdwn`: “${input.comment.trim().slice(0, 200)}”` : ""),
      team: review.service.team.slug,
      teamId: review.service.teamId,
      service: review.service.slug,
      url: publicUrl(`/reviews/${review.id}`),
      data: { review: review.id, decision: status, comment: input.comment ?? null },
      occurredAt: new Date(),
    });
    return { id: review.id, serviceId: review.serviceId, status };
  });
}

export async function commentOnReview(input: { reviewId: string; body: string }, actor: Actor) {
  if (actor.kind !== "user") throw forbidden("Comments are written by people, not API tokens");
  const review = await prisma.review.findUnique({
    where: { id: input.reviewId },
    select: { id: true, serviceId: true, service: { select: { teamId: true } } },
  });
  if (!review) throw notFound("Review");
  // The review's owners and the platform team talk in it.
  if (!can(actor, "review.decide"))
    authorize(actor, "review.request", { teamId: review.service.teamId }, "comment on this review");
  return prisma.$transaction(async (tx) => {
    const comment = await tx.reviewComment.create({
      data: { reviewId: review.id, authorId: actor.id, body: input.body.trim() },
    });
    await recordAudit(tx, actor, {
      action: "review.comment",
      entityType: "review",
      entityId: review.id,
      serviceId: review.serviceId,
      data: { body: input.body.trim() },
    });
    return comment;
  });
}

/** A service's reviews, newest first, with comments and people's names. */
export async function listServiceReviews(actor: Actor | null, serviceId: string) {
  authorize(actor, "read");
  const reviews = await prisma.review.findMany({
    where: { serviceId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      status: true,
      requestNote: true,
      createdAt: true,
      decidedAt: true,
      requestedById: true,
      decidedById: true,
      comments: { orderBy: { createdAt: "asc" }, select: { id: true, body: true, createdAt: true, authorId: true } },
    },
  });
  const ids = new Set<string>();
  for (const r of reviews) {
    ids.add(r.requestedById);
    if (r.decidedById) ids.add(r.decidedById);
    for (const c of r.comments) ids.add(c.authorId);
  }
  const users = new Map(
    (
      await prisma.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, email: true } })
    ).map((u) => [u.id, u.name ?? u.email]),
  );
  const name = (id: string | null) => (id ? (users.get(id) ?? "former user") : null);
  return reviews.map((r) => ({
    ...r,
    requestedBy: name(r.requestedById),
    decidedBy: name(r.decidedById),
    comments: r.comments.map((c) => ({ ...c, author: name(c.authorId) })),
  }));
}

export async function getReview(actor: Actor | null, id: string) {
  authorize(actor, "read");
  return prisma.review.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      requestNote: true,
      createdAt: true,
      decidedAt: true,
      serviceId: true,
      service: { select: { ...serviceSummary, id: true, teamId: true } },
    },
  });
}
