"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { saveRoiAssumptions } from "@/lib/leadership/server/roi";
import { ZRoiAssumptions } from "@/lib/leadership/domain/roi";
import { authedAction } from "@/lib/core/auth/action";

const amount = z.preprocess(
  (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.replace(/[,\s]/g, "")) : v),
  z.number({ error: "must be a number" }),
);

// The form's flat fields, mapped onto the assumptions' shape; ZRoiAssumptions then checks ranges.
const ZAssumptionsForm = z
  .object({
    currency: z.string().trim().toUpperCase(),
    tier1: amount,
    tier2: amount,
    tier3: amount,
    engineerCostPerHour: amount,
    remediationHoursPerFailedChange: amount,
    baselineFrom: z.string(),
    baselineTo: z.string(),
  })
  .transform((f) => ({
    currency: f.currency,
    downtimeCostPerHour: { "1": f.tier1, "2": f.tier2, "3": f.tier3 },
    engineerCostPerHour: f.engineerCostPerHour,
    remediationHoursPerFailedChange: f.remediationHoursPerFailedChange,
    baseline: { from: f.baselineFrom, to: f.baselineTo },
  }))
  .pipe(ZRoiAssumptions);

export const saveAssumptionsAction = authedAction(ZAssumptionsForm, async (input, user) => {
  await saveRoiAssumptions(input, user);
  revalidatePath("/leadership", "layout");
  return { status: "success", message: "Assumptions saved. Every ROI figure now uses them." };
});
