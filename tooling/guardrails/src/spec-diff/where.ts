// Where a change is: JSON pointers and paths, the group it is reported under,
// and which operations reach each component, on which side.
import type { Node, SpecReader } from "@billing-api/openapi/reader";
import { type Json, reachable } from "../spec-graph.ts";
import type { Side } from "./rules.ts";

export const escapeToken = (token: string) => token.replaceAll("~", "~0").replaceAll("/", "~1");
export const unescapeToken = (token: string) => token.replaceAll("~1", "/").replaceAll("~0", "~");
export const isObject = (value: unknown): value is Node =>
  value !== null && typeof value === "object" && !Array.isArray(value);
export const shown = (value: unknown) =>
  typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? "nothing");
export const code = (name: string) => `\`${name}\``;
/** `maxLength 255 → 100`, `maxLength 100` (added), `maxLength 255` (removed). */
export const constraint = (key: string, a: unknown, b: unknown) =>
  a === undefined ? `${key} ${shown(b)}` : b === undefined ? `${key} ${shown(a)}` : `${key} ${shown(a)} → ${shown(b)}`;

/** Where the diff is: the group, the path below it, and the pointer on each side. */
export interface Where {
  group: string;
  path: string[];
  sides: ReadonlySet<Side>;
  base?: string;
  revision?: string;
}
export const below = (at: Where, ...tokens: string[]): Where => ({
  ...at,
  path: [...at.path, ...tokens],
  base: at.base === undefined ? undefined : `${at.base}/${tokens.map(escapeToken).join("/")}`,
  revision: at.revision === undefined ? undefined : `${at.revision}/${tokens.map(escapeToken).join("/")}`,
});
export const COMPONENT_KINDS: Record<string, string> = {
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
export const BOTH: ReadonlySet<Side> = new Set(["request", "response"]);

/** `#/components/schemas/Money` for any pointer into that component. */
export const componentOf = (ref: string): string | undefined => /^#\/components\/[^/]+\/[^/]+/.exec(ref)?.[0];

/** The operations that reach each component (`#/components/<kind>/<name>`), and on which side, following `$ref`s through everything. */
export function usage(reader: SpecReader): Map<string, Map<string, Set<Side>>> {
  const users = new Map<string, Map<string, Set<Side>>>();
  for (const operation of reader.inSpecOrder) {
    const item = (reader.spec.paths?.[operation.path] ?? {}) as Node;
    const roots: Array<[Side, unknown[]]> = [
      ["request", [item.parameters, operation.node.parameters, operation.node.requestBody]],
      ["response", [operation.node.responses]],
    ];
    for (const [side, parts] of roots) {
      const reached = reachable(
        reader.spec as Record<string, Json>,
        parts.filter((part) => part !== undefined) as Json[],
      );
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
export function target(reader: SpecReader, ref: string): unknown {
  try {
    return reader.resolve({ $ref: ref });
  } catch {
    return undefined;
  }
}
