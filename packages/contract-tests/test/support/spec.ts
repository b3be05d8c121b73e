// The bundled spec, read as the contract tests need it: one entry per
// operation, with its parameters, request body, responses and named examples
// resolved. Everything the tests send or expect is derived from here, so a new
// operation, status or example in the spec is tested without new test code.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export type Schema = Record<string, any>;
export const spec: Record<string, any> = require("@billing-api/openapi/openapi.json");

/** Follows a local `$ref` (also through chains of them); other nodes come back as they are. */
export function resolve<T = Schema>(node: unknown): T {
  let current = node as Schema;
  while (current && typeof current.$ref === "string") {
    const pointer = current.$ref as string;
    if (!pointer.startsWith("#/")) throw new Error(`Only local refs are expected in the bundle, got ${pointer}`);
    current = pointer
      .slice(2)
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce<any>((parent, key) => parent?.[key], spec);
    if (current === undefined) throw new Error(`Unresolved ref ${pointer}`);
  }
  return current as T;
}

export interface PathParameter {
  name: string;
  schema: Schema;
  /** The documented example: the value every valid request uses. */
  example: string;
}

export interface DocumentedResponse {
  status: number;
  /** The JSON body's schema (unresolved, refs intact). */
  schema: Schema;
  /** Named examples, in spec order. */
  examples: Record<string, unknown>;
  /** Documented headers by lower-case name, with their schemas. */
  headers: Record<string, Schema>;
}

export interface Operation {
  id: string;
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  pathParameters: PathParameter[];
  /** The JSON request body's schema and named examples, if the operation takes a body. */
  requestBody?: { schema: Schema; examples: Record<string, unknown> };
  responses: DocumentedResponse[];
  success: DocumentedResponse;
}

function namedExamples(media: Schema): Record<string, unknown> {
  const examples = Object.entries((media.examples ?? {}) as Record<string, unknown>);
  return Object.fromEntries(examples.map(([name, example]) => [name, resolve<{ value: unknown }>(example).value]));
}

function readOperation(path: string, method: Operation["method"], item: Schema, raw: Schema): Operation {
  const parameters = [...(item.parameters ?? []), ...(raw.parameters ?? [])].map((p) => resolve(p));
  const pathParameters = parameters
    .filter((p) => p.in === "path")
    .map((p) => ({ name: p.name as string, schema: resolve(p.schema), example: String(p.example ?? resolve(p.schema).example) }));
  const bodyMedia = raw.requestBody ? resolve(raw.requestBody).content?.["application/json"] : undefined;
  const responses = Object.entries(raw.responses as Record<string, unknown>).map(([status, ref]) => {
    const response = resolve(ref);
    const media = response.content?.["application/json"] ?? {};
    const headers = Object.entries((response.headers ?? {}) as Record<string, unknown>).map(([name, header]) => [
      name.toLowerCase(),
      resolve(resolve(header).schema),
    ]);
    return { status: Number(status), schema: media.schema, examples: namedExamples(media), headers: Object.fromEntries(headers) };
  });
  const success = responses.find((r) => r.status >= 200 && r.status < 300);
  if (!success) throw new Error(`${method.toUpperCase()} ${path} documents no success response`);
  return {
    id: raw.operationId,
    method,
    path,
    pathParameters,
    requestBody: bodyMedia ? { schema: bodyMedia.schema, examples: namedExamples(bodyMedia) } : undefined,
    responses,
    success,
  };
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** Every operation of the spec, sorted by operationId. */
export const operations: Operation[] = Object.entries(spec.paths as Record<string, Schema>)
  .flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => readOperation(path, m, item, item[m])))
  .sort((a, b) => a.id.localeCompare(b.id));

/** The path parameters every valid request of `operation` uses (the documented examples). */
export function validPath(operation: Operation): Record<string, string> {
  return Object.fromEntries(operation.pathParameters.map((p) => [p.name, p.example]));
}

/** The first request example, or undefined for an operation without a body. */
export function firstRequestExample(operation: Operation): unknown {
  return operation.requestBody ? Object.values(operation.requestBody.examples)[0] : undefined;
}

/** `ErrorBody`, the schema of every error answer. */
export const ERROR_SCHEMA = { $ref: "#/components/schemas/ErrorBody" };
