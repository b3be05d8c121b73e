// What changed between two bundled specs, one change at a time: operations,
// parameters, request bodies, responses (by status), headers, and in schemas
// every field, enum value, type, constraint and variant. A component both
// specs hold (#/components/…) is compared once, under its own name, with the
// operations that use it and on which side (request or response); the rest is
// compared where it is, under its operation. Each change says what needs which
// bump. Nothing is named here: operations, schemas and fields all come from the
// two specs.

// The parts: spec-diff/rules.ts (the bump of each kind of change),
// spec-diff/where.ts (pointers, groups, which operations use a component),
// spec-diff/differ.ts (what every comparison shares), spec-diff/schema-diff.ts
// and spec-diff/operation-diff.ts. The spec reader's source, not its build:
// the checks load before anything is built (pnpm test on a fresh checkout).
import { isDeepStrictEqual } from "node:util";
import type { Node, Operation } from "@billing-api/openapi/reader";
import { createDiffer, type SpecChange } from "./spec-diff/differ.ts";
import { bodyDiff, operationDiff, parameterDiff, responseDiff } from "./spec-diff/operation-diff.ts";
import { ADDITION, ANNOTATION, isAnnotation, REMOVAL, UNKNOWN } from "./spec-diff/rules.ts";
import { schemaDiff } from "./spec-diff/schema-diff.ts";
import { BOTH, below, COMPONENT_KINDS, code, escapeToken, type Where } from "./spec-diff/where.ts";

export type { SpecChange } from "./spec-diff/differ.ts";
export type { ChangeKind, Side } from "./spec-diff/rules.ts";

/** What `diffSpecs` finds. */
export interface SpecDiff {
  changes: SpecChange[];
  /** The group and path a pointer into either spec falls in (for changes another tool reports). */
  placeOf(pointer: string): { group: string; path: string };
}

/** Every change from `base` (the released contract) to `revision` (the bundle), both parsed bundled specs. */
export function diffSpecs(base: Node, revision: Node): SpecDiff {
  const d = createDiffer(base, revision);
  const byRoute = (operations: Operation[]) =>
    new Map(operations.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o]));
  const [routesA, routesB] = [byRoute(d.specs.base.inSpecOrder), byRoute(d.specs.revision.inSpecOrder)];
  for (const [route, operation] of routesA) {
    if (!routesB.has(route)) {
      d.record(
        {
          group: `${route} (${operation.id})`,
          path: [],
          sides: BOTH,
          base: `#/paths/${escapeToken(operation.path)}/${operation.method}`,
        },
        "removed",
        "operation",
        REMOVAL,
      );
    }
  }
  for (const [route, operation] of routesB) {
    const old = routesA.get(route);
    if (old) {
      operationDiff(d, old, operation);
    } else {
      d.record(
        {
          group: `${route} (${operation.id})`,
          path: [],
          sides: BOTH,
          revision: `#/paths/${escapeToken(operation.path)}/${operation.method}`,
        },
        "added",
        "operation",
        ADDITION,
      );
    }
  }

  const compareComponent: Record<string, (a: Node, b: Node, at: Where) => void> = {
    schemas: (a, b, at) => schemaDiff(d, a, b, at),
    parameters: (a, b, at) => parameterDiff(d, a, b, at),
    headers: (a, b, at) => parameterDiff(d, a, b, at),
    requestBodies: (a, b, at) => bodyDiff(d, a, b, at),
    responses: (a, b, at) => responseDiff(d, a, b, at),
  };
  const [componentsA, componentsB] = [(base.components ?? {}) as Node, (revision.components ?? {}) as Node];
  for (const kind of new Set([...Object.keys(componentsA), ...Object.keys(componentsB)])) {
    const [namesA, namesB] = [(componentsA[kind] ?? {}) as Node, (componentsB[kind] ?? {}) as Node];
    for (const name of new Set([...Object.keys(namesA), ...Object.keys(namesB)])) {
      const pointer = `#/components/${escapeToken(kind)}/${escapeToken(name)}`;
      const at: Where = {
        group: d.componentTitle(pointer),
        path: [],
        sides: d.componentSides(pointer),
        base: pointer,
        revision: pointer,
      };
      const what = `${COMPONENT_KINDS[kind] ?? kind} ${code(name)}`;
      if (!Object.hasOwn(namesB, name)) {
        d.record(at, "removed", what, ANNOTATION);
      } else if (!Object.hasOwn(namesA, name)) {
        d.record(at, "added", what, ANNOTATION);
      } else {
        const compare = compareComponent[kind];
        if (compare) {
          compare(namesA[name], namesB[name], at);
        } else if (!isDeepStrictEqual(namesA[name], namesB[name])) {
          d.record(at, "changed", what, kind === "examples" ? ANNOTATION : UNKNOWN);
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
        d.annotation(below(at, "info"), field, a[field], b[field]);
      }
    } else if (isAnnotation(key)) {
      d.annotation(at, key, base[key], revision[key]);
    } else {
      d.record(
        below(at, key),
        base[key] === undefined ? "added" : revision[key] === undefined ? "removed" : "changed",
        code(key),
        UNKNOWN,
      );
    }
  }

  // A parameter declared on a path item is compared for each operation on it: once is enough.
  const seen = new Set<string>();
  const once = d.changes.filter((change) => {
    const key = [change.group, change.path, change.kind, change.what].join("\0");
    return !seen.has(key) && Boolean(seen.add(key));
  });
  return { changes: once, placeOf: d.placeOf };
}
