// Invalid request bodies derived from the spec: each starts from a valid
// request body and breaks exactly one rule of the request schema, and says
// where Prism must report the violation (the parameters' are in
// parameter-mutations.ts). Nothing here is written per operation or per
// parameter.
//
// The valid bodies are the spec's request examples plus variants of them that
// reach what no example shows: each other branch of a `oneOf`, and each
// optional object the examples leave out, filled in from the schema's own
// examples. So every property of the request schema gets its mutations.
import type { Location } from "./fields.ts";
import { acceptedTypes, instanceOf, wrongTypeValue } from "./schema-values.ts";
import { type Operation, resolve, type Schema } from "./spec.ts";
import { isValid } from "./validator.ts";

type Step = string | number;

export interface Mutation {
  /** What was broken, e.g. `add_ons.0.quantity has the wrong type`. */
  name: string;
  body: unknown;
  /** Where the violation must be reported. */
  at: Location;
  /** For a dropped required property: its name (reported at its parent object). */
  missing?: string;
}

export interface Site {
  path: Step[];
  /** The branches of each `oneOf` passed through on the way to `schema` (a union of unions has two). */
  unions: Schema[][];
  /** The schema the value matched: for a `oneOf`, the matching branch. */
  schema: Schema;
  /** The component that defines this object, or the path inside it for inline objects. */
  owner: string;
  /** The property this value fills, as `Component.property` (`(body)` for the body itself). */
  slot: string;
  value: unknown;
}

const refName = (schema: Schema) =>
  typeof schema.$ref === "string" ? (schema.$ref as string).split("/").pop()! : undefined;

/** The branch of each `oneOf` that `value` matched (refs followed), with the component that defines it. */
function concrete(
  schema: Schema,
  value: unknown,
  owner: string,
  unions: Schema[][] = [],
): { schema: Schema; owner: string; unions: Schema[][] } {
  const resolved = resolve(schema);
  const name = refName(schema) ?? owner;
  if (!resolved.oneOf) {
    return { schema: resolved, owner: name, unions };
  }
  const branch = (resolved.oneOf as Schema[]).find((candidate) => isValid(candidate, value));
  if (!branch) {
    throw new Error(`No oneOf branch of ${name} matches ${JSON.stringify(value)?.slice(0, 200)}`);
  }
  return concrete(branch, value, name, [...unions, resolved.oneOf]);
}

