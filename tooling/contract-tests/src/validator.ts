// A real JSON Schema 2020-12 validator (ajv, with formats) over the spec's
// schemas. OpenAPI's annotation keywords are declared and its extensions
// (`x-…`) left out, so that strict mode still rejects any keyword it does not
// know.
//
// Two readings of the same schemas:
// - as published: response schemas are open to additions (an API may add a
//   field without breaking a client that validates), request schemas as written;
// - strict (`answerErrors`): every object closed to the properties it
//   documents, so an answer carrying an undocumented field fails the suite
//   while the published contract stays open.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { type Schema, spec } from "./spec.ts";

/**
 * A compiler of the spec's schemas: `compile(schema)` for any schema node of
 * the spec (refs to `#/components/schemas/X` intact), cached. `closed` reads
 * every object strictly (see `closeObjects`); otherwise as published.
 */
export function schemaCompiler({ closed = false }: { closed?: boolean } = {}): (schema: unknown) => ValidateFunction {
  let compiler = compilers.get(closed);
  if (!compiler) {
    compiler = newCompiler(closed);
    compilers.set(closed, compiler);
  }
  return compiler;
}

/** One compiler per reading, shared by everything in the process (the suite, the conforming server, its tests). */
const compilers = new Map<boolean, (schema: unknown) => ValidateFunction>();

function newCompiler(closed: boolean): (schema: unknown) => ValidateFunction {
  const id = closed ? "strict-spec" : "spec";
  const transform = closed ? closeObjects : (schema: unknown) => schema;
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats.default(ajv);
  ajv.addKeyword({ keyword: "example" });
  ajv.addKeyword({ keyword: "discriminator" });
  // Specification extensions (`x-source`, …) annotate a schema and constrain nothing: they are left out, so strict mode knows every keyword it sees.
  const withoutExtensions = (key: string, value: unknown) => (key.startsWith("x-") ? undefined : value);
  const toDefs = (schema: unknown): Schema =>
    transform(
      JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${id}#/$defs/`), withoutExtensions),
    ) as Schema;
  ajv.addSchema({ $id: id, $defs: toDefs(spec.components.schemas) });
  const compiled = new Map<string, ValidateFunction>();
  return (schema: unknown): ValidateFunction => {
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(toDefs(schema));
      compiled.set(key, validate);
    }
    return validate;
  };
}

/**
 * `schema` with every object that lists its properties and says nothing of
 * others closed (`unevaluatedProperties: false`, which also sees the
 * properties of oneOf/anyOf/allOf branches). Objects whose other properties are
 * documented (`additionalProperties: { … }`, as metadata) keep them.
 */
export function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) {
    return schema.map(closeObjects);
  }
  if (!schema || typeof schema !== "object") {
    return schema;
  }
  const closed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    // Examples and enum/const values are data, not schemas.
    closed[key] =
      key === "example" || key === "examples" || key === "enum" || key === "const" ? value : closeObjects(value);
  }
  if ("properties" in closed && !("additionalProperties" in closed) && !("unevaluatedProperties" in closed)) {
    closed.unevaluatedProperties = false;
  }
  return closed;
}

const published = schemaCompiler();
const strict = schemaCompiler({ closed: true });

const errorsOf = (validate: ValidateFunction, value: unknown): string[] => {
  if (validate(value)) {
    return [];
  }
  return (validate.errors ?? []).map(
    (e: ErrorObject) =>
      `${e.instancePath || "(root)"} ${e.keyword === "unevaluatedProperties" ? `has ${JSON.stringify(e.params.unevaluatedProperty)}, which the spec does not document` : (e.message ?? e.keyword)}`,
  );
};

/** Whether `value` matches `schema` as published (the reading a server or client of the contract has). */
export function isValid(schema: Schema, value: unknown): boolean {
  return published(schema)(value) as boolean;
}

/** Why `value` does not match `schema` as published, one line per error; empty when it matches. */
export function schemaErrors(schema: Schema, value: unknown): string[] {
  return errorsOf(published(schema), value);
}

/** One way an answer breaks its schema, for a report. */
export interface SchemaProblem {
  /** JSON pointer into the answer's body (`/items/0/url`), `` for the body itself. */
  path: string;
  /** The JSON Schema keyword that failed (`type`, `required`, …), or `undocumented-field`. */
  rule: string;
  expected: string;
  /** The value found there, as JSON (cut at 120 characters), or `(absent)`. */
  got: string;
}

/** A value as a report shows it: JSON cut at 120 characters, or `(absent)`. */
export const shownValue = (value: unknown) =>
  value === undefined ? "(absent)" : (JSON.stringify(value) ?? String(value)).slice(0, 120);

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/** How an answer breaks `schema` read strictly (see `answerErrors`), one entry per error, with what was expected and what was got. */
export function answerProblems(schema: Schema, value: unknown): SchemaProblem[] {
  const validate = strict(schema);
  if (validate(value)) {
    return [];
  }
  return (validate.errors ?? []).map((e: ErrorObject) => {
    if (e.keyword === "unevaluatedProperties") {
      const path = `${e.instancePath}/${String(e.params.unevaluatedProperty)}`;
      return {
        path,
        rule: "undocumented-field",
        expected: "no field the spec does not document",
        got: shownValue(valueAt(value, path)),
      };
    }
    if (e.keyword === "required") {
      const path = `${e.instancePath}/${String(e.params.missingProperty)}`;
      return { path, rule: "required", expected: "a value (the field is required)", got: "(absent)" };
    }
    return {
      path: e.instancePath,
      rule: e.keyword,
      expected: e.message ?? e.keyword,
      got: shownValue(valueAt(value, e.instancePath)),
    };
  });
}

/**
 * Why an answer does not match `schema`, read strictly: as `schemaErrors`, and
 * also every property the spec does not document, named. Empty when it matches.
 */
export function answerErrors(schema: Schema, value: unknown): string[] {
  return errorsOf(strict(schema), value);
}

/**
 * A header's value as its schema reads it. Header values are strings on the
 * wire: for an integer or number header a numeral is read as a number, and
 * anything else (an empty value too) stays a string, which the type refuses.
 */
export function headerValue(schema: Schema, value: string): unknown {
  const numeric = schema.type === "integer" || schema.type === "number";
  return numeric && /^\s*-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : value;
}

/** Why a header's `value` does not match its `schema`, one line per error; empty when it matches. */
export function headerErrors(schema: Schema, value: string): string[] {
  return schemaErrors(schema, headerValue(schema, value));
}
