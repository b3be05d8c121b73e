// A schema against its old self: types, enums, consts, required fields and
// properties, items, additionalProperties, variants, the discriminator and
// every bound and restriction, each change with the bump it needs.
import { isDeepStrictEqual } from "node:util";
import type { Node } from "@billing-api/openapi/reader";
import type { Differ } from "./differ.ts";
import {
  ADDITION,
  type ChangeKind,
  LOWER_BOUNDS,
  NARROWING,
  NOW_OPTIONAL,
  NOW_REQUIRED,
  REMOVAL,
  RESTRICTIONS,
  SCHEMA_KEYWORDS,
  TYPE_CHANGE,
  UNKNOWN,
  UPPER_BOUNDS,
  WIDENING,
} from "./rules.ts";
import { below, code, constraint, isObject, shown, type Where } from "./where.ts";

const typesOf = (schema: Node): Set<string> | undefined =>
  schema.type === undefined ? undefined : new Set(Array.isArray(schema.type) ? schema.type : [schema.type]);

export function schemaDiff(d: Differ, a: unknown, b: unknown, at: Where, seen = new Set<string>()): void {
  if (typeof a === "boolean" || typeof b === "boolean") {
    if (a !== b) {
      d.record(at, "changed", `schema ${shown(a)} → ${shown(b)}`, b === false || a === true ? NARROWING : WIDENING);
    }
    return;
  }
  d.throughRefs(a, b, at, (x, y, here) => schemaKeywords(d, x, y, here, seen), seen);
}

