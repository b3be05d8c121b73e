// The bundled spec as a graph of local `$ref`s: which components a part of the
// document reaches, transitively. The owasp check places findings on the
// request or response side by it; the provenance check finds the operations
// that reach each constraint.
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** Every local `$ref` target under `node`, as `["components", kind, name]`. */
function refsUnder(node: Json | undefined, found: string[][] = []): string[][] {
  if (Array.isArray(node)) {
    for (const item of node) {
      refsUnder(item, found);
    }
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith("#/")) {
        const segments = value
          .slice(2)
          .split("/")
          .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
        if (segments[0] === "components" && segments.length >= 3) {
          found.push(segments.slice(0, 3));
        }
      } else {
        refsUnder(value, found);
      }
    }
  }
  return found;
}

/** The components (`kind/name`) reachable by $ref, transitively, from `roots`. */
export function reachable(doc: Record<string, Json>, roots: Json[]): Set<string> {
  const components = isObject(doc.components) ? doc.components : {};
  const seen = new Set<string>();
  const queue = roots.flatMap((root) => refsUnder(root));
  while (queue.length) {
    const [, kind, name] = queue.pop()!;
    const key = `${kind}/${name}`;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    const group = components[kind!];
    if (isObject(group)) {
      queue.push(...refsUnder(group[name!]));
    }
  }
  return seen;
}
