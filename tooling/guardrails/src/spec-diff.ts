// What changed between two bundled specs, one change at a time: operations,
// parameters, request bodies, responses (by status), headers, and in schemas
// every field, enum value, type, constraint and variant. A component both
// specs hold (#/components/…) is compared once, under its own name, with the
// operations that use it and on which side (request or response); the rest is
// compared where it is, under its operation. Each change says what needs which
// bump. Nothing is named here: operations, schemas and fields all come from the
// two specs.
// The spec reader's source, not its build: the checks load before anything is built (pnpm test on a fresh checkout).

import { isDeepStrictEqual } from "node:util";
import { type Node, type Operation, readSpec, type SpecReader } from "../../../openapi/src/reader.ts";
import { type Bump, maxBump } from "./release-plan.ts";
import { type Json, reachable } from "./spec-graph.ts";

export type Side = "request" | "response";
export type ChangeKind = "added" | "removed" | "changed";

/** One change: where it is, what it is, and the bump it needs. */
export interface SpecChange {
  /** The operation (`POST /path (operationId)`) or component (`schema Name (in responses of …)`) it belongs to. */
  group: string;
  /** Where in the group, as a JSON path: `responses/200/content/application/json/schema/properties/url`, `enum`. */
  path: string;
  kind: ChangeKind;
  /** What changed: `field \`url\``, `enum value "CANCELLED"`, `maxLength 255 → 100`. */
  what: string;
  bump: Bump;
  /** Why a change needs a major bump, when the kind alone does not say (a widening in a response). */
  why?: string;
  /** JSON pointers of the change in the released spec and in the new one, where each has it. */
  pointers: { base?: string; revision?: string };
}

/** The bump a kind of change needs on each side. A component used on both sides needs the larger. */
interface Effect {
  request: Bump;
  response: Bump;
  why?: Partial<Record<Side, string>>;
}
const REMOVAL: Effect = { request: "major", response: "major" };
const ADDITION: Effect = { request: "minor", response: "minor" };
const NARROWING: Effect = {
  request: "major",
  response: "major",
  why: { request: "requests that were valid are refused", response: "responses no longer carry what clients may rely on" },
};
const WIDENING: Effect = { request: "minor", response: "major", why: { response: "responses may carry what clients do not expect" } };
const NOW_REQUIRED: Effect = { request: "major", response: "minor", why: { request: "requests without it are refused" } };
const NOW_OPTIONAL: Effect = { request: "minor", response: "major", why: { response: "responses may leave it out" } };
const ANNOTATION: Effect = { request: "patch", response: "patch" };
const TYPE_CHANGE: Effect = {
  request: "major",
  response: "major",
  why: { request: "values of the old type are refused", response: "responses carry another type" },
};
/** A change whose effect cannot be told apart (a new pattern, a changed `not`): taken as breaking. */
const UNKNOWN: Effect = { request: "major", response: "major", why: { request: "its effect cannot be told", response: "its effect cannot be told" } };

/** Keywords that describe and never constrain. */
const ANNOTATIONS = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "externalDocs",
  "xml",
  "$comment",
  "deprecated",
  "tags",
  "readOnly",
  "writeOnly",
  "default",
]);
const isAnnotation = (key: string) => ANNOTATIONS.has(key) || key.startsWith("x-");
/** Lower bounds: raising or adding one narrows what is allowed. */
const LOWER_BOUNDS = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"];
/** Upper bounds: lowering or adding one narrows what is allowed. */
const UPPER_BOUNDS = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"];
/** Keywords that narrow when added or changed and widen when removed. */
const RESTRICTIONS = ["pattern", "format", "multipleOf", "uniqueItems", "contentMediaType", "contentEncoding"];
/** Keywords this diff reads itself. */
const SCHEMA_KEYWORDS = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "required",
  "properties",
  "items",
  "additionalProperties",
  "oneOf",
  "anyOf",
  "allOf",
  "discriminator",
  ...LOWER_BOUNDS,
  ...UPPER_BOUNDS,
  ...RESTRICTIONS,
]);

