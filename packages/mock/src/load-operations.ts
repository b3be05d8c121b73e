// The spec's operations as Prism reads them (what `getHttpOperationsFromSpec`
// of @stoplight/prism-http 5.12 gives), at a cost that grows with the size of
// the spec instead of with the number of paths through its $refs.
//
// Prism dereferences the whole spec with @stoplight/json-schema-ref-parser,
// then `decycle`s it (@stoplight/json) and transforms it with
// @stoplight/http-spec. Both of the first two walk the document as the tree
// of every path through its $refs, cut only where a path comes back to an
// object it is already inside: `decycle` copies that tree, and the
// dereference walks it again from each component once the paths have
// dereferenced them in place (its cache only skips a $ref, not an object
// already dereferenced). A spec whose schemas reach each other in cycles
// (records that link to other records, trees, recursive unions) has a number
// of such paths exponential in the size of the cycles: on 500 synthesized
// operations the dereference alone had not ended after 110 s of CPU.
//
// Here every object is visited once. The spec is read by the same parser (and
// bundled by it into one document if it refers to other files or URLs), then
// each $ref is inlined as the dereference does (the target itself, or the
// target's keywords merged with the $ref's siblings), by reference, not copy,
// except the $refs that close a cycle: those between the schemas of one
// strongly connected component of the reference graph. These stay $refs, to
// `#/__bundled__/<name>`, which is how Prism's validator (ajv), its generator
// (json-schema-faker) and this mock's empty-parameter check already resolve
// the cycles that `decycle` leaves: each operation carries a `__bundled__` of
// the components it reaches, converted by http-spec like inline schemas.
// A spec without cycles gives the same operations as Prism's loader.
import { createRequire } from "node:module";
import type { getHttpOperationsFromSpec as GetHttpOperationsFromSpec } from "@stoplight/prism-http";
import {
  type Container,
  type Edge,
  hasExternalReference,
  isContainer,
  isLocalReference,
  isPlainObject,
  type Reference,
  stronglyConnectedComponents,
} from "./reference-graph.ts";

/** An operation of the spec, as Prism reads it. */
export type Operation = Awaited<ReturnType<typeof GetHttpOperationsFromSpec>>[number];

const require = createRequire(import.meta.url);
const { getHttpOperationsFromSpec } = require("@stoplight/prism-http") as {
  getHttpOperationsFromSpec: typeof GetHttpOperationsFromSpec;
};
// The parser, transformer and JSON utilities Prism's own loader uses (its dependencies, pinned exactly by it).
const prismRequire = createRequire(require.resolve("@stoplight/prism-http"));
const $RefParser = prismRequire("@stoplight/json-schema-ref-parser") as new () => {
  parse(path: string): Promise<unknown>;
  bundle(path: string): Promise<unknown>;
};
const { transformOas3Operations } = prismRequire("@stoplight/http-spec/oas3/operation") as {
  transformOas3Operations(document: unknown): Operation[];
};
const { convertToJsonSchema } = prismRequire("@stoplight/http-spec/oas") as {
  convertToJsonSchema(document: unknown, schema: object): Record<string, unknown>;
};
const { pointerToPath } = prismRequire("@stoplight/json") as { pointerToPath(pointer: string): string[] };

const BUNDLE_ROOT = "#/__bundled__/";

