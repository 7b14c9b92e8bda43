import type { Metadata } from "next";
import { Download } from "lucide-react";
import { notFound } from "next/navigation";
import { ScorecardSettingsForm } from "@/components/scorecards/create-scorecard-form";
import { LevelBadge } from "@/components/scorecards/level-badge";
import { RuleEditor } from "@/components/scorecards/rule-editor";
import { ActionButton } from "@/components/ui/action-button";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { deleteRuleAction } from "@/lib/scorecards/actions";
import { can } from "@/lib/core/auth/permissions";
import { requireUser } from "@/lib/core/auth/session";
import { listChecklistCategoryKeys } from "@/lib/readiness/server";
import { listFactKeys, listScorecardDefinitions } from "@/lib/scorecards/server";
import { listServiceOptions } from "@/lib/catalog/server";
import { listScorecardChanges } from "@/lib/scorecards/server";
import { formatDateTime } from "@/lib/core/format";
import { cn } from "@/lib/core/cn";
import { DOCUMENT_FIELDS, LEVELS, describeScope } from "@/lib/scorecards/domain";
import { describeCheck } from "@/lib/scorecards/domain";

type Props = { params: Promise<{ key: string }>; searchParams: Promise<{ saved?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${(await params).key} · Scorecards` };
}

const ACTION_LABEL: Record<string, string> = {
  "scorecard.create": "created the scorecard",
  "scorecard.update": "changed the scorecard",
  "scorecard.rule.create": "added a rule",
  "scorecard.rule.update": "edited a rule",
  "scorecard.rule.delete": "deleted a rule",
};

export default async function ScorecardEditorPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const [{ key }, { saved }] = await Promise.all([params, searchParams]);
  const card = (await listScorecardDefinitions(user)).find((c) => c.key === key);
  if (!card) notFound();
  const savedRule = typeof saved === "string" ? card.rules.find((r) => r.key === saved) : undefined;
  const canManage = can(user, "scorecard.manage");
  const [changes, categoryKeys, factKeys, services] = await Promise.all([
    listScorecardChanges(user, card.id),
    listChecklistCategoryKeys(user),
    canManage ? listFactKeys(user) : [],
    canManage ? listServiceOptions(user) : [],
  ]);
  const editorData = {
    categories: categoryKeys,
    factKeys,
    servicesListId: "rule-preview-services",
    fields: DOCUMENT_FIELDS,
  };
  return (
    <>
      <PageHeader
        title={card.name}
        description={
          <>
            {card.description ? <span className="block">{card.description}</span> : null}
            <span className="block" data-testid="scorecard-scope">
              Applies to: {describeScope(card.scope)}
            </span>
          </>
        }
        actions={
          <a
            href={`/settings/scorecards/${card.key}/export.yaml`}
            className={buttonVariants({ variant: "secondary", size: "sm" })}
          >
            <Download aria-hidden /> Export YAML
          </a>
        }
      />
      {canManage ? (
        <datalist id="rule-preview-services">
          {services.map((s) => (
            <option key={s.slug} value={s.slug}>
              {s.name}
            </option>
          ))}
        </datalist>
      ) : null}
      {savedRule ? (
        <Alert tone="success" className="mb-6">
          Rule &ldquo;{savedRule.name}&rdquo; saved. It is now a {savedRule.level} rule
          {savedRule.enabled ? "" : " (disabled)"}, and levels follow it at once.
        </Alert>
      ) : null}
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[2fr_1fr]">
        <div className="grid grid-cols-1 content-start gap-6">
          {LEVELS.map((level) => {
            const rules = card.rules.filter((r) => r.level === level);
            return (
              <Card key={level} aria-label={`${level} rules`}>
                <CardHeader>
                  <div className="flex items-center gap-2">
                    <LevelBadge level={level} />
                    <CardDescription>
                      {rules.length === 0
                        ? "no rules"
                        : `${rules.filter((r) => r.enabled).length} enabled of ${rules.length}`}
                    </CardDescription>
                  </div>
                </CardHeader>
                <ul className="divide-y divide-border">
                  {rules.map((r) => (
                    <li
                      key={r.key}
                      id={`rule-${r.key}`}
                      className={cn("scroll-mt-20 px-5 py-3", r.key === savedRule?.key && "bg-success-soft/40")}
                      data-rule={r.key}
                    >
                      <div className="flex flex-wrap items-start justify-between gap-2">
                        <div>
                          <p className="text-sm font-medium">
                            {r.name} {r.enabled ? null : <Badge>disabled</Badge>}{" "}
                            {r.weight > 1 ? <Badge tone="primary">weight {r.weight}</Badge> : null}
                          </p>
                          <p className="text-xs text-muted-foreground">
                            <code className="font-mono">{r.key}</code> · {describeCheck(r.check)}
                          </p>
                        </div>
                        {canManage ? (
                          <ActionButton
                            action={deleteRuleAction}
                            fields={{ scorecard: card.key, rule: r.key }}
                            label="Delete"
                            pendingLabel="Deleting…"
                            variant="ghost"
                            confirm={`Delete the rule "${r.name}"? Levels change at once.`}
                          />
                        ) : null}
                      </div>
                      {canManage ? (
                        <details className="mt-2 rounded-md border border-border bg-muted/40 open:bg-card">
                          <summary className="cursor-pointer px-3 py-1.5 text-xs font-medium text-primary">
                            Edit rule
                          </summary>
                          <div className="p-4">
                            <RuleEditor
                              scorecard={card.key}
                              rule={{ ...r, description: r.description ?? undefined }}
                              {...editorData}
                            />
                          </div>
                        </details>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </Card>
            );
          })}
          {canManage ? (
            <Card>
              <CardHeader>
                <div>
                  <CardTitle>Add a rule</CardTitle>
                  <CardDescription>
                    Takes effect at once for every service; today&apos;s snapshot keeps what was true when it was taken.
                  </CardDescription>
                </div>
              </CardHeader>
              <CardContent>
                <RuleEditor scorecard={card.key} {...editorData} />
              </CardContent>
            </Card>
          ) : null}
        </div>
        <div className="grid grid-cols-1 content-start gap-6">
          {canManage ? (
            <Card>
              <CardHeader>
                <CardTitle>Settings</CardTitle>
              </CardHeader>
              <CardContent>
                <ScorecardSettingsForm scorecard={card} />
              </CardContent>
            </Card>
          ) : null}
          <Card>
            <CardHeader>
              <div>
                <CardTitle>Change history</CardTitle>
                <CardDescription>From the audit log</CardDescription>
              </div>
            </CardHeader>
            <CardContent>
              {changes.length === 0 ? (
                <p className="text-sm text-muted-foreground">No changes yet.</p>
              ) : (
                <ol className="grid grid-cols-1 gap-2 text-sm">
                  {changes.map((c) => {
                    const data = (c.data ?? {}) as { rule?: string; via?: string };
                    return (
                      <li key={c.id}>
                        <span className="font-medium">{c.actorLabel}</span> {ACTION_LABEL[c.action] ?? c.action}
                        {data.rule ? <code className="ml-1 font-mono text-xs">{data.rule}</code> : null}
                        {data.via === "yaml" ? <span className="text-muted-foreground"> (YAML)</span> : null}
                        <span className="block text-xs text-muted-foreground">{formatDateTime(c.at)}</span>
                      </li>
                    );
                  })}
                </ol>
              )}
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