function* sites(schema: Schema, value: unknown, path: Step[] = [], owner = "(body)"): Generator<Site> {
  const matched = concrete(schema, value, owner);
  yield { path, value, slot: owner, ...matched };
  const current = matched.schema;
  if (Array.isArray(value) && current.items) {
    for (const [index, item] of value.entries()) {
      yield* sites(current.items, item, [...path, index], `${matched.owner}[]`);
    }
  } else if (isObject(value) && current.properties) {
    for (const [key, child] of Object.entries(value)) {
      if (current.properties[key]) {
        yield* sites(current.properties[key], child, [...path, key], `${matched.owner}.${key}`);
      }
    }
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function withChange(body: unknown, path: Step[], change: (parent: any, key: Step) => void): unknown {
  const root = { body: structuredClone(body) };
  const full: Step[] = ["body", ...path];
  const parent = full.slice(0, -1).reduce<any>((node, step) => node[step], root);
  change(parent, full.at(-1)!);
  return root.body;
}

const shapeOf = (path: Step[]) => path.map((step) => (typeof step === "number" ? "[]" : step)).join(".");

/**
 * The valid bodies the mutations start from: the request examples, then
 * variants that put each other `oneOf` branch, and each optional object
 * property left out, in place (repeated until nothing new is reached).
 */
export function validBodies(operation: Operation): unknown[] {
  const request = operation.requestBody;
  if (!request) {
    return [];
  }
  const bodies = [...Object.values(request.examples)];
  const reached = new Set<string>();
  const tryVariant = (key: string, body: unknown, path: Step[], value: unknown) => {
    if (reached.has(key) || value === undefined) {
      return;
    }
    const variant = withChange(body, path, (parent, name) => (parent[name] = value));
    if (!isValid(request.schema, variant)) {
      return;
    }
    reached.add(key);
    bodies.push(variant);
  };
  for (let i = 0; i < bodies.length; i += 1) {
    const body = bodies[i];
    for (const site of sites(request.schema, body)) {
      const shape = shapeOf(site.path);
      for (const [level, branches] of site.unions.entries()) {
        for (const [index, branch] of branches.entries()) {
          const key = `${shape}#${level}.${index}`;
          if (isValid(branch, site.value)) {
            reached.add(key);
          } else {
            tryVariant(key, body, site.path, instanceOf(branch));
          }
        }
      }
      if (isObject(site.value) && site.schema.properties) {
        for (const [name, property] of Object.entries(site.schema.properties as Record<string, Schema>)) {
          const types = acceptedTypes(property);
          if (name in site.value || !types || (!types.has("object") && !types.has("array"))) {
            continue;
          }
          tryVariant(`${shape}.${name}+`, body, [...site.path, name], instanceOf(property));
        }
      }
    }
  }
  return bodies;
}

const bodyLocation = (path: Step[]): Location => ["request", "body", ...path.map(String)];
const shown = (path: Step[]) => path.join(".") || "(body)";

export interface BodyMutations {
  mutations: Mutation[];
  /** `Component.property` pairs of the request schema given a wrong type, and all there are. */
  propertiesMutated: Set<string>;
  properties: Set<string>;
  /** Properties holding an enum or a constant (a union's tag) given an unknown value, and all there are. */
  enumsMutated: Set<string>;
  enums: Set<string>;
}

/** One mutation per rule of the request schema reachable from the valid bodies; repeated shapes (array items) once. */
export function bodyMutations(operation: Operation): BodyMutations {
  const request = operation.requestBody;
  const mutated = new Set<string>();
  const enumsMutated = new Set<string>();
  if (!request) {
    return { mutations: [], propertiesMutated: mutated, properties: new Set(), enumsMutated, enums: new Set() };
  }
  const mutations = new Map<string, Mutation>();
  const add = (signature: string, mutation: Mutation) => {
    if (mutations.has(signature)) {
      return;
    }
    if (isValid(request.schema, mutation.body)) {
      throw new Error(`${operation.id}: "${mutation.name}" is still a valid request`);
    }
    mutations.set(signature, mutation);
  };
  const wrongType = (body: unknown, path: Step[], schema: Schema, owner: string) => {
    const wrong = wrongTypeValue(schema);
    if (wrong === undefined) {
      return;
    }
    add(`type:${shapeOf(path)}`, {
      name: `${shown(path)} has the wrong type`,
      body: withChange(body, path, (parent, key) => (parent[key] = wrong)),
      at: bodyLocation(path),
    });
    mutated.add(owner);
  };

  for (const body of validBodies(operation)) {
    for (const { path, schema, value, owner, slot } of sites(request.schema, body)) {
      if (schema.enum || schema.const !== undefined) {
        enumsMutated.add(slot);
        add(`enum:${shapeOf(path)}:${JSON.stringify(schema.const ?? schema.enum)}`, {
          name: `${shown(path)} has a value outside its ${schema.enum ? "enum" : "constant"}`,
          body: withChange(body, path, (parent, key) => (parent[key] = "NOT_A_DOCUMENTED_VALUE")),
          at: bodyLocation(path),
        });
      }
      if (!isObject(value) || !schema.properties) {
        continue;
      }
      for (const name of (schema.required ?? []) as string[]) {
        add(`required:${shapeOf(path)}.${name}:${owner}`, {
          name: `${shown([...path, name])} is missing`,
          body: withChange(body, [...path, name], (parent, key) => delete parent[key]),
          at: bodyLocation(path),
          missing: name,
        });
      }
      for (const [name, property] of Object.entries(schema.properties as Record<string, Schema>)) {
        wrongType(body, [...path, name], property, `${owner}.${name}`);
      }
    }
  }
  const { typed, enums } = requestProperties(request.schema);
  return { mutations: [...mutations.values()], propertiesMutated: mutated, properties: typed, enumsMutated, enums };
}

/** Whether a schema (through refs and oneOf branches) is, or has a branch that is, an enum or a constant. */
const holdsEnum = (schema: Schema): boolean => {
  const resolved = resolve(schema);
  return Boolean(resolved.enum) || resolved.const !== undefined || ((resolved.oneOf ?? []) as Schema[]).some(holdsEnum);
};

/**
 * Every `Component.property` (or inline `Component.path.property`) of the
 * request schema that has a type (one that takes any JSON has no wrong type),
 * and those that hold an enum or a constant.
 */
function requestProperties(
  schema: Schema,
  owner = "(body)",
  found = { typed: new Set<string>(), enums: new Set<string>() },
  visited = new Set<string>(),
) {
  const name = refName(schema);
  if (name) {
    if (visited.has(name)) {
      return found;
    }
    visited.add(name);
  }
  const resolved = resolve(schema);
  const here = name ?? owner;
  for (const branch of (resolved.oneOf ?? []) as Schema[]) {
    requestProperties(branch, here, found, visited);
  }
  if (resolved.items) {
    requestProperties(resolved.items, `${here}[]`, found, visited);
  }
  for (const [property, child] of Object.entries((resolved.properties ?? {}) as Record<string, Schema>)) {
    if (acceptedTypes(child)) {
      found.typed.add(`${here}.${property}`);
    }
    if (holdsEnum(child)) {
      found.enums.add(`${here}.${property}`);
    }
    requestProperties(child, `${here}.${property}`, found, visited);
  }
  return found;
}

/** Every node of every valid body, with the schema it matched. */
export function bodySites(operation: Operation): Array<Site & { body: unknown }> {
  const request = operation.requestBody;
  if (!request) {
    return [];
  }
  return validBodies(operation).flatMap((body) => [...sites(request.schema, body)].map((site) => ({ ...site, body })));
}
