// Expression rules, pure: a CEL expression (@marcbachmann/cel-js) over one typed document per
// service. Checked when saved (syntax, unknown fields, type errors, a cost estimate), evaluated
// with the values it read and a reason in words ("facts.coverage.line is 72; needs ≥ 80"). A missing
// fact fails the rule ("no fact `coverage`"); nothing here throws at a caller.
import { Environment } from "@marcbachmann/cel-js";
import { estimateCost, factKeysOf, forbiddenCall, isPath, pathsOf, type Node } from "./expression-ast";

export { RANGE_SIZE_HINT, estimateCost, factKeysOf } from "./expression-ast";

/** The estimated evaluation cost an expression may have (a single pass over a fact's list is ~10⁵). */
export const MAX_EXPRESSION_COST = 1_000_000;
export const MAX_EXPRESSION_LENGTH = 2_000;

class Slo {
  constructor(
    readonly name: string,
    readonly status: string,
    readonly objective: number,
    readonly remainingBudget: number | null,
  ) {}
}

/** The inputs of one service's document, as the scorecard loads them. */
export type ExpressionInputs = {
  catalog: {
    slug: string;
    name: string;
    team: string;
    tier: number;
    lifecycle: string;
    type: string;
    onCall: string | null;
    runbookUrl: string | null;
    repoUrl: string | null;
    dashboardUrl: string | null;
    description: string | null;
  };
  tags: Record<string, string>;
  checklist: { percent: number; requiredMissing: string[]; items: Record<string, string> } | null;
  dora: {
    deploymentFrequency: { band: string | null; deployDaysPerWeek: number | null; deployments: number };
    leadTime: { band: string | null; hours: number | null };
    changeFailureRate: { band: string | null; percent: number | null };
    recovery: { band: string | null; hours: number | null };
  };
  slos: Array<{ name: string; status: string; objective: number; remainingBudget: number | null }>;
  review: { daysSinceApproval: number | null };
  facts: Record<string, unknown>;
};

function createEnvironment(): Environment {
  return new Environment({
    enableOptionalTypes: true,
    homogeneousAggregateLiterals: false,
    limits: { maxAstNodes: 400, maxDepth: 32, maxListElements: 200, maxMapEntries: 200, maxCallArguments: 8 },
  })
    .registerType("Slo", {
      ctor: Slo,
      fields: { name: "string", status: "string", objective: "double", remainingBudget: "dyn" },
    })
    .registerVariable({
      name: "catalog",
      schema: {
        slug: "string",
        name: "string",
        team: "string",
        tier: "int",
        lifecycle: "string",
        type: "string",
        onCall: "string",
        runbookUrl: "string",
        repoUrl: "string",
        dashboardUrl: "string",
        description: "string",
      },
    })
    .registerVariable("tags", "map<string, string>")
    .registerVariable({
      name: "checklist",
      schema: { assigned: "bool", percent: "double", requiredMissing: "list<string>", items: "map<string, string>" },
    })
    .registerVariable({
      name: "dora",
      schema: {
        deploymentFrequency: { band: "string", deployDaysPerWeek: "dyn", deployments: "int" },
        leadTime: { band: "string", hours: "dyn" },
        changeFailureRate: { band: "string", percent: "dyn" },
        recovery: { band: "string", hours: "dyn" },
      },
    })
    .registerVariable("slos", "list<Slo>")
    .registerVariable({ name: "review", schema: { approved: "bool", daysSinceApproval: "dyn" } })
    .registerVariable("facts", "map<string, dyn>");
}

let environment: Environment | null = null;
/** Building an environment is the costly part: one per process. */
function env(): Environment {
  environment ??= createEnvironment();
  return environment;
}

