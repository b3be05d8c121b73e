// What a created resource looks like in the mock's answers, read from the
// answer it came with and the request that made it:
// - fresh ids: each resource the answer holds (the answer itself, each item of
//   an answer that is a list, or each object at its top, as a session is) gets
//   an id of the form of the documented one: its prefix, then random letters
//   and digits in place of the documented ones, class for class;
// - a read of it: the read's own answer (an example, or generated) with that
//   id, the create's path parameters and every field of the create's body that
//   the read's schema holds as it is (the customer, the items, the terms, the
//   metadata); ids copied in also replace the documented ones wherever the
//   answer repeats them (in a URL, a nested record).
import { randomInt } from "node:crypto";

type Json = unknown;
/** A JSON Schema as Prism hands it on: dereferenced, cycles included. */
type Schema = Record<string, unknown>;

const CLASSES: readonly [RegExp, string][] = [
  [/[0-9]/, "0123456789"],
  [/[a-z]/, "abcdefghijklmnopqrstuvwxyz"],
  [/[A-Z]/, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"],
];

/** Random letters and digits an id gets at least, so that two creates never mint one id (a generated id may be a single letter). */
const FRESH_CHARACTERS = 12;

/**
 * An id of the form of `documented`: its prefix (up to its last `_`) kept, each
 * letter or digit after it drawn anew from its class, and more letters and digits
 * after them when it has fewer than FRESH_CHARACTERS.
 */
export function freshIdLike(documented: string): string {
  const cut = documented.lastIndexOf("_") + 1;
  let rest = "";
  let drawn = 0;
  for (const char of documented.slice(cut)) {
    const alphabet = CLASSES.find(([test]) => test.test(char))?.[1];
    rest += alphabet ? alphabet[randomInt(alphabet.length)] : char;
    if (alphabet) {
      drawn++;
    }
  }
  const any = CLASSES.map(([, alphabet]) => alphabet).join("");
  for (; drawn < FRESH_CHARACTERS; drawn++) {
    rest += any[randomInt(any.length)];
  }
  return documented.slice(0, cut) + rest;
}

const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The ids of the resources an answer holds: its own `id`, or its items', or those of the objects at its top. */
export function resourceIds(answer: Json): string[] {
  const idOf = (value: Json) => (isObject(value) && typeof value.id === "string" ? [value.id] : []);
  if (Array.isArray(answer)) {
    return answer.flatMap(idOf);
  }
  if (!isObject(answer)) {
    return [];
  }
  const own = idOf(answer);
  return own.length ? own : Object.values(answer).flatMap(idOf);
}

/** Ids shorter than this are replaced only where a string is the whole id (a generated `a` must not change every `a`). */
const INNER_ID_LENGTH = 8;

/** `value` with each of `replacements`' keys given its value instead: where a string is that id, and inside longer strings (a URL) where the id is long enough to be one. */
export function replaceIds(value: Json, replacements: ReadonlyMap<string, string>): Json {
  if (!replacements.size) {
    return value;
  }
  const replace = (text: string) => {
    const whole = replacements.get(text);
    if (whole !== undefined) {
      return whole;
    }
    let out = text;
    for (const [from, to] of replacements) {
      if (from.length >= INNER_ID_LENGTH && out.includes(from)) {
        out = out.split(from).join(to);
      }
    }
    return out;
  };
  const walk = (item: Json): Json => {
    if (typeof item === "string") {
      return replace(item);
    }
    if (Array.isArray(item)) {
      return item.map(walk);
    }
    if (isObject(item)) {
      return Object.fromEntries(Object.entries(item).map(([key, child]) => [key, walk(child)]));
    }
    return item;
  };
  return walk(value);
}

/** The members of a schema that a value must satisfy together, or one of: itself, its `allOf`s, and each `oneOf`/`anyOf` branch. */
function branches(schema: Schema): { all: Schema[]; any: Schema[] } {
  const all: Schema[] = [];
  const any: Schema[] = [];
  const seen = new Set<Schema>();
  const visit = (s: Schema) => {
    if (seen.has(s)) {
      return;
    }
    seen.add(s);
    all.push(s);
    for (const member of (s.allOf as Schema[] | undefined) ?? []) {
      visit(member);
    }
    for (const member of [...((s.oneOf as Schema[] | undefined) ?? []), ...((s.anyOf as Schema[] | undefined) ?? [])]) {
      any.push(member);
    }
  };
  visit(schema);
  return { all, any };
}

const typeOf = (value: Json) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/**
 * Whether `value` is valid against `schema` read strictly: its type, `enum` and
 * `const`, and no property the schema does not list (an open map, such as
 * `metadata`, takes any key). A `$ref` left in place (a cycle) does not fit: the
 * field is then left as the answer had it.
 */
export function fits(value: Json, schema: Schema | undefined, depth = 0): boolean {
  if (!schema || typeof schema !== "object" || "$ref" in schema || depth > 64) {
    return false;
  }
  const { all, any } = branches(schema);
  if (
    any.length &&
    !any.some((branch) => fits(value, { ...schema, oneOf: undefined, anyOf: undefined, ...branch }, depth + 1))
  ) {
    return false;
  }
  const kind = typeOf(value);
  const properties: Record<string, Schema> = {};
  let open = false;
  for (const member of all) {
    const types = member.type === undefined ? undefined : ([] as unknown[]).concat(member.type);
    if (
      types &&
      !types.some(
        (t) => t === kind || (t === "integer" && Number.isInteger(value)) || (t === "number" && kind === "number"),
      )
    ) {
      return false;
    }
    if (Array.isArray(member.enum) && !member.enum.some((v) => v === value)) {
      return false;
    }
    if ("const" in member && member.const !== value) {
      return false;
    }
    Object.assign(properties, member.properties ?? {});
    if (member.additionalProperties !== undefined && member.additionalProperties !== false) {
      open = true;
    }
    if (
      kind === "array" &&
      member.items &&
      !(value as Json[]).every((item) => fits(item, member.items as Schema, depth + 1))
    ) {
      return false;
    }
  }
  if (kind !== "object") {
    return true;
  }
  const listed = Object.keys(properties).length > 0;
  return Object.entries(value as Record<string, Json>).every(([key, child]) =>
    key in properties ? fits(child, properties[key], depth + 1) : open || !listed || any.length > 0,
  );
}

/** The properties a schema lists at its top, its `allOf` members' included. */
function topProperties(schema: Schema | undefined): Record<string, Schema> {
  if (!schema) {
    return {};
  }
  return Object.assign({}, ...branches(schema).all.map((member) => member.properties ?? {}));
}

const isId = (field: string) => field === "id" || field.endsWith("_id");

/**
 * The read's answer of a created resource: `answer` (the read's own, an
 * example or generated) with the resource's id and every field of `fields`
 * (the create's path parameters, then its body) that `schema` holds as it is.
 */
export function asCreated(
  answer: Json,
  schema: Schema | undefined,
  id: string,
  fields: Readonly<Record<string, Json>>,
): Json {
  if (!isObject(answer)) {
    return answer;
  }
  const properties = topProperties(schema);
  const replacements = new Map<string, string>();
  const copied: Record<string, Json> = {};
  const take = (field: string, value: Json) => {
    const before = answer[field];
    if (typeof before === "string" && typeof value === "string" && isId(field) && before !== value) {
      replacements.set(before, value);
    }
    copied[field] = value;
  };
  if ("id" in properties || "id" in answer) {
    take("id", id);
  }
  for (const [field, value] of Object.entries(fields)) {
    if (field !== "id" && field in properties && fits(value, properties[field])) {
      take(field, value);
    }
  }
  return { ...(replaceIds(answer, replacements) as Record<string, Json>), ...copied };
}
