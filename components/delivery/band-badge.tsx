import { Badge } from "@/components/ui/badge";
import type { Band } from "@/lib/delivery/domain";

const TONES = { elite: "success", high: "primary", medium: "warning", low: "danger" } as const;

export function BandBadge({ band }: { band: Band | null }) {
  if (!band) return <Badge>no data</Badge>;
  return <Badge tone={TONES[band]}>{band}</Badge>;
}
