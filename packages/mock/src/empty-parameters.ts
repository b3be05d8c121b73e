// Documented header and query parameters sent empty (`Idempotency-Key:` with
// no value, `?q=`), checked against their schemas.
//
// Node hands an empty header value on as it came (`""`), and Prism's validator
// receives it; but Prism's parameter validation (validateParams in
// @stoplight/prism-http 5.12, dist/validator/validators/params.js) keeps only
// the values it reads that are truthy (lodash `pickBy` without a predicate).
// An empty value is taken for an absent parameter, and an optional one then
// passes whatever its schema says (`minLength: 1`). The mock checks exactly
// those values, with the schema validation Prism applies to every other value
// (the same ajv, the same object schema keyed by lower-case name, coercion
// on), so its findings read like Prism's own: path `header.idempotency-key`.
import { createRequire } from "node:module";
import type { Diagnostic } from "./refusal.ts";
import type { Operation } from "./routes.ts";

/** fp-ts's Option, as Prism's validateAgainstSchema answers. */
type Option<T> = { _tag: "None" } | { _tag: "Some"; value: T };
type ValidateAgainstSchema = (
  value: unknown,
  schema: object,
  coerce: boolean,
  context: number,
  prefix: string,
  bundle: unknown,
) => Option<Diagnostic[]>;

const require = createRequire(import.meta.url);
// Prism's own schema check of parameters (not part of its public entry point; the version is pinned exactly).
const { validateAgainstSchema } = require("@stoplight/prism-http/dist/validator/validators/utils") as {
  validateAgainstSchema: ValidateAgainstSchema;
};
/** Prism's `ValidationContext.Input`. */
const INPUT = 0;

/** Prism's findings for the documented header and query parameters of `operation` that `request` sends with an empty value. */
export function emptyParameterDiagnostics(
  operation: Operation,
  request: { headers: Readonly<Record<string, unknown>>; query: Readonly<Record<string, unknown>> },
): Diagnostic[] {
  const sent = {
    header: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value])),
    query: Object.fromEntries(Object.entries(request.query).map(([name, value]) => [name.toLowerCase(), value])),
  };
  const found: Diagnostic[] = [];
  for (const where of ["header", "query"] as const) {
    const properties: Record<string, unknown> = {};
    for (const parameter of operation.request?.[where === "header" ? "headers" : "query"] ?? []) {
      const name = parameter.name.toLowerCase();
      if (sent[where][name] === "" && parameter.schema) {
        properties[name] = parameter.schema;
      }
    }
    const names = Object.keys(properties);
    if (!names.length) {
      continue;
    }
    const value = Object.fromEntries(names.map((name) => [name, ""]));
    const result = validateAgainstSchema(
      value,
      { type: "object", properties },
      true,
      INPUT,
      where,
      (operation as { __bundled__?: unknown }).__bundled__,
    );
    if (result._tag === "Some") {
      found.push(...result.value);
    }
  }
  return found;
}
