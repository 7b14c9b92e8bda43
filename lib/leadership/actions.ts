"use server";

import { revalidatePath } from "next/cache";
import { saveRoiAssumptions } from "@/lib/leadership/server/roi";
import { authedAction } from "@/lib/core/auth/action";
import { ZAssumptionsForm } from "@/lib/leadership/schemas";

// The form's flat fields, mapped onto the assumptions' shape; ZRoiAssumptions then checks ranges.

export const saveAssumptionsAction = authedAction(ZAssumptionsForm, async (input, user) => {
  await saveRoiAssumptions(input, user);
  revalidatePath("/leadership", "layout");
  return { status: "success", message: "Assumptions saved. Every ROI figure now uses them." };
});