const escapeToken = (token: string) => token.replaceAll("~", "~0").replaceAll("/", "~1");
const unescapeToken = (token: string) => token.replaceAll("~1", "/").replaceAll("~0", "~");
const isObject = (value: unknown): value is Node => value !== null && typeof value === "object" && !Array.isArray(value);
const shown = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? "nothing"));
const code = (name: string) => `\`${name}\``;
/** `maxLength 255 → 100`, `maxLength 100` (added), `maxLength 255` (removed). */
const constraint = (key: string, a: unknown, b: unknown) =>
  a === undefined ? `${key} ${shown(b)}` : b === undefined ? `${key} ${shown(a)}` : `${key} ${shown(a)} → ${shown(b)}`;

/** Where the diff is: the group, the path below it, and the pointer on each side. */
interface Where {
  group: string;
  path: string[];
  sides: ReadonlySet<Side>;
  base?: string;
  revision?: string;
}
const below = (at: Where, ...tokens: string[]): Where => ({
  ...at,
  path: [...at.path, ...tokens],
  base: at.base === undefined ? undefined : `${at.base}/${tokens.map(escapeToken).join("/")}`,
  revision: at.revision === undefined ? undefined : `${at.revision}/${tokens.map(escapeToken).join("/")}`,
});
const COMPONENT_KINDS: Record<string, string> = {
  schemas: "schema",
  parameters: "parameter",
  responses: "response",
  headers: "header",
  requestBodies: "request body",
  examples: "example",
  securitySchemes: "security scheme",
  links: "link",
  callbacks: "callback",
  pathItems: "path item",
};
const BOTH: ReadonlySet<Side> = new Set(["request", "response"]);

/** `#/components/schemas/Money` for any pointer into that component. */
const componentOf = (ref: string): string | undefined => /^#\/components\/[^/]+\/[^/]+/.exec(ref)?.[0];

/** The operations that reach each component (`#/components/<kind>/<name>`), and on which side, following `$ref`s through everything. */
function usage(reader: SpecReader): Map<string, Map<string, Set<Side>>> {
  const users = new Map<string, Map<string, Set<Side>>>();
  for (const operation of reader.inSpecOrder) {
    const item = (reader.spec.paths?.[operation.path] ?? {}) as Node;
    const roots: Array<[Side, unknown[]]> = [
      ["request", [item.parameters, operation.node.parameters, operation.node.requestBody]],
      ["response", [operation.node.responses]],
    ];
    for (const [side, parts] of roots) {
      const reached = reachable(reader.spec as Record<string, Json>, parts.filter((part) => part !== undefined) as Json[]);
      for (const key of reached) {
        const slash = key.indexOf("/");
        const component = `#/components/${key.slice(0, slash)}/${escapeToken(key.slice(slash + 1))}`;
        const byOperation = users.get(component) ?? new Map<string, Set<Side>>();
        users.set(component, byOperation);
        byOperation.set(operation.id, (byOperation.get(operation.id) ?? new Set<Side>()).add(side));
      }
    }
  }
  return users;
}

/** What a `$ref` points to; nothing when it points nowhere (lint reports that). */
function target(reader: SpecReader, ref: string): unknown {
  try {
    return reader.resolve({ $ref: ref });
  } catch {
    return undefined;
  }
}

/** What `diffSpecs` finds. */
export interface SpecDiff {
  changes: SpecChange[];
  /** The group and path a pointer into either spec falls in (for changes another tool reports). */
  placeOf(pointer: string): { group: string; path: string };
}

