// Which components the written files point at, so only those are written.
import type { Document } from "./common.ts";

/** Every relative file $ref in `document`. */
export function* fileRefs(document: unknown): Generator<string> {
  if (Array.isArray(document)) {
    for (const item of document) {
      yield* fileRefs(item);
    }
  } else if (document !== null && typeof document === "object") {
    for (const [key, value] of Object.entries(document)) {
      if (key === "$ref") {
        yield value as string;
      } else {
        yield* fileRefs(value);
      }
    }
  }
}

/** The names of the components of `folder` (e.g. "schemas") that `documents` point at. */
export function referencedComponents(documents: unknown, folder: string): Set<string> {
  const pattern = new RegExp(`(?:^|/)${folder}/([^/]+)[.]yaml$`);
  return new Set(
    [...fileRefs(documents)].map((ref) => pattern.exec(ref)?.[1]).filter((name): name is string => Boolean(name)),
  );
}

/** `roots` and every schema they reach, since schemas point at each other as ./Name.yaml. */
export function reachableSchemas(roots: Iterable<string>, definitions: Map<string, Document>): Set<string> {
  const reached = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (reached.has(name)) {
      continue;
    }
    reached.add(name);
    const schema = definitions.get(name);
    if (!schema) {
      throw new Error(`synthesizeSpec: no definition for schema ${name}`);
    }
    for (const ref of fileRefs(schema)) {
      pending.push(ref.replace(/^.*\//, "").replace(/[.]yaml$/, ""));
    }
  }
  return reached;
}
