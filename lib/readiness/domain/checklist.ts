// Checklist progress, pure. An item is *resolved* when it is done, not applicable, or covered by an
// approved waiver that has not expired. An expired waiver leaves the item open again, visibly.
// Progress is weighted by item weight. Items required for the service's tier must be done or
// waived (not applicable does not satisfy a requirement).

export type ItemStatus = "open" | "done" | "not_applicable" | "waived";
export type EffectiveStatus = ItemStatus;

export type ChecklistItemDef = { key: string; categoryKey: string; requiredForTiers: number[]; weight: number };
export type ChecklistState = { itemKey: string; status: ItemStatus };
export type WaiverWindow = {
  itemKey: string;
  status: "pending" | "approved" | "rejected" | "revoked";
  expiresAt: Date;
};

export type EffectiveItem = {
  status: EffectiveStatus;
  /** The item was waived, and the waiver has run out. */
  waiverExpired: boolean;
  /** Expiry of the waiver covering the item now. */
  waivedUntil: Date | null;
};

export function activeWaiver(waivers: WaiverWindow[], itemKey: string, now: Date): WaiverWindow | null {
  const live = waivers.filter(
    (w) => w.itemKey === itemKey && w.status === "approved" && w.expiresAt.getTime() > now.getTime(),
  );
  return live.sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime())[0] ?? null;
}

export function effectiveItem(
  state: ChecklistState | undefined,
  waivers: WaiverWindow[],
  itemKey: string,
  now: Date,
): EffectiveItem {
  const waiver = activeWaiver(waivers, itemKey, now);
  const stored = state?.status ?? "open";
  if (stored === "waived") {
    return waiver
      ? { status: "waived", waiverExpired: false, waivedUntil: waiver.expiresAt }
      : { status: "open", waiverExpired: true, waivedUntil: null };
  }
  return { status: stored, waiverExpired: false, waivedUntil: null };
}

export const isResolved = (s: EffectiveStatus) => s === "done" || s === "not_applicable" || s === "waived";
export const satisfiesRequirement = (s: EffectiveStatus) => s === "done" || s === "waived";

export type Tally = { resolved: number; total: number; weightResolved: number; weightTotal: number; percent: number };

function tally(items: Array<{ weight: number; resolved: boolean }>): Tally {
  const weightTotal = items.reduce((s, i) => s + i.weight, 0);
  const weightResolved = items.filter((i) => i.resolved).reduce((s, i) => s + i.weight, 0);
  return {
    resolved: items.filter((i) => i.resolved).length,
    total: items.length,
    weightResolved,
    weightTotal,
    percent: weightTotal === 0 ? 100 : Math.round((weightResolved / weightTotal) * 1000) / 10,
  };
}

export type ChecklistProgress = {
  overall: Tally;
  byCategory: Record<string, Tally>;
  required: { satisfied: number; total: number; missing: string[] };
  statuses: Record<string, EffectiveItem>;
};

export function checklistProgress(
  items: ChecklistItemDef[],
  states: ChecklistState[],
  waivers: WaiverWindow[],
  tier: number,
  now: Date,
): ChecklistProgress {
  const byKey = new Map(states.map((s) => [s.itemKey, s]));
  const statuses: Record<string, EffectiveItem> = {};
  for (const item of items) statuses[item.key] = effectiveItem(byKey.get(item.key), waivers, item.key, now);
  const rows = items.map((i) => ({ ...i, resolved: isResolved(statuses[i.key].status) }));
  const categories = [...new Set(items.map((i) => i.categoryKey))];
  const required = items.filter((i) => i.requiredForTiers.includes(tier));
  const missing = required.filter((i) => !satisfiesRequirement(statuses[i.key].status)).map((i) => i.key);
  return {
    overall: tally(rows),
    byCategory: Object.fromEntries(categories.map((c) => [c, tally(rows.filter((r) => r.categoryKey === c))])),
    required: { satisfied: required.length - missing.length, total: required.length, missing },
    statuses,
  };
}

/** Items required for the tier first, then template order; stable. */
export function orderItems<T extends ChecklistItemDef & { position: number }>(items: T[], tier: number): T[] {
  return [...items].sort((a, b) => {
    const ra = a.requiredForTiers.includes(tier) ? 0 : 1;
    const rb = b.requiredForTiers.includes(tier) ? 0 : 1;
    return ra - rb || a.position - b.position;
  });
}
