// The organisation audit log in words: each entry's kind (for the filter) and a sentence about what
// happened, from its action and data. Pure: the page, the CSV export and the tests share it.

export const AUDIT_KINDS = {
  checklist: "Checklists",
  waiver: "Waivers",
  review: "Reviews",
  scorecard: "Scorecards and exemptions",
  catalog: "Catalog",
  slo: "SLOs",
  security: "Sign-in, users and tokens",
  settings: "Settings and integrations",
} as const;
export type AuditKind = keyof typeof AUDIT_KINDS;

/** Action prefixes of each kind (an action belongs to the first kind whose prefix it starts with). */
export const AUDIT_KIND_PREFIXES: Record<AuditKind, string[]> = {
  checklist: ["checklist."],
  waiver: ["waiver."],
  review: ["review."],
  scorecard: ["scorecard.", "exemption.", "initiative."],
  catalog: ["service.", "team.", "catalog.", "template."],
  slo: ["slo.", "policy."],
  security: ["auth.", "user.", "token."],
  settings: ["notification.", "roi.", "webhook."],
};

export function kindOf(action: string): AuditKind | null {
  for (const [kind, prefixes] of Object.entries(AUDIT_KIND_PREFIXES) as Array<[AuditKind, string[]]>)
    if (prefixes.some((p) => action.startsWith(p))) return kind;
  return null;
}

type Data = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const quoted = (v: unknown) => (str(v) ? `“${str(v)}”` : "");
const STATUS: Record<string, string> = {
  done: "done",
  open: "open",
  not_applicable: "not applicable",
  waived: "waived",
};
const day = (v: unknown) => (str(v) ? str(v)!.slice(0, 10) : "");

/** What happened, as the end of "<who> …": "marked on-call-rotation done". */
export function describeAudit(action: string, raw: unknown, subject?: string | null): string {
  const d: Data = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Data) : {};
  const item = str(d.item) ?? "an item";
  switch (action) {
    case "checklist.item.update": {
      const to = STATUS[String(d.to)] ?? String(d.to ?? "changed");
      return d.from && d.from !== d.to
        ? `marked ${item} ${to} (was ${STATUS[String(d.from)] ?? d.from})`
        : `updated ${item}`;
    }
    case "checklist.upgrade":
      return `upgraded the checklist from template version ${d.from} to ${d.to}`;
    case "waiver.request":
      return `asked for a waiver on ${item}${day(d.expiresAt) ? ` until ${day(d.expiresAt)}` : ""}${str(d.justification) ? `: ${quoted(d.justification)}` : ""}`;
    case "waiver.approve":
      return `approved the waiver on ${item}${str(d.note) ? `: ${quoted(d.note)}` : ""}`;
    case "waiver.reject":
      return `rejected the waiver on ${item}${str(d.note) ? `: ${quoted(d.note)}` : ""}`;
    case "review.request":
      return `asked for a readiness review${str(d.note) ? `: ${quoted(d.note)}` : ""}`;
    case "review.approved":
      return `approved the readiness review${str(d.comment) ? `: ${quoted(d.comment)}` : ""}`;
    case "review.changes_requested":
      return `requested changes in the review${str(d.comment) ? `: ${quoted(d.comment)}` : ""}`;
    case "review.comment":
      return `commented on the review: ${quoted(d.body)}`;
    case "exemption.request":
      return `asked for an exemption from ${str(d.rule) ?? "a rule"}`;
    case "exemption.approve":
      return `approved the exemption from ${str(d.rule) ?? "a rule"}`;
    case "exemption.reject":
      return `rejected the exemption from ${str(d.rule) ?? "a rule"}${str(d.note) ? `: ${quoted(d.note)}` : ""}`;
    case "exemption.revoke":
      return `revoked the exemption from ${str(d.rule) ?? "a rule"}`;
    case "scorecard.create":
      return `created the scorecard ${str(d.key) ?? ""}`.trim();
    case "scorecard.update":
      return `changed the scorecard ${str(d.key) ?? str(d.scorecard) ?? ""}`.trim();
    case "scorecard.delete":
      return `deleted the scorecard ${str(d.key) ?? ""}`.trim();
    case "scorecard.rule.create":
    case "scorecard.rule.update":
    case "scorecard.rule.delete":
      return `${action.endsWith("create") ? "added" : action.endsWith("update") ? "changed" : "removed"} the rule ${str(d.rule) ?? ""} of ${str(d.scorecard) ?? "a scorecard"}`;
    case "initiative.create":
      return `started the initiative ${quoted(d.name)}`;
    case "service.create":
      return `registered the service ${str(d.name) ?? str(d.slug) ?? ""}`.trim();
    case "service.update":
      return "edited the service";
    case "team.create":
      return `created the team ${str(d.name) ?? str(d.slug) ?? ""}`.trim();
    case "team.update":
      return `edited the team ${str(d.name) ?? ""}`.trim();
    case "template.import":
      return `imported version ${d.version} of the template ${str(d.key) ?? ""}`.trim();
    case "slo.create":
      return `defined the SLO ${str(d.name) ?? ""}`.trim();
    case "slo.update":
      return "changed an SLO";
    case "slo.source.set":
      return "connected an SLO to a metrics source";
    case "slo.source.remove":
      return "disconnected an SLO from its metrics source";
    case "policy.update":
      return "changed the error-budget policy";
    case "auth.sign_in":
      return `signed in${subject ? ` as ${subject}` : ""} (${str(d.method) ?? str(d.provider) ?? "password"})`;
    case "auth.sign_in_failed":
      return `failed sign-in${subject ? ` for ${subject}` : ""}${str(d.reason) ? ` (${String(d.reason).replace(/_/g, " ")})` : ""}`;
    case "auth.sso_refused":
      return `refused single sign-on${subject ? ` for ${subject}` : ""}`;
    case "user.create":
      return `added the user ${subject ?? str(d.email) ?? ""}`.trim();
    case "user.update":
      return `changed the user ${subject ?? str(d.email) ?? ""}`.trim();
    case "user.disable":
      return `disabled the user ${subject ?? ""}`.trim();
    case "user.enable":
      return `re-enabled the user ${subject ?? ""}`.trim();
    case "user.totp_enabled":
      return "turned on two-factor authentication";
    case "user.totp_disabled":
      return "turned off two-factor authentication";
    case "user.sign_out_everywhere":
      return "signed out everywhere";
    case "token.create":
      return `created the API token ${quoted(d.name)} (${Array.isArray(d.scopes) ? d.scopes.join(", ") : ""})`;
    case "token.revoke":
      return "revoked an API token";
    case "notification.webhook.create":
      return `added the notification webhook ${quoted(d.name)}`;
    case "notification.webhook.update":
      return "changed a notification webhook";
    case "notification.webhook.delete":
      return `removed the notification webhook ${quoted(d.name)}`;
    case "roi.assumptions.update":
      return "changed the ROI assumptions";
    case "webhook.map":
      return `mapped ${str(d.externalKey) ?? "an unmatched source"} to a service`;
    default:
      return action.replace(/[._]/g, " ");
  }
}