/** The CEL context: ints as BigInt, unset text as "", a missing band as "none". */
export function buildDocument(inputs: ExpressionInputs): Record<string, unknown> {
  const c = inputs.catalog;
  const band = (b: string | null) => b ?? "none";
  return {
    catalog: {
      slug: c.slug,
      name: c.name,
      team: c.team,
      tier: BigInt(c.tier),
      lifecycle: c.lifecycle,
      type: c.type,
      onCall: c.onCall ?? "",
      runbookUrl: c.runbookUrl ?? "",
      repoUrl: c.repoUrl ?? "",
      dashboardUrl: c.dashboardUrl ?? "",
      description: c.description ?? "",
    },
    tags: { ...inputs.tags },
    checklist: inputs.checklist
      ? { assigned: true, ...inputs.checklist }
      : { assigned: false, percent: 0, requiredMissing: [], items: {} },
    dora: {
      deploymentFrequency: {
        band: band(inputs.dora.deploymentFrequency.band),
        deployDaysPerWeek: inputs.dora.deploymentFrequency.deployDaysPerWeek,
        deployments: BigInt(inputs.dora.deploymentFrequency.deployments),
      },
      leadTime: { band: band(inputs.dora.leadTime.band), hours: inputs.dora.leadTime.hours },
      changeFailureRate: {
        band: band(inputs.dora.changeFailureRate.band),
        percent: inputs.dora.changeFailureRate.percent,
      },
      recovery: { band: band(inputs.dora.recovery.band), hours: inputs.dora.recovery.hours },
    },
    slos: inputs.slos.map((s) => new Slo(s.name, s.status, s.objective, s.remainingBudget)),
    review: {
      approved: inputs.review.daysSinceApproval !== null,
      daysSinceApproval: inputs.review.daysSinceApproval === null ? null : BigInt(inputs.review.daysSinceApproval),
    },
    facts: inputs.facts,
  };
}

// ─── Checking ─────────────────────────────────────────────────────────────────

type CelError = Error & { range?: { start: number; end: number }; summary?: string; code?: string };

function describeError(error: unknown, source: string): string {
  const e = error as CelError;
  const summary = e.summary ?? e.message.split("\n")[0];
  if (!e.range) return summary;
  const before = source.slice(0, e.range.start);
  const line = before.split("\n").length;
  const column = e.range.start - before.lastIndexOf("\n");
  return `${summary} (line ${line}, column ${column})`;
}

export type ExpressionCheck = { ok: true } | { ok: false; message: string };

/** What a platform user sees when saving: the first problem, precisely. */
export function checkExpression(source: string): ExpressionCheck {
  if (source.trim() === "") return { ok: false, message: "is empty" };
  if (source.length > MAX_EXPRESSION_LENGTH)
    return { ok: false, message: `must be at most ${MAX_EXPRESSION_LENGTH} characters` };
  let ast: Node;
  try {
    ast = env().parse(source).ast;
  } catch (error) {
    return { ok: false, message: `syntax error: ${describeError(error, source)}` };
  }
  const forbidden = forbiddenCall(ast);
  if (forbidden) return { ok: false, message: forbidden };
  const checked = env().check(source);
  if (!checked.valid) return { ok: false, message: describeError(checked.error, source) };
  if (checked.type !== "bool" && checked.type !== "dyn")
    return { ok: false, message: `must give true or false, not a value of type ${checked.type}` };
  const cost = estimateCost(ast);
  if (cost > MAX_EXPRESSION_COST)
    return {
      ok: false,
      message: `is too costly to evaluate: an estimated ${cost.toLocaleString("en")} steps, over the limit of ${MAX_EXPRESSION_COST.toLocaleString("en")} (nested comprehensions over lists multiply)`,
    };
  return { ok: true };
}

// ─── Evaluating ───────────────────────────────────────────────────────────────

export type ExpressionResult = {
  pass: boolean;
  reason: string;
  /** The values the expression read, by path ("facts.coverage.line": 72); undefined when missing. */
  read: Array<{ path: string; value: unknown }>;
};

/** The rule editor's preview: the result on one service, and that service's whole document. */
export type ExpressionPreview = ExpressionResult & { service: string; document: unknown };

/** A CEL value as JSON-safe data (ints are BigInt in CEL). */
export function toJson(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Slo) return { ...value };
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toJson(v)]));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return value;
}

