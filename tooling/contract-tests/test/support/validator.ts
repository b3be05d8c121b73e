// A real JSON Schema 2020-12 validator (ajv, with formats) over the spec's
// schemas. OpenAPI's annotation keywords are declared so that strict mode still
// rejects any keyword it does not know.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { spec, type Schema } from "./spec.ts";

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats.default(ajv);
ajv.addKeyword({ keyword: "example" });
ajv.addKeyword({ keyword: "discriminator" });

const toDefs = (schema: unknown): Schema => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"spec#/$defs/'));
ajv.addSchema({ $id: "spec", $defs: toDefs(spec.components.schemas) });

const compiled = new Map<string, ValidateFunction>();

/** A validator of `schema`, a schema node of the spec whose refs point at `#/components/schemas`. */
export function validatorFor(schema: Schema): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(toDefs(schema));
    compiled.set(key, validate);
  }
  return validate;
}

export function isValid(schema: Schema, value: unknown): boolean {
  return validatorFor(schema)(value) as boolean;
}

/** Why `value` does not match `schema`, one line per error; empty when it matches. */
export function schemaErrors(schema: Schema, value: unknown): string[] {
  const validate = validatorFor(schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || "(root)"} ${e.message ?? e.keyword}`);
}
