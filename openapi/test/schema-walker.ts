// Walks a JSON value against a JSON Schema (as found in the bundled OpenAPI
// document) and lists every property the schema does not define and every
// value whose JSON type the schema does not allow. It is not a validator:
// formats, enums, required properties and bounds are left to the linter.
//
// The walk follows the value, never the schema, so recursive schemas are safe:
// it goes exactly as deep as the (finite) value does.
import { pointerTarget } from "../src/reader.ts";

export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

export interface WalkResult {
  /** One line per problem, e.g. "`session.foo` is not in the spec". */
  problems: string[];
  /** Field paths in the value: every property occurrence and every array element. */
  checked: number;
}

type JsonType = "null" | "boolean" | "integer" | "number" | "string" | "array" | "object";
const JSON_TYPES: JsonType[] = ["boolean", "integer", "number", "string", "array", "object", "null"];

/** Seed values that stand for "any type": the property must exist, its type is not checked. */
const ANY_PLACEHOLDERS = new Set(["<any>", "<unknown>"]);

type Schema = { readonly [keyword: string]: unknown };

/**
 * What a schema says about one property of an object, or about an array's
 * items: it defines it (with this schema), accepts anything there ("open"), or
 * does not allow it. `undefined` means it says nothing about it.
 */
type Verdict = { kind: "defined"; schema: JsonSchema } | { kind: "open" } | { kind: "closed" };
type Step = { property: string } | "items";

export function jsonType(value: unknown): JsonType {
  if (value === null) {
    return "null";
  }
  if (Array.isArray(value)) {
    return "array";
  }
  switch (typeof value) {
    case "number":
      return Number.isInteger(value) ? "integer" : "number";
    case "boolean":
      return "boolean";
    case "string":
      return "string";
    case "object":
      return "object";
    default:
      throw new Error(`not a JSON value: ${String(value)}`);
  }
}

/** Counts the field paths of a JSON value (properties and array elements), as `checkValue` does. */
export function countFieldPaths(value: unknown): number {
  if (Array.isArray(value)) {
    return value.reduce((n: number, item) => n + 1 + countFieldPaths(item), 0);
  }
  if (value !== null && typeof value === "object") {
    return Object.values(value).reduce((n: number, child) => n + 1 + countFieldPaths(child), 0);
  }
  return 0;
}

/**
 * Checks `value` against `schema`. `document` is what internal `$ref`s
 * (`#/components/...`) point into; it defaults to the schema itself.
 */
export function checkValue(value: unknown, schema: JsonSchema, document: unknown = schema): WalkResult {
  const result: WalkResult = { problems: [], checked: 0 };
  new Walker(document, result).walk(value, schema, "");
  return result;
}

class Walker {
  private readonly document: unknown;
  private readonly result: WalkResult;

  constructor(document: unknown, result: WalkResult) {
    this.document = document;
    this.result = result;
  }

  /** `schema` undefined: a problem was already reported above, only count. */
  walk(value: unknown, schema: JsonSchema | undefined, path: string): void {
    const type = jsonType(value);
    let below = schema;
    if (
      schema !== undefined &&
      !(typeof value === "string" && ANY_PLACEHOLDERS.has(value)) &&
      !this.allows(schema, type)
    ) {
      const allowed = JSON_TYPES.filter(
        (t) => this.allows(schema, t) && !(t === "integer" && this.allows(schema, "number")),
      );
      this.result.problems.push(
        `\`${path || "(root)"}\`: the spec says ${allowed.join(" or ") || "nothing"}, the seed has ${type}`,
      );
      below = undefined;
    }

    if (Array.isArray(value)) {
      const items = below === undefined ? undefined : this.child(this.lookup(below, "items", value), `${path}[]`);
      value.forEach((item, i) => {
        this.result.checked++;
        this.walk(item, items, `${path}[${i}]`);
      });
    } else if (type === "object") {
      for (const [key, child] of Object.entries(value as object)) {
        const childPath = path ? `${path}.${key}` : key;
        this.result.checked++;
        const childSchema =
          below === undefined ? undefined : this.child(this.lookup(below, { property: key }, value), childPath);
        this.walk(child, childSchema, childPath);
      }
    }
  }

  private child(verdict: Verdict | undefined, path: string): JsonSchema | undefined {
    // A schema that says nothing about properties or items is free-form.
    if (verdict === undefined || verdict.kind === "open") {
      return true;
    }
    if (verdict.kind === "defined") {
      return verdict.schema;
    }
    this.result.problems.push(`\`${path}\` is not in the spec`);
    return undefined;
  }

  /** Follows `$ref`s; a `$ref` with sibling keywords becomes an `allOf` of both. */
  private deref(schema: JsonSchema, seen = new Set<string>()): JsonSchema {
    if (typeof schema === "boolean" || typeof schema.$ref !== "string") {
      return schema;
    }
    const { $ref: ref, ...siblings } = schema;
    if (seen.has(ref)) {
      throw new Error(`$ref cycle at ${ref}`);
    }
    seen.add(ref);
    const target = this.deref(pointerTarget(this.document, ref) as JsonSchema, seen);
    if (Object.keys(siblings).length === 0) {
      return target;
    }
    return { ...siblings, allOf: [...((siblings.allOf as JsonSchema[] | undefined) ?? []), target] };
  }