/** A value as the reason shows it: JSON, ints without the n, long ones cut. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "missing";
  const text = JSON.stringify(toJson(value)) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const OPERATOR_WORDS: Record<string, string> = {
  ">=": "≥",
  ">": ">",
  "<=": "≤",
  "<": "<",
  "==": "=",
  "!=": "≠",
  in: "in",
};

function run(source: string, doc: Record<string, unknown>): { value: unknown } | { error: CelError } {
  try {
    return { value: env().evaluate(source, doc) };
  } catch (error) {
    return { error: error as CelError };
  }
}

function conjuncts(node: Node): Node[] {
  return node.op === "&&" ? (node.args as Node[]).flatMap(conjuncts) : [node];
}

function missingFacts(node: Node, doc: Record<string, unknown>): string[] {
  const facts = doc.facts as Record<string, unknown>;
  return factKeysOf(node).filter((k) => !Object.hasOwn(facts, k));
}

/** Why one failing term fails, in words. */
function explainTerm(
  term: Node,
  source: string,
  doc: Record<string, unknown>,
  outcome: { value: unknown } | { error: CelError },
) {
  const text = source.slice(term.start, term.end).trim();
  if ("error" in outcome) {
    const missing = missingFacts(term, doc);
    if (missing.length) return missing.map((k) => `no fact \`${k}\``).join("; ");
  }
  // A comparison of a path with something: "facts.coverage.line is 72; needs ≥ 80".
  const op = OPERATOR_WORDS[term.op];
  if (op && Array.isArray(term.args) && term.args.length === 2) {
    const [left, right] = term.args as [Node, Node];
    const [subject, other, flipped] = isPath(left)
      ? [left, right, false]
      : isPath(right)
        ? [right, left, true]
        : [null, null, false];
    if (subject && other) {
      const at = source.slice(subject.start, subject.end);
      const value = run(at, doc);
      const shown = "value" in value ? formatValue(value.value) : "missing";
      const otherText = source.slice(other.start, other.end);
      const needs = flipped ? `${otherText} ${op} it` : `${op} ${otherText}`;
      const noData = "value" in value && value.value === null ? " (no data)" : "";
      return `${at} is ${shown}; needs ${needs}${noData}`;
    }
  }
  if ("error" in outcome) return `\`${text}\` could not be evaluated: ${describeError(outcome.error, source)}`;
  if (outcome.value !== false) return `\`${text}\` gave ${formatValue(outcome.value)}, not true or false`;
  return `\`${text}\` is false`;
}

/** Evaluates a checked expression against a service's document. Never throws. */
export function evaluateExpression(source: string, doc: Record<string, unknown>): ExpressionResult {
  let ast: Node;
  try {
    ast = env().parse(source).ast;
  } catch (error) {
    return { pass: false, reason: `the expression does not parse: ${describeError(error, source)}`, read: [] };
  }
  const read = pathsOf(ast)
    .map((p) => source.slice(p.start, p.end))
    .filter((p, i, all) => all.indexOf(p) === i)
    .map((path) => {
      const r = run(path, doc);
      if (!("value" in r)) return { path, value: undefined };
      // A large value (a 64 KiB fact) is shown cut, not carried whole into every answer.
      const value = toJson(r.value);
      return { path, value: (JSON.stringify(value)?.length ?? 0) > 1024 ? formatValue(value) : value };
    });
  const whole = run(source, doc);
  if ("value" in whole && whole.value === true) {
    const shown = read.slice(0, 4).map((r) => `${r.path} is ${formatValue(r.value)}`);
    return { pass: true, reason: shown.length ? shown.join(", ") : "the expression is true", read };
  }
  const terms = conjuncts(ast);
  const reasons =
    terms.length === 1
      ? [explainTerm(ast, source, doc, whole)]
      : terms.flatMap((term) => {
          const outcome = run(source.slice(term.start, term.end), doc);
          return "value" in outcome && outcome.value === true ? [] : [explainTerm(term, source, doc, outcome)];
        });
  return { pass: false, reason: reasons.length ? reasons.join("; ") : "the expression is false", read };
}
