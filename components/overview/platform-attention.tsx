import { AlertTriangle, ClipboardCheck, Hourglass, PlugZap, TrendingDown } from "lucide-react";
import { AttentionList, type AttentionRow } from "./attention-list";

export const EXPIRY_DAYS = 14;

export type AttentionData = { count: number; rows: AttentionRow[] };
export type PlatformAttentionData = {
  reviews: AttentionData;
  decisions: AttentionData;
  expiring: AttentionData;
  drops: AttentionData & { window: string | null };
  unmatched: AttentionData;
  sources: AttentionData;
};

/**
 * The platform team's overview: what waits for it (reviews, waiver and exemption requests), what is
 * about to change (expiring waivers and exemptions), what got worse (services that dropped a level),
 * and what is not flowing in (unmatched events, failing metrics sources).
 */
export function PlatformAttention({ data }: { data: PlatformAttentionData }) {
  return (
    <section aria-labelledby="attention" className="mb-6">
      <h2 id="attention" className="mb-3 text-sm font-semibold tracking-tight">
        Needs your attention
      </h2>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
        <AttentionList
          icon={ClipboardCheck}
          title="Reviews waiting"
          description="Readiness reviews requested, oldest first"
          {...data.reviews}
          all={{ href: "/reviews", label: "All reviews" }}
          empty="No review is waiting."
        />
        <AttentionList
          icon={Hourglass}
          title="Requests to decide"
          description="Waivers and rule exemptions asked for"
          {...data.decisions}
          all={{ href: "/waivers?status=pending", label: "Waivers and exemptions" }}
          empty="Nothing to decide."
        />
        <AttentionList
          icon={Hourglass}
          title={`Expiring in ${EXPIRY_DAYS} days`}
          description="Waivers and exemptions about to end: their rules fail again"
          {...data.expiring}
          all={{ href: "/waivers?status=active", label: "Active waivers" }}
          empty={`Nothing expires in the next ${EXPIRY_DAYS} days.`}
        />
        <AttentionList
          icon={TrendingDown}
          title="Dropped a level"
          description={data.drops.window ? `Daily snapshots, ${data.drops.window}` : "Daily snapshots, last 7 days"}
          count={data.drops.count}
          rows={data.drops.rows}
          all={{ href: "/scorecards", label: "Organisation scorecards" }}
          empty="No service dropped a level this week."
        />
        <AttentionList
          icon={PlugZap}
          title="Unmatched events"
          description="Deliveries that name no known service: map them and they count"
          {...data.unmatched}
          all={{ href: "/settings/integrations#unmatched", label: "Map them" }}
          empty="Every event matched a service."
        />
        <AttentionList
          icon={AlertTriangle}
          title="Stale metrics sources"
          description="SLO sources whose last pull failed"
          {...data.sources}
          all={{ href: "/settings/integrations", label: "Integrations" }}
          empty="Every metrics source is pulling."
        />
      </div>
    </section>
  );
}
