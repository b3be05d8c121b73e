// What every comparison of the diff shares: the two specs, the changes found
// so far and how a change is recorded (its bump from the sides it is on), the
// keys left to compare, and the way through `$ref`s.
import { isDeepStrictEqual } from "node:util";
import { type Node, readSpec, type SpecReader } from "@billing-api/openapi/reader";
import { type Bump, maxBump } from "../release-plan.ts";
import { ANNOTATION, type ChangeKind, type Effect, isAnnotation, type Side, UNKNOWN } from "./rules.ts";
import {
  BOTH,
  below,
  COMPONENT_KINDS,
  code,
  componentOf,
  isObject,
  shown,
  target,
  unescapeToken,
  usage,
  type Where,
} from "./where.ts";

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

export interface Differ {
  specs: { base: SpecReader; revision: SpecReader };
  changes: SpecChange[];
  componentSides(pointer: string): ReadonlySet<Side>;
  componentTitle(pointer: string): string;
  placeOf(pointer: string): { group: string; path: string };
  record(at: Where, kind: ChangeKind, what: string, effect: Effect): void;
  annotation(at: Where, key: string, a: unknown, b: unknown): void;
  remaining(at: Where, a: Node, b: Node, read: ReadonlySet<string>): void;
  throughRefs(
    a: unknown,
    b: unknown,
    at: Where,
    compare: (a: Node, b: Node, at: Where) => void,
    seen: Set<string>,
  ): void;
}

/** The shared part of one diff from `base` to `revision` (parsed bundled specs). */
export function createDiffer(base: Node, revision: Node): Differ {
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
      const operation = [...specs.revision.inSpecOrder, ...specs.base.inSpecOrder].find(
        (o) => o.path === route && o.method === method,
      );
      if (operation) {
        return { group: `${method.toUpperCase()} ${route} (${operation.id})`, path: tokens.slice(3).join("/") };
      }
      const ids = [
        ...new Set(
          [...specs.revision.inSpecOrder, ...specs.base.inSpecOrder].filter((o) => o.path === route).map((o) => o.id),
        ),
      ];
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
    const detail =
      key !== "description" && small(a) && small(b) && kind === "changed" ? ` ${shown(a)} → ${shown(b)}` : "";
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
  const throughRefs = (
    a: unknown,
    b: unknown,
    at: Where,
    compare: (a: Node, b: Node, at: Where) => void,
    seen: Set<string>,
  ): void => {
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
      record(
        below(at, "$ref"),
        "changed",
        `refers to ${refB ?? "an inline definition"} instead of ${refA ?? "an inline definition"}`,
        ANNOTATION,
      );
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

  return { specs, changes, componentSides, componentTitle, placeOf, record, annotation, remaining, throughRefs };
}
