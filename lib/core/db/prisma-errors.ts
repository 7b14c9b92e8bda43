import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/core/errors";

/** Maps Prisma's known errors to expected ones; rethrows anything else unchanged. */
export function mapPrismaError(error: unknown, what: string): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") throw new AppError("conflict", `${what} already exists`);
    if (error.code === "P2025") throw new AppError("not_found", `${what} not found`);
  }
  throw error;
}
