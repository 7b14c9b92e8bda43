// Expression rules, the AST side (pure): the cost estimate, the functions refused, the facts an
// expression names, and the document paths it reads (for the values a result reports).
import type { ASTNode } from "@marcbachmann/cel-js";

/** Comprehension macros: their cost is the range's size times their body's. */
const COMPREHENSIONS = new Set(["all", "exists", "exists_one", "map", "filter"]);
/** A list or map the document supplies counts as this many elements in the cost estimate. */
export const RANGE_SIZE_HINT = 10_000;
/** Regular expressions can backtrack for ever on a 64 KiB fact: not offered. */
const FORBIDDEN_FUNCTIONS: Record<string, string> = {
  matches:
    "matches() is not allowed in rules (a regular expression can take unbounded time); use contains(), startsWith() or endsWith()",
};

export type Node = ASTNode;
export const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && "op" in v;

export function children(node: Node): Node[] {
  const out: Node[] = [];
  const visit = (v: unknown) => {
    if (isNode(v)) out.push(v);
    else if (Array.isArray(v)) v.forEach(visit);
  };
  visit(node.args);
  return out;
}

export function callName(node: Node): string | null {
  return (node.op === "call" || node.op === "rcall") && Array.isArray(node.args) && typeof node.args[0] === "string"
    ? node.args[0]
    : null;
}

/** A conservative estimate of the evaluation's steps: a comprehension costs its range's size times its body. */
export function estimateCost(node: Node): number {
  const name = callName(node);
  if (node.op === "rcall" && name && COMPREHENSIONS.has(name)) {
    const [, receiver, args] = node.args as [string, Node, Node[]];
    const size =
      receiver.op === "list" && Array.isArray(receiver.args)
        ? receiver.args.length
        : receiver.op === "map" && Array.isArray(receiver.args)
          ? receiver.args.length
          : RANGE_SIZE_HINT;
    const body = args.slice(1).reduce((s, a) => s + estimateCost(a), 1);
    return estimateCost(receiver) + size * body;
  }
  return children(node).reduce((s, c) => s + estimateCost(c), 1);
}

export function forbiddenCall(node: Node): string | null {
  const name = callName(node);
  if (name && FORBIDDEN_FUNCTIONS[name]) return FORBIDDEN_FUNCTIONS[name];
  for (const c of children(node)) {
    const found = forbiddenCall(c);
    if (found) return found;
  }
  return null;
}

/** The facts an expression names: facts.coverage, facts.?coverage, facts["x-y"]. */
export function factKeysOf(node: Node): string[] {
  const keys = new Set<string>();
  const visit = (n: Node) => {
    const [target, key] = Array.isArray(n.args) ? n.args : [];
    if (isNode(target) && target.op === "id" && target.args === "facts") {
      if ((n.op === "." || n.op === ".?") && typeof key === "string") keys.add(key);
      if (n.op === "[]" && isNode(key) && key.op === "value" && typeof key.args === "string") keys.add(key.args);
    }
    children(n).forEach(visit);
  };
  visit(node);
  return [...keys];
}

/** The document's variables. */
const ROOTS = new Set(["catalog", "tags", "checklist", "dora", "slos", "review", "facts"]);

/** Paths like facts.coverage.line or dora.leadTime.band that start at a document variable. */
export function isPath(node: Node): boolean {
  if (node.op === "id") return typeof node.args === "string" && ROOTS.has(node.args);
  if (node.op === "." || node.op === ".?") return isPath((node.args as [Node, string])[0]);
  if (node.op === "[]") {
    const [target, index] = node.args as [Node, Node];
    return index.op === "value" && isPath(target);
  }
  return false;
}

/** The longest paths the expression reads (not their prefixes), in source order. */
export function pathsOf(node: Node, out: Node[] = []): Node[] {
  if (isPath(node) && node.op !== "id") out.push(node);
  else if (node.op === "id" && isPath(node)) out.push(node);
  else children(node).forEach((c) => pathsOf(c, out));
  return out;
}
