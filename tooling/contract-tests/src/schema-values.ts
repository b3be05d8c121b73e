// What values a request schema accepts (through refs and oneOf branches), a
// small valid instance of it, and a value of a type it refuses.
import { resolve, type Schema } from "./spec.ts";
import { isValid } from "./validator.ts";

function jsonType(value: unknown): string {
  if (value === null) {
    return "null";
  }
  if (Array.isArray(value)) {
    return "array";
  }
  if (Number.isInteger(value)) {
    return "integer";
  }
  return typeof value;
}

/** The JSON types a schema accepts (through refs and oneOf branches), or undefined for any. */
export function acceptedTypes(schema: Schema): Set<string> | undefined {
  const resolved = resolve(schema);
  if (resolved.oneOf) {
    const types = new Set<string>();
    for (const branch of resolved.oneOf as Schema[]) {
      const inner = acceptedTypes(branch);
      if (!inner) {
        return undefined;
      }
      for (const t of inner) {
        types.add(t);
      }
    }
    return types;
  }
  if (resolved.const !== undefined) {
    return new Set([jsonType(resolved.const)]);
  }
  if (resolved.type === undefined) {
    return undefined;
  }
  const types = new Set<string>([resolved.type].flat());
  if (types.has("number")) {
    types.add("integer");
  }
  return types;
}

const WRONG_VALUES: unknown[] = ["not-the-documented-type", 4242, true, ["a"], { unexpected: 1 }];

/** A value of a JSON type the schema does not accept, or undefined when it accepts any. */
export function wrongTypeValue(schema: Schema): unknown {
  const types = acceptedTypes(schema);
  return types && WRONG_VALUES.find((value) => !types.has(jsonType(value)));
}

/** A small valid instance of `schema`, built from its examples, consts and enums; undefined if none is found. */
export function instanceOf(schema: Schema, depth = 0): unknown {
  if (depth > 12) {
    return undefined;
  }
  const resolved = resolve(schema);
  const candidates: unknown[] = [];
  if (resolved.example !== undefined) {
    candidates.push(resolved.example);
  }
  if (resolved.const !== undefined) {
    candidates.push(resolved.const);
  }
  if (resolved.enum) {
    candidates.push(...(resolved.enum as unknown[]).filter((v) => v !== null));
  }
  if (resolved.oneOf) {
    candidates.push(...(resolved.oneOf as Schema[]).map((branch) => instanceOf(branch, depth + 1)));
  }
  const types = [resolved.type ?? []].flat() as string[];
  if (types.includes("object") && resolved.properties) {
    const object: Record<string, unknown> = {};
    for (const name of (resolved.required ?? []) as string[]) {
      object[name] = instanceOf(resolved.properties[name], depth + 1);
    }
    candidates.push(object);
  }
  if (types.includes("array")) {
    candidates.push([instanceOf(resolved.items, depth + 1)], []);
  }
  if (types.includes("boolean")) {
    candidates.push(true);
  }
  if (types.includes("integer") || types.includes("number")) {
    candidates.push(resolved.minimum ?? 1);
  }
  if (types.includes("null")) {
    candidates.push(null);
  }
  return candidates.find((candidate) => candidate !== undefined && isValid(schema, candidate));
}
