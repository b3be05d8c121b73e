// What every contract test needs: a client of the mock, the bundled spec, and a
// JSON Schema validator of the spec's schemas.
import { createRequire } from "node:module";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect, inject } from "vitest";
import { createBillingClient, type BillingClient } from "@billing-api/client";

const require = createRequire(import.meta.url);

export interface Spec {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, unknown>; examples: Record<string, { value: unknown }> };
}
export const spec: Spec = require("@billing-api/openapi/openapi.json");

export const TEST_TOKEN = "test_token_contract_suite";

/** A client of the mock. `transform` edits each outgoing request, e.g. to drop the token. */
export function mockClient(transform?: (request: Request) => Request): BillingClient {
  return createBillingClient({
    token: TEST_TOKEN,
    baseUrl: inject("mockUrl"),
    fetch: transform ? (request: Request) => fetch(transform(request)) : fetch,
  });
}

export const COMPANY_ID = "cmp_4Nq7XbT2kLw9RcV3";

export function withHeader(name: string, value: string | null) {
  return (request: Request) => {
    const copy = new Request(request);
    if (value === null) copy.headers.delete(name);
    else copy.headers.set(name, value);
    return copy;
  };
}

// The spec's schemas, with their refs pointed at $defs, compiled by a real JSON
// Schema 2020-12 validator with formats. OpenAPI's own annotation keywords are
// declared so that strict mode still rejects anything unknown.
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats.default(ajv);
ajv.addKeyword({ keyword: "example" });
ajv.addKeyword({ keyword: "discriminator" });
const defs = JSON.parse(JSON.stringify(spec.components.schemas).replaceAll('"#/components/schemas/', '"#/$defs/'));
ajv.addSchema({ $id: "spec", $defs: defs });

export function schemaValidator(name: string): ValidateFunction {
  const validate = ajv.getSchema(`spec#/$defs/${name}`);
  if (!validate) throw new Error(`The bundled spec has no schema named ${name}.`);
  return validate;
}

export function expectValid(name: string, value: unknown): void {
  const validate = schemaValidator(name);
  if (!validate(value)) {
    throw new Error(`Body does not match ${name}:\n${ajv.errorsText(validate.errors, { separator: "\n" })}`);
  }
}

/** The examples of an operation's request body, by name, as the spec gives them. */
export function requestExamples(path: string, method: string): Record<string, unknown> {
  const examples = spec.paths[path]![method].requestBody.content["application/json"].examples as Record<string, { $ref: string }>;
  return Object.fromEntries(Object.entries(examples).map(([name, ref]) => [name, resolveExample(ref.$ref)]));
}

export function responseExample(path: string, method: string, status: string): unknown {
  const examples = spec.paths[path]![method].responses[status].content["application/json"].examples as Record<string, { $ref: string }>;
  return resolveExample(Object.values(examples)[0]!.$ref);
}

function resolveExample(ref: string): unknown {
  const name = ref.replace("#/components/examples/", "");
  const example = spec.components.examples[name];
  if (!example) throw new Error(`Unresolved example ${ref}`);
  return example.value;
}

/** Asserts the answer is the documented error `status`, with a body valid against ErrorBody and the given code. */
export function expectError(
  result: { data?: unknown; error?: unknown; response: Response },
  status: number,
  code: string,
): void {
  expect(result.data).toBeUndefined();
  expect(result.response.status).toBe(status);
  expectValid("ErrorBody", result.error);
  expect((result.error as { code: string }).code).toBe(code);
}

/** The documented success: no error, the status, and the spec's example as the body. */
export function expectExampleAnswer(
  result: { data?: unknown; error?: unknown; response: Response },
  path: string,
  method: string,
  status: number,
): void {
  expect(result.error).toBeUndefined();
  expect(result.response.status).toBe(status);
  expect(result.data).toEqual(responseExample(path, method, String(status)));
}

/** A 422 with the error body, whose violations report `field` (a dotted body path) as missing. */
export function expectMissing(result: { data?: unknown; error?: unknown; response: Response }, field: string): void {
  expectError(result, 422, "UNPROCESSABLE_ENTITY");
  expect(reportsMissing(result.response, field)).toBe(true);
}

/** A 422 with the error body, with a violation of kind `code` (`enum`, `type`, `pattern`, …) at `field`. */
export function expectInvalid(result: { data?: unknown; error?: unknown; response: Response }, field: string, code: string): void {
  expectError(result, 422, "UNPROCESSABLE_ENTITY");
  expect(violationsAt(result.response, field).map((v) => v.code)).toContain(code);
}

/** A 422 with the error body, with a violation of the path parameter `name`. */
export function expectInvalidPathParameter(result: { data?: unknown; error?: unknown; response: Response }, name: string): void {
  expectError(result, 422, "UNPROCESSABLE_ENTITY");
  expect(violations(result.response).some((v) => v.location.join(".") === `request.path.${name}`)).toBe(true);
}

/** The three ways a request reaches the API without a usable bearer token. */
export const UNAUTHENTICATED = [
  ["no Authorization header", withHeader("authorization", null)],
  ["a malformed Authorization header", withHeader("authorization", "Bearer")],
  ["a non-bearer scheme", withHeader("authorization", "Basic dXNlcjpwYXNz")],
] as const;

export interface Violation {
  location: string[];
  code: string | number;
  message: string;
}

/** Prism lists every request violation in the `sl-violations` header. */
export function violations(response: Response): Violation[] {
  const header = response.headers.get("sl-violations");
  return header ? (JSON.parse(header) as Violation[]) : [];
}

/** The violations about one body field, e.g. `violationsAt(response, "add_ons.0.quantity")`. */
export function violationsAt(response: Response, field: string): Violation[] {
  const path = ["request", "body", ...field.split(".")];
  return violations(response).filter((v) => v.location.length === path.length && path.every((part, i) => v.location[i] === part));
}

/** Whether the violations report `field` (a dotted path) as a missing required property. */
export function reportsMissing(response: Response, field: string): boolean {
  const parts = field.split(".");
  const name = parts.pop()!;
  const parent = ["request", "body", ...parts];
  return violations(response).some(
    (v) =>
      v.code === "required" &&
      v.message.includes(`'${name}'`) &&
      v.location.length === parent.length &&
      parent.every((part, i) => v.location[i] === part),
  );
}
