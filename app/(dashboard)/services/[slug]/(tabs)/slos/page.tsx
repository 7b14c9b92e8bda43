import type { Metadata } from "next";
import { Gauge } from "lucide-react";
import { notFound } from "next/navigation";
import { YamlImportForm } from "@/components/catalog/import-form";
import { CreateSloForm } from "@/components/slo/create-slo-form";
import { PolicyForm } from "@/components/slo/policy-form";
import { SloCard } from "@/components/slo/slo-card";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { importSloAction } from "@/lib/slo/actions";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { getServiceBySlug } from "@/lib/catalog/server";
import {
  burnDownSeries,
  burnRateSeries,
  evaluate,
  getSloSource,
  listServiceSlos,
  type SloImportResult,
} from "@/lib/slo/server";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `SLOs · ${(await params).slug}` };
}

export default async function ServiceSlosPage({ params }: Props) {
  const user = await requireUser();
  const { slug } = await params;
  const service = await getServiceBySlug(user, slug);
  if (!service) notFound();
  const now = new Date();
  const slos = await listServiceSlos(user, service.id);
  const cards = await Promise.all(
    slos.map(async (s) => ({
      slo: s,
      evaluation: await evaluate(user, s, now),
      burnDown: await burnDownSeries(user, s, now),
      burnRates: await burnRateSeries(user, s, now),
      source: await getSloSource(s.id, user),
    })),
  );
  const errorBudgetPolicy = service.errorBudgetPolicy;
  const canDefine = can(user, "slo.define", { teamId: service.teamId }) && !service.archivedAt;
  return (
    <div className="grid grid-cols-1 gap-6">
      {cards.length === 0 ? (
        <Card>
          <EmptyState icon={Gauge} title="No SLOs yet">
            Define one below, import an OpenSLO or Sloth file, or use{" "}
            <code className="font-mono">POST /api/v1/slos</code>.
          </EmptyState>
        </Card>
      ) : (
        cards.map((c) => (
          <SloCard
            key={c.slo.id}
            evaluation={c.evaluation}
            description={c.slo.description}
            burnDown={c.burnDown}
            burnRates={c.burnRates}
            policy={errorBudgetPolicy}
            source={c.source}
            now={now}
          />
        ))
      )}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        {canDefine ? (
          <Card>
            <CardHeader>
              <div>
                <CardTitle>New SLO</CardTitle>
                <CardDescription>
                  Samples go to POST /api/v1/sli as good and total counts per 5 minutes.
                </CardDescription>
              </div>
            </CardHeader>
            <CardContent>
              <CreateSloForm service={service.slug} />
            </CardContent>
          </Card>
        ) : null}
        {canDefine ? (
          <Card>
            <CardHeader>
              <div>
                <CardTitle>Import SLOs</CardTitle>
                <CardDescription>
                  OpenSLO (kind: SLO) or Sloth (version: prometheus/v1) YAML. Objective, window, names and Prometheus
                  queries carry over; with PROMETHEUS_URL set, the SLOs pull their samples.
                </CardDescription>
              </div>
            </CardHeader>
            <CardContent>
              <YamlImportForm<SloImportResult>
                action={importSloAction}
                fileLabel="SLO YAML"
                placeholder={`version: "prometheus/v1"\nservice: "${service.slug}"\nslos:\n  - name: "requests-availability"\n    objective: 99.9\n    description: "Common SLO based on availability for HTTP request responses."`}
                submitLabel="Import SLOs"
              />
            </CardContent>
          </Card>
        ) : null}
        {can(user, "policy.edit") ? (
          <Card>
            <CardHeader>
              <CardTitle>Error-budget policy</CardTitle>
            </CardHeader>
            <CardContent>
              <PolicyForm service={service.slug} policy={errorBudgetPolicy} />
            </CardContent>
          </Card>
        ) : errorBudgetPolicy ? (
          <Card>
            <CardHeader>
              <CardTitle>Error-budget policy</CardTitle>
            </CardHeader>
            <CardContent className="text-sm">{errorBudgetPolicy}</CardContent>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
