import { Badge } from "@/components/ui/badge";

const TIER_TONE = { 1: "danger", 2: "warning", 3: "neutral" } as const;

export function TierBadge({ tier }: { tier: number }) {
  const tone = TIER_TONE[tier as 1 | 2 | 3] ?? "neutral";
  return (
    <Badge
      tone={tone}
      title={
        tier === 1 ? "Tier 1: business-critical" : tier === 2 ? "Tier 2: important" : "Tier 3: internal or low impact"
      }
    >
      Tier {tier}
    </Badge>
  );
}

const LIFECYCLE_TONE = { production: "success", experimental: "primary", deprecated: "neutral" } as const;

export function LifecycleBadge({ lifecycle }: { lifecycle: string }) {
  return <Badge tone={LIFECYCLE_TONE[lifecycle as keyof typeof LIFECYCLE_TONE] ?? "neutral"}>{lifecycle}</Badge>;
}