function schemaKeywords(d: Differ, a: Node, b: Node, at: Where, seen: Set<string>): void {
  const [typesA, typesB] = [typesOf(a), typesOf(b)];
  if (!isDeepStrictEqual(a.type, b.type)) {
    const lost = typesA && (!typesB || [...typesA].some((t) => !typesB.has(t)));
    const gained = !typesA || (typesB && [...typesB].some((t) => !typesA.has(t)));
    const name = (types?: Set<string>) => (types ? [...types].join(" | ") : "any");
    const effect = lost && gained ? TYPE_CHANGE : lost || (!typesA && typesB) ? NARROWING : WIDENING;
    if (!(typesA && typesB && !lost && !gained)) {
      d.record(below(at, "type"), "changed", `type ${name(typesA)} → ${name(typesB)}`, effect);
    }
  }

  if (!isDeepStrictEqual(a.enum, b.enum)) {
    const [valuesA, valuesB] = [(a.enum ?? []) as unknown[], (b.enum ?? []) as unknown[]];
    if (a.enum === undefined) {
      d.record(below(at, "enum"), "added", `enum ${valuesB.map(shown).join(", ")}`, NARROWING);
    } else if (b.enum === undefined) {
      d.record(below(at, "enum"), "removed", `enum ${valuesA.map(shown).join(", ")}`, WIDENING);
    } else {
      for (const value of valuesA.filter((v) => !valuesB.some((w) => isDeepStrictEqual(v, w)))) {
        d.record(below(at, "enum"), "removed", `enum value ${shown(value)}`, REMOVAL);
      }
      for (const value of valuesB.filter((v) => !valuesA.some((w) => isDeepStrictEqual(v, w)))) {
        d.record(below(at, "enum"), "added", `enum value ${shown(value)}`, WIDENING);
      }
    }
  }
  if (!isDeepStrictEqual(a.const, b.const)) {
    const kind: ChangeKind = a.const === undefined ? "added" : b.const === undefined ? "removed" : "changed";
    d.record(
      below(at, "const"),
      kind,
      `const ${shown(a.const)} → ${shown(b.const)}`,
      kind === "removed" ? WIDENING : NARROWING,
    );
  }

  const [requiredA, requiredB] = [(a.required ?? []) as string[], (b.required ?? []) as string[]];
  const propsA = (isObject(a.properties) ? a.properties : {}) as Node;
  const propsB = (isObject(b.properties) ? b.properties : {}) as Node;
  for (const name of requiredB.filter((n) => !requiredA.includes(n))) {
    d.record(
      below(at, "required"),
      "changed",
      Object.hasOwn(propsA, name) ? `field ${code(name)} became required` : `new field ${code(name)} is required`,
      NOW_REQUIRED,
    );
  }
  for (const name of requiredA.filter((n) => !requiredB.includes(n) && Object.hasOwn(propsB, n))) {
    d.record(below(at, "required"), "changed", `field ${code(name)} became optional`, NOW_OPTIONAL);
  }

  for (const name of new Set([...Object.keys(propsA), ...Object.keys(propsB)])) {
    const here = below(at, "properties", name);
    if (!Object.hasOwn(propsB, name)) {
      d.record(here, "removed", `field ${code(name)}`, REMOVAL);
    } else if (!Object.hasOwn(propsA, name)) {
      d.record(here, "added", `field ${code(name)}${requiredB.includes(name) ? " (required)" : ""}`, ADDITION);
    } else {
      schemaDiff(d, propsA[name], propsB[name], here, seen);
    }
  }

  if (a.items !== undefined && b.items !== undefined) {
    schemaDiff(d, a.items, b.items, below(at, "items"), seen);
  } else if (!isDeepStrictEqual(a.items, b.items)) {
    d.record(
      below(at, "items"),
      a.items === undefined ? "added" : "removed",
      "items",
      a.items === undefined ? NARROWING : WIDENING,
    );
  }

  const [extraA, extraB] = [a.additionalProperties, b.additionalProperties];
  if (isObject(extraA) && isObject(extraB)) {
    schemaDiff(d, extraA, extraB, below(at, "additionalProperties"), seen);
  } else if (!isDeepStrictEqual(extraA, extraB)) {
    const openness = (value: unknown) => (value === false ? 0 : isObject(value) ? 1 : 2);
    d.record(
      below(at, "additionalProperties"),
      "changed",
      `additionalProperties ${isObject(extraA) ? "a schema" : shown(extraA ?? true)} → ${isObject(extraB) ? "a schema" : shown(extraB ?? true)}`,
      openness(extraB) < openness(extraA) ? NARROWING : WIDENING,
    );
  }

  for (const combinator of ["oneOf", "anyOf", "allOf"] as const) {
    const [listA, listB] = [(a[combinator] ?? []) as unknown[], (b[combinator] ?? []) as unknown[]];
    const key = (variant: unknown, index: number) =>
      isObject(variant) && typeof variant.$ref === "string" ? variant.$ref : `#${index}`;
    const keyedA = new Map(listA.map((v, i) => [key(v, i), i]));
    const keyedB = new Map(listB.map((v, i) => [key(v, i), i]));
    const named = (variant: unknown, index: number) =>
      `${combinator} variant ${isObject(variant) && typeof variant.$ref === "string" ? code(variant.$ref.split("/").pop() ?? "") : index}`;
    // More allOf members constrain more; more oneOf/anyOf variants allow more.
    const [more, fewer] = combinator === "allOf" ? [NARROWING, WIDENING] : [WIDENING, REMOVAL];
    for (const [k, i] of keyedA) {
      if (!keyedB.has(k)) {
        d.record({ ...below(at, combinator, String(i)), revision: undefined }, "removed", named(listA[i], i), fewer);
      }
    }
    for (const [k, i] of keyedB) {
      const j = keyedA.get(k);
      const here = below(at, combinator, String(i));
      if (j === undefined) {
        d.record(here, "added", named(listB[i], i), more);
      } else {
        schemaDiff(
          d,
          listA[j],
          listB[i],
          { ...here, base: at.base === undefined ? undefined : `${at.base}/${combinator}/${j}` },
          seen,
        );
      }
    }
  }

  if (!isDeepStrictEqual(a.discriminator, b.discriminator)) {
    const [da, db] = [(a.discriminator ?? {}) as Node, (b.discriminator ?? {}) as Node];
    const here = below(at, "discriminator");
    if (da.propertyName !== db.propertyName) {
      d.record(
        below(here, "propertyName"),
        "changed",
        `discriminator ${shown(da.propertyName)} → ${shown(db.propertyName)}`,
        UNKNOWN,
      );
    }
    const [mapA, mapB] = [(da.mapping ?? {}) as Node, (db.mapping ?? {}) as Node];
    for (const value of Object.keys(mapA).filter((k) => !Object.hasOwn(mapB, k))) {
      d.record(below(here, "mapping", value), "removed", `discriminator value ${shown(value)}`, REMOVAL);
    }
    for (const value of Object.keys(mapB).filter((k) => !Object.hasOwn(mapA, k))) {
      d.record(below(here, "mapping", value), "added", `discriminator value ${shown(value)}`, WIDENING);
    }
    for (const value of Object.keys(mapB).filter((k) => Object.hasOwn(mapA, k) && mapA[k] !== mapB[k])) {
      d.record(
        below(here, "mapping", value),
        "changed",
        `discriminator value ${shown(value)} maps to ${mapB[value]} instead of ${mapA[value]}`,
        UNKNOWN,
      );
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
      const narrows =
        kind === "added" ||
        (kind === "changed" && (typeof a[key] !== "number" || typeof b[key] !== "number" || tighter(a[key], b[key])));
      d.record(below(at, key), kind, constraint(key, a[key], b[key]), narrows ? NARROWING : WIDENING);
    }
  }
  for (const key of RESTRICTIONS) {
    if (isDeepStrictEqual(a[key], b[key])) {
      continue;
    }
    const kind: ChangeKind = a[key] === undefined ? "added" : b[key] === undefined ? "removed" : "changed";
    const loosens = kind === "removed" || (key === "uniqueItems" && b[key] === false);
    d.record(below(at, key), kind, constraint(key, a[key], b[key]), loosens ? WIDENING : NARROWING);
  }
  d.remaining(at, a, b, SCHEMA_KEYWORDS);
}