/** Loads the bundled spec at `specPath` into Prism's operations: the drop-in for `getHttpOperationsFromSpec(specPath)`. */
export async function loadOperations(specPath: string): Promise<Operation[]> {
  let document = await new $RefParser().parse(specPath);
  if (hasExternalReference(document)) {
    document = await new $RefParser().bundle(specPath);
  }
  // Swagger 2 and Postman collections are left to Prism's loader.
  if (!isPlainObject(document) || document.openapi === undefined) {
    return getHttpOperationsFromSpec(specPath);
  }

  const chained = new Map<Reference, unknown>();
  /** What the pointer of `reference` points at, a $ref found on the way followed (under its sibling keywords, as the parser's pointers do). */
  function target(reference: Reference, following = new Set<Reference>()): unknown {
    if (chained.has(reference)) {
      return chained.get(reference);
    }
    if (following.has(reference)) {
      throw new Error(`The $ref ${reference.$ref} leads back to itself.`);
    }
    following.add(reference);
    let value: unknown = document;
    for (const segment of pointerToPath(reference.$ref)) {
      if (isLocalReference(value)) {
        value = target(value, following);
      }
      if (value === null || typeof value !== "object" || !(segment in value)) {
        throw new Error(`Cannot resolve the $ref ${reference.$ref}.`);
      }
      value = (value as Record<string, unknown>)[segment];
    }
    if (isLocalReference(value)) {
      value = merge(value, target(value, following), false);
    }
    chained.set(reference, value);
    return value;
  }
  /**
   * The dereference's value for an extended $ref (one with sibling keywords):
   * the siblings over the target's keywords, but the target's over the
   * siblings once the parser has cached the target (a plain $ref to it was
   * dereferenced before): `dereferenced` says which, in its order of work.
   */
  function merge(reference: Reference, value: unknown, dereferenced: boolean): unknown {
    const siblings = Object.entries(reference).filter(([key]) => key !== "$ref");
    if (siblings.length === 0 || value === null || typeof value !== "object") {
      return value;
    }
    if (dereferenced) {
      return Object.assign({}, value, Object.fromEntries(siblings.filter(([key]) => !(key in value))));
    }
    return Object.assign(
      Object.fromEntries(siblings),
      Object.fromEntries(Object.entries(value).filter(([key]) => !siblings.some(([name]) => name === key))),
    );
  }
  const dereferenced = new Set<string>();
  const edgesOf = new Map<Container, Edge[]>();
  /** The property `key` of `container`, its $ref (if any) resolved as the dereference would at this point of its walk. */
  function edge(container: Container, key: string): Edge {
    const value = (container as Record<string, unknown>)[key];
    const found: Edge = isLocalReference(value)
      ? {
          key,
          value: merge(value, target({ $ref: value.$ref }), dereferenced.has(value.$ref)),
          ref: value.$ref,
          plain: Object.keys(value).length === 1,
        }
      : { key, value };
    const known = edgesOf.get(container);
    if (known) {
      known.push(found);
    } else {
      edgesOf.set(container, [found]);
    }
    return found;
  }

  const components = stronglyConnectedComponents(document, edge, (ref) => dereferenced.add(ref));
  const componentOf = new Map<Container, number>();
  components.forEach((members, index) => {
    for (const member of members) {
      componentOf.set(member, index);
    }
  });

  // The copy: every $ref inlined (shared, not copied again) except those within one component.
  const names = new Map<Container, string>();
  const taken = new Set<string>();
  function nameOf(target: Container, ref: string): string {
    let name = names.get(target);
    if (name === undefined) {
      const base = (pointerToPath(ref).at(-1) ?? "root").replace(/[^\w.-]/g, "_") || "root";
      name = base;
      for (let n = 2; taken.has(name); n++) {
        name = `${base}_${n}`;
      }
      taken.add(name);
      names.set(target, name);
    }
    return name;
  }
  const copies = new Map<Container, Container>();
  function copy(container: Container): Container {
    let result = copies.get(container);
    if (result) {
      return result;
    }
    result = Array.isArray(container) ? [] : {};
    copies.set(container, result);
    const component = componentOf.get(container);
    for (const { key, value, ref } of edgesOf.get(container) ?? []) {
      const cut = ref !== undefined && isContainer(value) && componentOf.get(value) === component;
      (result as Record<string, unknown>)[key] = cut
        ? { $ref: `${BUNDLE_ROOT}${nameOf(value, ref)}` }
        : isContainer(value)
          ? copy(value)
          : value;
    }
    return result;
  }
  // Components come successors first, so the copy recurses only within one (as deep as the document nests).
  for (const members of components) {
    for (const member of members) {
      copy(member);
    }
  }
  const root = copy(document) as Record<string, unknown>;
  const bundled = new Map([...names].map(([target, name]) => [name, copy(target)]));
  root.__bundled__ = Object.fromEntries(bundled);

  const operations = transformOas3Operations({ ...root, paths: perUse(root.paths) });
  // The components as the operations' schemas are: converted by http-spec (nullable, formats' ranges, …).
  const converted = new Map<string, unknown>();
  for (const [name, target] of bundled) {
    const { $schema: _, ...schema } = convertToJsonSchema(root, { ...target });
    converted.set(name, schema);
  }
  const below = namesBelow();
  for (const operation of operations) {
    const reached = new Set(below(operation));
    for (const name of reached) {
      for (const next of below(converted.get(name))) {
        reached.add(next);
      }
    }
    if (reached.size > 0) {
      (operation as Operation & { __bundled__?: unknown }).__bundled__ = Object.fromEntries(
        [...reached].map((name) => [name, converted.get(name)]),
      );
    }
  }
  return operations;
}

/**
 * A copy of `value` (the spec's paths) for each place it is used, down to its
 * schemas, which each get an object of their own at the top and share what is
 * below: http-spec gives each schema it translates an id and a `$schema`,
 * kept for that object, and Prism's operations (a tree) have them wherever a
 * schema is used.
 */
function perUse(value: unknown, key?: string): unknown {
  if (!isContainer(value)) {
    return value;
  }
  if (key === "schema") {
    return Array.isArray(value) ? [...value] : { ...value };
  }
  if (Array.isArray(value)) {
    return value.map((item) => perUse(item));
  }
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, perUse(item, name)]));
}

const NONE: ReadonlySet<string> = new Set();

/** A function giving the names of `#/__bundled__/` entries that the $refs in a value point at, each object's answer kept. */
function namesBelow(): (value: unknown) => ReadonlySet<string> {
  const known = new Map<object, ReadonlySet<string>>();
  const below = (value: unknown): ReadonlySet<string> => {
    if (value === null || typeof value !== "object") {
      return NONE;
    }
    const answer = known.get(value);
    if (answer) {
      return answer;
    }
    known.set(value, NONE);
    const found = new Set<string>();
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && ref.startsWith(BUNDLE_ROOT)) {
      found.add(ref.slice(BUNDLE_ROOT.length));
    }
    for (const item of Object.values(value)) {
      for (const name of below(item)) {
        found.add(name);
      }
    }
    const names = found.size > 0 ? found : NONE;
    known.set(value, names);
    return names;
  };
  return below;
}
