import "server-only";
import { prisma } from "@/lib/db";

/** Open review requests first (oldest first: first come, first served), then recent decisions. */
export async function listReviewQueue() {
  const [open, decided] = await prisma.$transaction([
    prisma.review.findMany({
      where: { status: "requested" },
      orderBy: { createdAt: "asc" },
      select: { id: true, status: true, createdAt: true, requestNote: true, service: { select: { slug: true, name: true, tier: true, team: { select: { name: true } } } } },
    }),
    prisma.review.findMany({
      where: { status: { in: ["approved", "changes_requested"] } },
      orderBy: { decidedAt: "desc" },
      take: 20,
      select: { id: true, status: true, createdAt: true, decidedAt: true, requestNote: true, service: { select: { slug: true, name: true, tier: true, team: { select: { name: true } } } } },
    }),
  ]);
  return { open, decided };
}
