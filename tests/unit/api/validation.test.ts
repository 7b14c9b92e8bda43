import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseOrThrow, validationError } from "@/lib/core/validation";
import { AppError } from "@/lib/core/errors";
import { ZTeamInput } from "@/lib/catalog/schemas";
import { ZIsoDateTime } from "@/lib/core/schemas";

describe("validation errors", () => {
  it("report every invalid field with a dotted path, in the contract's shape", () => {
    const schema = z.object({ deployments: z.array(z.object({ finishedAt: ZIsoDateTime })) });
    const result = schema.safeParse({
      deployments: [{ finishedAt: "2026-01-01T00:00:00Z" }, { finishedAt: "yesterday" }],
    });
    expect(result.success).toBe(false);
    const error = validationError((result as { error: z.ZodError }).error);
    expect(error.code).toBe("validation_failed");
    expect(error.status).toBe(400);
    expect(error.message).toBe("1 field is invalid");
    expect(error.details).toEqual([{ path: "deployments.1.finishedAt", message: "must be an ISO-8601 date-time" }]);
  });

  it("say a missing field 'is required' and count fields", () => {
    try {
      parseOrThrow(ZTeamInput, { slug: "Not A Slug" });
      expect.unreachable();
    } catch (e) {
      const error = e as AppError;
      expect(error.message).toBe("2 fields are invalid");
      expect(error.details).toContainEqual({ path: "name", message: "is required" });
      expect(error.details).toContainEqual({
        path: "slug",
        message: "must be lower-case letters, digits and single hyphens",
      });
    }
  });

  it("returns parsed data when valid (trimmed)", () => {
    expect(parseOrThrow(ZTeamInput, { slug: "payments", name: "  Payments " })).toEqual({
      slug: "payments",
      name: "Payments",
    });
  });
});