/** Every change from `base` (the released contract) to `revision` (the bundle), both parsed bundled specs. */
export function diffSpecs(base: Node, revision: Node): SpecDiff {
  const specs = { base: readSpec(base), revision: readSpec(revision) };
  const changes: SpecChange[] = [];
  const users = [usage(specs.base), usage(specs.revision)];

  /** Which sides a component is used on, in either spec; both when nothing uses it. */
  const componentSides = (pointer: string): ReadonlySet<Side> => {
    const sides = new Set<Side>();
    for (const map of users) {
      for (const used of map.get(pointer)?.values() ?? []) {
        for (const side of used) {
          sides.add(side);
        }
      }
    }
    return sides.size ? sides : BOTH;
  };
  const componentTitle = (pointer: string): string => {
    const [, , kind = "", name = ""] = pointer.split("/");
    const bySide = new Map<Side, Set<string>>();
    for (const map of users) {
      for (const [operation, sides] of map.get(pointer) ?? []) {
        for (const side of sides) {
          bySide.set(side, (bySide.get(side) ?? new Set()).add(operation));
        }
      }
    }
    const where = (["request", "response"] as const)
      .filter((side) => bySide.has(side))
      .map((side) => `${side}s of ${[...(bySide.get(side) ?? [])].join(", ")}`);
    return `${COMPONENT_KINDS[kind] ?? kind} ${unescapeToken(name)} (${where.length ? `in ${where.join("; ")}` : "used by no operation"})`;
  };

  function placeOf(pointer: string): { group: string; path: string } {
    const tokens = pointer.replace(/^#\/?/, "").split("/").map(unescapeToken);
    if (tokens[0] === "paths" && tokens.length >= 2) {
      const route = tokens[1] ?? "";
      const method = tokens[2] ?? "";
      const operation = [...specs.revision.inSpecOrder, ...specs.base.inSpecOrder].find((o) => o.path === route && o.method === method);
      if (operation) {
        return { group: `${method.toUpperCase()} ${route} (${operation.id})`, path: tokens.slice(3).join("/") };
      }
      const ids = [...new Set([...specs.revision.inSpecOrder, ...specs.base.inSpecOrder].filter((o) => o.path === route).map((o) => o.id))];
      return { group: `${route} (every operation on the path: ${ids.join(", ")})`, path: tokens.slice(2).join("/") };
    }
    if (tokens[0] === "components" && tokens.length >= 3) {
      return { group: componentTitle(pointer.split("/").slice(0, 4).join("/")), path: tokens.slice(3).join("/") };
    }
    return { group: "document", path: tokens.join("/") };
  }

  const record = (at: Where, kind: ChangeKind, what: string, effect: Effect): void => {
    let bump: Bump = "none";
    let why: string | undefined;
    for (const side of at.sides) {
      const next = effect[side];
      if (maxBump(bump, next) !== bump) {
        [bump, why] = [next, effect.why?.[side]];
      }
    }
    changes.push({
      group: at.group,
      path: at.path.join("/"),
      kind,
      what,
      bump,
      ...(bump === "major" && why ? { why } : {}),
      pointers: {
        ...(kind !== "added" && at.base !== undefined ? { base: at.base } : {}),
        ...(kind !== "removed" && at.revision !== undefined ? { revision: at.revision } : {}),
      },
    });
  };

  /** A keyword that only describes: any change to it is a patch. */
  const annotation = (at: Where, key: string, a: unknown, b: unknown): void => {
    if (isDeepStrictEqual(a, b)) {
      return;
    }
    const kind: ChangeKind = a === undefined ? "added" : b === undefined ? "removed" : "changed";
    const small = (value: unknown) => value === undefined || typeof value !== "object";
    const detail = key !== "description" && small(a) && small(b) && kind === "changed" ? ` ${shown(a)} → ${shown(b)}` : "";
    record(below(at, key), kind, `${key}${detail}`, ANNOTATION);
  };

  /** Keys neither side's comparison reads: annotations are a patch, anything else an unknown change. */
  const remaining = (at: Where, a: Node, b: Node, read: ReadonlySet<string>): void => {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (read.has(key)) {
        continue;
      }
      if (isAnnotation(key)) {
        annotation(at, key, a[key], b[key]);
      } else if (!isDeepStrictEqual(a[key], b[key])) {
        const kind: ChangeKind = a[key] === undefined ? "added" : b[key] === undefined ? "removed" : "changed";
        record(below(at, key), kind, code(key), UNKNOWN);
      }
    }
  };

  /**
   * Two nodes that may be `$ref`s: the same component on both sides is compared
   * once as that component; different targets are compared here, through the refs.
   */
  const throughRefs = (a: unknown, b: unknown, at: Where, compare: (a: Node, b: Node, at: Where) => void, seen: Set<string>): void => {
    const [refA, refB] = [isObject(a) ? a.$ref : undefined, isObject(b) ? b.$ref : undefined];
    if (typeof refA === "string" && refA === refB && componentOf(refA)) {
      // The component itself is compared once, under its own name; here, only what sits beside the $ref.
      const siblings = (node: Node) => Object.fromEntries(Object.entries(node).filter(([key]) => key !== "$ref"));
      compare(siblings(a as Node), siblings(b as Node), at);
      return;
    }
    if (typeof refA !== "string" && typeof refB !== "string") {
      compare((a ?? {}) as Node, (b ?? {}) as Node, at);
      return;
    }
    const pair = `${refA ?? at.base}|${refB ?? at.revision}`;
    if (seen.has(pair)) {
      return;
    }
    seen.add(pair);
    if (refA !== refB) {
      record(below(at, "$ref"), "changed", `refers to ${refB ?? "an inline definition"} instead of ${refA ?? "an inline definition"}`, ANNOTATION);
    }
    const resolved = (reader: SpecReader, node: unknown): Node => {
      if (!isObject(node) || typeof node.$ref !== "string") {
        return (node ?? {}) as Node;
      }
      const { $ref, ...siblings } = node;
      const found = target(reader, $ref);
      return isObject(found) ? { ...found, ...siblings } : siblings;
    };
    compare(resolved(specs.base, a), resolved(specs.revision, b), {
      ...at,
      base: typeof refA === "string" ? refA : at.base,
      revision: typeof refB === "string" ? refB : at.revision,
    });
  };

  const typesOf = (schema: Node): Set<string> | undefined =>
    schema.type === undefined ? undefined : new Set(Array.isArray(schema.type) ? schema.type : [schema.type]);

  const schemaDiff = (a: unknown, b: unknown, at: Where, seen = new Set<string>()): void => {
    if (typeof a === "boolean" || typeof b === "boolean") {
      if (a !== b) {
        record(at, "changed", `schema ${shown(a)} → ${shown(b)}`, b === false || a === true ? NARROWING : WIDENING);
      }
      return;
    }
    throughRefs(a, b, at, (x, y, here) => schemaKeywords(x, y, here, seen), seen);
  };

  const schemaKeywords = (a: Node, b: Node, at: Where, seen: Set<string>): void => {
    const [typesA, typesB] = [typesOf(a), typesOf(b)];
    if (!isDeepStrictEqual(a.type, b.type)) {
      const lost = typesA && (!typesB || [...typesA].some((t) => !typesB.has(t)));
      const gained = !typesA || (typesB && [...typesB].some((t) => !typesA.has(t)));
      const name = (types?: Set<string>) => (types ? [...types].join(" | ") : "any");
      const effect = lost && gained ? TYPE_CHANGE : lost || (!typesA && typesB) ? NARROWING : WIDENING;
      if (!(typesA && typesB && !lost && !gained)) {
        record(below(at, "type"), "changed", `type ${name(typesA)} → ${name(typesB)}`, effect);
      }
    }

    if (!isDeepStrictEqual(a.enum, b.enum)) {
      const [valuesA, valuesB] = [(a.enum ?? []) as unknown[], (b.enum ?? []) as unknown[]];
      if (a.enum === undefined) {
        record(below(at, "enum"), "added", `enum ${valuesB.map(shown).join(", ")}`, NARROWING);
      } else if (b.enum === undefined) {
        record(below(at, "enum"), "removed", `enum ${valuesA.map(shown).join(", ")}`, WIDENING);
      } else {
        for (const value of valuesA.filter((v) => !valuesB.some((w) => isDeepStrictEqual(v, w)))) {
          record(below(at, "enum"), "removed", `enum value ${shown(value)}`, REMOVAL);
        }
        for (const value of valuesB.filter((v) => !valuesA.some((w) => isDeepStrictEqual(v, w)))) {
          record(below(at, "enum"), "added", `enum value ${shown(value)}`, WIDENING);
        }
      }
    }
    if (!isDeepStrictEqual(a.const, b.const)) {
      const kind: ChangeKind = a.const === undefined ? "added" : b.const === undefined ? "removed" : "changed";
      record(below(at, "const"), kind, `const ${shown(a.const)} → ${shown(b.const)}`, kind === "removed" ? WIDENING : NARROWING);
    }

    const [requiredA, requiredB] = [(a.required ?? []) as string[], (b.required ?? []) as string[]];
    const propsA = (isObject(a.properties) ? a.properties : {}) as Node;
    const propsB = (isObject(b.properties) ? b.properties : {}) as Node;
    for (const name of requiredB.filter((n) => !requiredA.includes(n))) {
      record(
        below(at, "required"),
        "changed",
        Object.hasOwn(propsA, name) ? `field ${code(name)} became required` : `new field ${code(name)} is required`,
        NOW_REQUIRED,
      );
    }
    for (const name of requiredA.filter((n) => !requiredB.includes(n) && Object.hasOwn(propsB, n))) {
      record(below(at, "required"), "changed", `field ${code(name)} became optional`, NOW_OPTIONAL);
    }

    for (const name of new Set([...Object.keys(propsA), ...Object.keys(propsB)])) {
      const here = below(at, "properties", name);
      if (!Object.hasOwn(propsB, name)) {
        record(here, "removed", `field ${code(name)}`, REMOVAL);
      } else if (!Object.hasOwn(propsA, name)) {
        record(here, "added", `field ${code(name)}${requiredB.includes(name) ? " (required)" : ""}`, ADDITION);
      } else {
        schemaDiff(propsA[name], propsB[name], here, seen);
      }
    }

    if (a.items !== undefined && b.items !== undefined) {
      schemaDiff(a.items, b.items, below(at, "items"), seen);
    } else if (!isDeepStrictEqual(a.items, b.items)) {
      record(below(at, "items"), a.items === undefined ? "added" : "removed", "items", a.items === undefined ? NARROWING : WIDENING);
    }

    const [extraA, extraB] = [a.additionalProperties, b.additionalProperties];
    if (isObject(extraA) && isObject(extraB)) {
      schemaDiff(extraA, extraB, below(at, "additionalProperties"), seen);
    } else if (!isDeepStrictEqual(extraA, extraB)) {
      const openness = (value: unknown) => (value === false ? 0 : isObject(value) ? 1 : 2);
      record(
        below(at, "additionalProperties"),
        "changed",
        `additionalProperties ${isObject(extraA) ? "a schema" : shown(extraA ?? true)} → ${isObject(extraB) ? "a schema" : shown(extraB ?? true)}`,
        openness(extraB) < openness(extraA) ? NARROWING : WIDENING,
      );
    }

    for (const combinator of ["oneOf", "anyOf", "allOf"] as const) {
      const [listA, listB] = [(a[combinator] ?? []) as unknown[], (b[combinator] ?? []) as unknown[]];
      const key = (variant: unknown, index: number) => (isObject(variant) && typeof variant.$ref === "string" ? variant.$ref : `#${index}`);
      const keyedA = new Map(listA.map((v, i) => [key(v, i), i]));
      const keyedB = new Map(listB.map((v, i) => [key(v, i), i]));
      const named = (variant: unknown, index: number) =>
        `${combinator} variant ${isObject(variant) && typeof variant.$ref === "string" ? code(variant.$ref.split("/").pop() ?? "") : index}`;
      // More allOf members constrain more; more oneOf/anyOf variants allow more.
      const [more, fewer] = combinator === "allOf" ? [NARROWING, WIDENING] : [WIDENING, REMOVAL];
      for (const [k, i] of keyedA) {
        if (!keyedB.has(k)) {
          record({ ...below(at, combinator, String(i)), revision: undefined }, "removed", named(listA[i], i), fewer);
        }
      }
      for (const [k, i] of keyedB) {
        const j = keyedA.get(k);
        const here = below(at, combinator, String(i));
        if (j === undefined) {
          record(here, "added", named(listB[i], i), more);
        } else {
          schemaDiff(listA[j], listB[i], { ...here, base: at.base === undefined ? undefined : `${at.base}/${combinator}/${j}` }, seen);
        }
      }
    }

    if (!isDeepStrictEqual(a.discriminator, b.discriminator)) {
      const [da, db] = [(a.discriminator ?? {}) as Node, (b.discriminator ?? {}) as Node];
      const here = below(at, "discriminator");
      if (da.propertyName !== db.propertyName) {
        record(below(here, "propertyName"), "changed", `discriminator ${shown(da.propertyName)} → ${shown(db.propertyName)}`, UNKNOWN);
      }
      const [mapA, mapB] = [(da.mapping ?? {}) as Node, (db.mapping ?? {}) as Node];
      for (const value of Object.keys(mapA).filter((k) => !Object.hasOwn(mapB, k))) {
        record(below(here, "mapping", value), "removed", `discriminator value ${shown(value)}`, REMOVAL);
      }
      for (const value of Object.keys(mapB).filter((k) => !Object.hasOwn(mapA, k))) {
        record(below(here, "mapping", value), "added", `discriminator value ${shown(value)}`, WIDENING);
      }
      for (const value of Object.keys(mapB).filter((k) => Object.hasOwn(mapA, k) && mapA[k] !== mapB[k])) {
        record(below(here, "mapping", value), "changed", `discriminator value ${shown(value)} maps to ${mapB[value]} instead of ${mapA[value]}`, UNKNOWN);
      }
    }

    for (const [keys, tighter] of [
      [LOWER_BOUNDS, (x: number, y: number) => y > x],
      [UPPER_BOUNDS, (x: number, y: number) => y < x],
    ] as const) {
      for (const key of keys) {
        if (isDeepStrictEqual(a[key], b[key])) {
          continue;
        }
        const kind: ChangeKind = a[key] === undefined ? "added" : b[key] === undefined ? "removed" : "changed";
        const narrows = kind === "added" || (kind === "changed" && (typeof a[key] !== "number" || typeof b[key] !== "number" || tighter(a[key], b[key])));
        record(below(at, key), kind, constraint(key, a[key], b[key]), narrows ? NARROWING : WIDENING);
      }
    }
    for (const key of RESTRICTIONS) {
      if (isDeepStrictEqual(a[key], b[key])) {
        continue;
      }
      const kind: ChangeKind = a[key] === undefined ? "added" : b[key] === undefined ? "removed" : "changed";
      const loosens = kind === "removed" || (key === "uniqueItems" && b[key] === false);
      record(below(at, key), kind, constraint(key, a[key], b[key]), loosens ? WIDENING : NARROWING);
    }
    remaining(at, a, b, SCHEMA_KEYWORDS);
  };

  const mediaDiff = (a: Node, b: Node, at: Where): void => {
    const [contentA, contentB] = [(a.content ?? {}) as Node, (b.content ?? {}) as Node];
    for (const type of new Set([...Object.keys(contentA), ...Object.keys(contentB)])) {
      const here = below(at, "content", type);
      if (!Object.hasOwn(contentB, type)) {
        record(here, "removed", `media type ${type}`, REMOVAL);
      } else if (!Object.hasOwn(contentA, type)) {
        record(here, "added", `media type ${type}`, ADDITION);
      } else {
        const [ma, mb] = [contentA[type] as Node, contentB[type] as Node];
        if (ma.schema !== undefined || mb.schema !== undefined) {
          schemaDiff(ma.schema ?? {}, mb.schema ?? {}, below(here, "schema"));
        }
        remaining(here, ma, mb, new Set(["schema"]));
      }
    }
  };

  const parameterDiff = (a: Node, b: Node, at: Where): void => {
    if (a.required !== b.required) {
      record(below(at, "required"), "changed", b.required === true ? "became required" : "became optional", b.required === true ? NOW_REQUIRED : NOW_OPTIONAL);
    }
    if (a.schema !== undefined || b.schema !== undefined) {
      schemaDiff(a.schema ?? {}, b.schema ?? {}, below(at, "schema"));
    }
    if (a.content !== undefined || b.content !== undefined) {
      mediaDiff(a, b, at);
    }
    remaining(at, a, b, new Set(["name", "in", "required", "schema", "content"]));
  };

  const headerDiff = (a: Node, b: Node, at: Where): void => parameterDiff(a, b, at);

  const bodyDiff = (a: Node, b: Node, at: Where): void => {
    if ((a.required === true) !== (b.required === true)) {
      record(
        below(at, "required"),
        "changed",
        b.required === true ? "request body became required" : "request body became optional",
        b.required === true ? NOW_REQUIRED : NOW_OPTIONAL,
      );
    }
    mediaDiff(a, b, at);
    remaining(at, a, b, new Set(["required", "content"]));
  };

  const responseDiff = (a: Node, b: Node, at: Where): void => {
    const [headersA, headersB] = [(a.headers ?? {}) as Node, (b.headers ?? {}) as Node];
    const lower = (headers: Node) => new Map(Object.keys(headers).map((name) => [name.toLowerCase(), name]));
    const [namesA, namesB] = [lower(headersA), lower(headersB)];
    for (const [key, name] of namesA) {
      if (!namesB.has(key)) {
        record(below(at, "headers", name), "removed", `header ${code(name)}`, REMOVAL);
      }
    }
    for (const [key, name] of namesB) {
      const old = namesA.get(key);
      if (old === undefined) {
        record(below(at, "headers", name), "added", `header ${code(name)}`, ADDITION);
      } else {
        throughRefs(headersA[old], headersB[name], { ...below(at, "headers", name), base: `${at.base}/headers/${escapeToken(old)}` }, headerDiff, new Set());
      }
    }
    mediaDiff(a, b, at);
    remaining(at, a, b, new Set(["headers", "content"]));
  };

  /** Path-level and operation-level parameters by `in` and name, the operation's winning, with where each is. */
  const parametersOf = (reader: SpecReader, operation: Operation): Map<string, { node: unknown; pointer: string; name: string }> => {
    const item = (reader.spec.paths?.[operation.path] ?? {}) as Node;
    const itemPointer = `#/paths/${escapeToken(operation.path)}`;
    const byKey = new Map<string, { node: unknown; pointer: string; name: string }>();
    const levels: Array<[unknown[], string]> = [
      [(item.parameters ?? []) as unknown[], `${itemPointer}/parameters`],
      [(operation.node.parameters ?? []) as unknown[], `${itemPointer}/${operation.method}/parameters`],
    ];
    for (const [list, pointer] of levels) {
      list.forEach((node, index) => {
        const parameter = reader.resolve<Node>(node);
        byKey.set(`${parameter.in} ${parameter.name}`, { node, pointer: `${pointer}/${index}`, name: `${parameter.in} parameter ${code(parameter.name)}` });
      });
    }
    return byKey;
  };

  /** A parameter's place: its operation, or the path item when it is declared for every operation on the path. */
  const parameterAt = (pointer: string, pointers: { base?: string; revision?: string }): Where => {
    const place = placeOf(pointer);
    return { group: place.group, path: place.path.split("/"), sides: new Set(["request"]), ...pointers };
  };

  const operationDiff = (a: Operation, b: Operation): void => {
    const group = `${b.method.toUpperCase()} ${b.path} (${b.id})`;
    const pointerA = `#/paths/${escapeToken(a.path)}/${a.method}`;
    const pointerB = `#/paths/${escapeToken(b.path)}/${b.method}`;
    const at = (sides: ReadonlySet<Side>): Where => ({ group, path: [], sides, base: pointerA, revision: pointerB });
    const request: ReadonlySet<Side> = new Set(["request"]);
    const response: ReadonlySet<Side> = new Set(["response"]);

    if (a.id !== b.id) {
      record(below(at(BOTH), "operationId"), "changed", `operationId ${a.id} → ${b.id}`, {
        ...UNKNOWN,
        why: { request: "the client's method is named after it" },
      });
    }

    const [paramsA, paramsB] = [parametersOf(specs.base, a), parametersOf(specs.revision, b)];
    for (const [key, p] of paramsA) {
      if (!paramsB.has(key)) {
        record(parameterAt(p.pointer, { base: p.pointer }), "removed", p.name, REMOVAL);
      }
    }
    for (const [key, p] of paramsB) {
      const old = paramsA.get(key);
      const here = parameterAt(p.pointer, { base: old?.pointer, revision: p.pointer });
      if (!old) {
        const required = specs.revision.resolve<Node>(p.node).required === true;
        record(here, "added", `${required ? "required " : ""}${p.name}`, required ? NOW_REQUIRED : ADDITION);
      } else {
        throughRefs(old.node, p.node, here, parameterDiff, new Set());
      }
    }

    const [bodyA, bodyB] = [a.node.requestBody, b.node.requestBody];
    if (bodyA === undefined && bodyB !== undefined) {
      const required = specs.revision.resolve<Node>(bodyB).required === true;
      record(below(at(request), "requestBody"), "added", `${required ? "required " : ""}request body`, required ? NOW_REQUIRED : ADDITION);
    } else if (bodyA !== undefined && bodyB === undefined) {
      record(below(at(request), "requestBody"), "removed", "request body", REMOVAL);
    } else if (bodyA !== undefined) {
      throughRefs(bodyA, bodyB, below(at(request), "requestBody"), bodyDiff, new Set());
    }

    const [responsesA, responsesB] = [(a.node.responses ?? {}) as Node, (b.node.responses ?? {}) as Node];
    for (const status of Object.keys(responsesA)) {
      if (!Object.hasOwn(responsesB, status)) {
        record(below(at(response), "responses", status), "removed", `response ${status}`, REMOVAL);
      }
    }
    for (const status of Object.keys(responsesB)) {
      if (!Object.hasOwn(responsesA, status)) {
        record(below(at(response), "responses", status), "added", `response ${status}`, ADDITION);
      } else {
        throughRefs(responsesA[status], responsesB[status], below(at(response), "responses", status), responseDiff, new Set());
      }
    }
    remaining(at(BOTH), a.node, b.node, new Set(["operationId", "parameters", "requestBody", "responses"]));
  };

  const byRoute = (operations: Operation[]) => new Map(operations.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o]));
  const [routesA, routesB] = [byRoute(specs.base.inSpecOrder), byRoute(specs.revision.inSpecOrder)];
  for (const [route, operation] of routesA) {
    if (!routesB.has(route)) {
      record(
        { group: `${route} (${operation.id})`, path: [], sides: BOTH, base: `#/paths/${escapeToken(operation.path)}/${operation.method}` },
        "removed",
        "operation",
        REMOVAL,
      );
    }
  }
  for (const [route, operation] of routesB) {
    const old = routesA.get(route);
    if (old) {
      operationDiff(old, operation);
    } else {
      record(
        { group: `${route} (${operation.id})`, path: [], sides: BOTH, revision: `#/paths/${escapeToken(operation.path)}/${operation.method}` },
        "added",
        "operation",
        ADDITION,
      );
    }
  }

  const compareComponent: Record<string, (a: Node, b: Node, at: Where) => void> = {
    schemas: (a, b, at) => schemaDiff(a, b, at),
    parameters: parameterDiff,
    headers: headerDiff,
    requestBodies: bodyDiff,
    responses: responseDiff,
  };
  const [componentsA, componentsB] = [(base.components ?? {}) as Node, (revision.components ?? {}) as Node];
  for (const kind of new Set([...Object.keys(componentsA), ...Object.keys(componentsB)])) {
    const [namesA, namesB] = [(componentsA[kind] ?? {}) as Node, (componentsB[kind] ?? {}) as Node];
    for (const name of new Set([...Object.keys(namesA), ...Object.keys(namesB)])) {
      const pointer = `#/components/${escapeToken(kind)}/${escapeToken(name)}`;
      const at: Where = { group: componentTitle(pointer), path: [], sides: componentSides(pointer), base: pointer, revision: pointer };
      const what = `${COMPONENT_KINDS[kind] ?? kind} ${code(name)}`;
      if (!Object.hasOwn(namesB, name)) {
        record(at, "removed", what, ANNOTATION);
      } else if (!Object.hasOwn(namesA, name)) {
        record(at, "added", what, ANNOTATION);
      } else {
        const compare = compareComponent[kind];
        if (compare) {
          compare(namesA[name], namesB[name], at);
        } else if (!isDeepStrictEqual(namesA[name], namesB[name])) {
          record(at, "changed", what, kind === "examples" ? ANNOTATION : UNKNOWN);
        }
      }
    }
  }

  // What is neither an operation nor a component: info, servers, security, tags.
  for (const key of new Set([...Object.keys(base), ...Object.keys(revision)])) {
    if (key === "paths" || key === "components" || isDeepStrictEqual(base[key], revision[key])) {
      continue;
    }
    const at: Where = { group: "document", path: [], sides: BOTH, base: "#", revision: "#" };
    if (key === "info") {
      const [a, b] = [(base.info ?? {}) as Node, (revision.info ?? {}) as Node];
      for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
        annotation(below(at, "info"), field, a[field], b[field]);
      }
    } else if (isAnnotation(key)) {
      annotation(at, key, base[key], revision[key]);
    } else {
      record(below(at, key), base[key] === undefined ? "added" : revision[key] === undefined ? "removed" : "changed", code(key), UNKNOWN);
    }
  }

  // A parameter declared on a path item is compared for each operation on it: once is enough.
  const seen = new Set<string>();
  const once = changes.filter((change) => {
    const key = [change.group, change.path, change.kind, change.what].join("\0");
    return !seen.has(key) && Boolean(seen.add(key));
  });
  return { changes: once, placeOf };
}