  /** Whether the schema lets a value of this JSON type through. */
  allows(schema: JsonSchema, type: JsonType): boolean {
    const s = this.deref(schema);
    if (typeof s === "boolean") {
      return s;
    }
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? s.type : [s.type];
      if (!types.includes(type) && !(type === "integer" && types.includes("number"))) {
        return false;
      }
    }
    if (branches(s.allOf).some((b) => !this.allows(b, type))) {
      return false;
    }
    for (const key of ["oneOf", "anyOf"] as const) {
      if (s[key] !== undefined && !branches(s[key]).some((b) => this.allows(b, type))) {
        return false;
      }
    }
    return true;
  }

  /**
   * What `schema` says about one property of `parent` (an object) or about the
   * items of `parent` (an array). Properties of `allOf` branches add up; of the
   * `oneOf`/`anyOf` branches, only those that accept the parent count, and a
   * property is defined if any of them defines it.
   */
  private lookup(schema: JsonSchema, step: Step, parent: unknown): Verdict | undefined {
    const s = this.deref(schema);
    if (typeof s === "boolean") {
      return s ? undefined : { kind: "closed" };
    }
    const parts = [ownVerdict(s, step), ...branches(s.allOf).map((b) => this.lookup(b, step, parent))];
    const alternatives = this.selectBranches(s, parent);
    if (alternatives) {
      parts.push(
        combine(
          alternatives.map((b) => this.lookup(b, step, parent)),
          "anyOf",
        ),
      );
    }
    return combine(parts, "allOf");
  }

  /**
   * The `oneOf`/`anyOf` branches that accept `parent`'s type. For an object,
   * those whose tag (a `discriminator`, or properties with `const`/`enum`)
   * matches it are preferred; when none does (say the tag is "<string>"), all
   * branches that accept the type are kept.
   */
  private selectBranches(s: Schema, parent: unknown): JsonSchema[] | undefined {
    const list = s.oneOf ?? s.anyOf;
    if (list === undefined) {
      return undefined;
    }
    const type = jsonType(parent);
    const accepting = branches(list).filter((b) => this.allows(b, type));
    if (type !== "object") {
      return accepting;
    }

    const value = parent as Record<string, unknown>;
    const discriminator = s.discriminator as { propertyName: string; mapping?: Record<string, string> } | undefined;
    const tag = discriminator && value[discriminator.propertyName];
    if (typeof tag === "string") {
      const target = discriminator?.mapping?.[tag] ?? tag;
      const ref = target.startsWith("#") ? target : `#/components/schemas/${target}`;
      const byMapping = accepting.filter((b) => typeof b === "object" && b.$ref === ref);
      if (byMapping.length > 0) {
        return byMapping;
      }
    }

    const byTag = accepting.filter((b) => this.tagsMatch(b, value));
    return byTag.length > 0 ? byTag : accepting;
  }

  /** False if a property of the branch pins values (`const`/`enum`) that `value` does not have. */
  private tagsMatch(branch: JsonSchema, value: Record<string, unknown>): boolean {
    const s = this.deref(branch);
    if (typeof s === "boolean") {
      return s;
    }
    const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
    for (const [key, propertySchema] of Object.entries(properties)) {
      if (!(key in value)) {
        continue;
      }
      const p = this.deref(propertySchema);
      if (typeof p === "boolean") {
        continue;
      }
      if ("const" in p && p.const !== value[key]) {
        return false;
      }
      if (Array.isArray(p.enum) && !p.enum.includes(value[key])) {
        return false;
      }
    }
    return branches(s.allOf).every((b) => this.tagsMatch(b, value));
  }
}

function branches(list: unknown): JsonSchema[] {
  return Array.isArray(list) ? (list as JsonSchema[]) : [];
}

/** The schema's own say (without composition), or undefined if it has none. */
function ownVerdict(s: Schema, step: Step): Verdict | undefined {
  if (step === "items") {
    return s.items === undefined
      ? undefined
      : s.items === false
        ? { kind: "closed" }
        : { kind: "defined", schema: s.items as JsonSchema };
  }
  const properties = s.properties as Record<string, JsonSchema> | undefined;
  if (properties && Object.hasOwn(properties, step.property)) {
    return { kind: "defined", schema: properties[step.property]! };
  }
  if (s.additionalProperties === false) {
    return { kind: "closed" };
  }
  if (s.additionalProperties !== undefined) {
    return { kind: "open" };
  }
  return properties ? { kind: "closed" } : undefined;
}

/**
 * allOf: parts that say nothing do not count; the property's schema is that of
 * every part defining it (or, failing that, open if a part is open).
 * anyOf: a branch that says nothing or is open accepts anything there;
 * otherwise the property's schema is that of any branch defining it.
 */
function combine(verdicts: (Verdict | undefined)[], how: "allOf" | "anyOf"): Verdict | undefined {
  if (how === "anyOf" && verdicts.some((v) => v === undefined || v.kind === "open")) {
    return verdicts.some((v) => v?.kind === "open") ? { kind: "open" } : undefined;
  }
  const said = verdicts.filter((v): v is Verdict => v !== undefined);
  if (said.length === 0) {
    return undefined;
  }
  const defined = said.flatMap((v) => (v.kind === "defined" ? [v.schema] : []));
  if (defined.length === 1) {
    return { kind: "defined", schema: defined[0]! };
  }
  if (defined.length > 1) {
    return { kind: "defined", schema: { [how]: defined } };
  }
  return said.some((v) => v.kind === "open") ? { kind: "open" } : { kind: "closed" };
}
