// Values of path and header parameters that break their schemas, each checked
// to be invalid. Nothing here is written per operation or per parameter.
import { resolve, type Schema } from "./spec.ts";
import { headerErrors, isValid } from "./validator.ts";

/** A value of a path parameter that breaks its schema (pattern, or length), or undefined if any string is valid. */
export function invalidPathValue(schema: Schema, example: string): string | undefined {
  const candidates = [example.replace(/^[a-z]+_/, ""), `${example}!`, "x".repeat(Number(schema.maxLength ?? 0) + 1)];
  return candidates.find((candidate) => !isValid(schema, candidate));
}

/** A value of a header parameter that breaks a rule of its schema, and which rule. */
export interface HeaderMutation {
  /** What was broken, e.g. `empty`, `over maxLength 255`. */
  rule: string;
  value: string;
}

/**
 * Values of a header parameter that each break one rule of its schema: shorter
 * than its `minLength` (empty, for 1), longer than its `maxLength`, outside its
 * `pattern` or `enum`, not a number, below its `minimum` or above its
 * `maximum`. Each is one a header can carry (printable ASCII) and is checked to
 * be invalid; none when every string is valid.
 */
export function invalidHeaderValues(schema: Schema, example: unknown): HeaderMutation[] {
  const rules = resolve(schema);
  const base = example === undefined ? "x" : String(example);
  const candidates: HeaderMutation[] = [];
  if (typeof rules.minLength === "number" && rules.minLength > 0) {
    candidates.push({
      rule: rules.minLength === 1 ? "empty" : `under minLength ${rules.minLength}`,
      value: base.slice(0, rules.minLength - 1),
    });
  }
  if (typeof rules.maxLength === "number") {
    candidates.push({
      rule: `over maxLength ${rules.maxLength}`,
      value: base.padEnd(rules.maxLength + 1, base.at(-1) ?? "x").slice(0, rules.maxLength + 1),
    });
  }
  if (rules.pattern !== undefined) {
    candidates.push(...[`${base}!`, "!"].map((value) => ({ rule: "outside its pattern", value })));
  }
  if (rules.enum) {
    candidates.push({ rule: "outside its enum", value: "NOT_A_DOCUMENTED_VALUE" });
  }
  if (rules.type === "integer" || rules.type === "number") {
    candidates.push({ rule: "not a number", value: "not-a-number" });
    if (typeof rules.minimum === "number") {
      candidates.push({ rule: `below minimum ${rules.minimum}`, value: String(rules.minimum - 1) });
    }
    if (typeof rules.maximum === "number") {
      candidates.push({ rule: `above maximum ${rules.maximum}`, value: String(rules.maximum + 1) });
    }
  }
  const found = new Map<string, HeaderMutation>();
  for (const candidate of candidates) {
    if (!found.has(candidate.rule) && headerErrors(schema, candidate.value).length > 0) {
      found.set(candidate.rule, candidate);
    }
  }
  return [...found.values()];
}
