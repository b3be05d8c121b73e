// The bundled spec, read as the contract tests need it, through the one spec
// reader (@billing-api/openapi/reader): one entry per operation, with its
// parameters, request body, responses and named examples. Everything the tests
// send or expect is derived from here, so a new operation, status or example
// in the spec is tested without new test code.
import { createRequire } from "node:module";
import {
  examplePath,
  firstRequestExample as firstExample,
  type Node,
  type Response,
  readSpec,
  type Operation as SpecOperation,
} from "@billing-api/openapi/reader";

const require = createRequire(import.meta.url);

export type Schema = Node;
/** The bundled spec's file (what Prism reads). */
export const specPath = require.resolve("@billing-api/openapi/openapi.json");
/** The one reader of the bundled spec, for code that wants its own view of the operations (the conforming server). */
export const reader = readSpec(require(specPath) as Node);
export const spec: Record<string, any> = reader.spec;

/** Follows a local `$ref` (also through chains of them); other nodes come back as they are. */
export const resolve = reader.resolve;

export interface PathParameter {
  name: string;
  schema: Schema;
  /** The documented example: the value every valid request uses. */
  example: string;
}

export interface HeaderParameter {
  name: string;
  required: boolean;
  schema: Schema;
  /** The documented example, if any. */
  example: unknown;
}

/** OpenAPI ignores a header parameter of these names: content negotiation and security say what they hold. */
const IGNORED_HEADER_PARAMETERS = new Set(["accept", "content-type", "authorization"]);

/** The header parameters an operation documents, as the spec names them. */
export function headerParameters(operation: SpecOperation): HeaderParameter[] {
  return operation.parameters
    .filter((p) => p.in === "header" && !IGNORED_HEADER_PARAMETERS.has(p.name.toLowerCase()))
    .map((p) => ({ name: p.name, required: p.required, schema: p.schema, example: p.example }));
}

export interface DocumentedResponse {
  status: number;
  /** The JSON body's schema (unresolved, refs intact). */
  schema: Schema;
  /** Named examples, in spec order. */
  examples: Record<string, unknown>;
  /** Documented headers by lower-case name, with their schemas. */
  headers: Record<string, Schema>;
  /** The documented headers marked `required: true`, by lower-case name: OpenAPI makes every other response header optional. */
  requiredHeaders: string[];
}

export interface Operation {
  id: string;
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  pathParameters: PathParameter[];
  headerParameters: HeaderParameter[];
  /** The JSON request body's schema and named examples, if the operation takes a body. */
  requestBody?: { schema: Schema; examples: Record<string, unknown> };
  responses: DocumentedResponse[];
  success: DocumentedResponse;
  /** The reader's own entry. */
  source: SpecOperation;
}

const requiredHeaders = (response: Response): string[] =>
  Object.entries((response.node.headers ?? {}) as Record<string, unknown>)
    .filter(([, header]) => resolve(header).required === true)
    .map(([name]) => name.toLowerCase());

const documented = (response: Response): DocumentedResponse => ({
  status: response.status,
  schema: response.schema ?? {},
  examples: response.examples,
  headers: response.headers,
  requiredHeaders: requiredHeaders(response),
});

/** Every operation of the spec, sorted by operationId. */
export const operations: Operation[] = reader.operations.map((operation) => ({
  id: operation.id,
  method: operation.method as Operation["method"],
  path: operation.path,
  pathParameters: operation.parameters
    .filter((p) => p.in === "path")
    .map((p) => ({ name: p.name, schema: p.schema, example: String(p.example) })),
  headerParameters: headerParameters(operation),
  requestBody: operation.requestBody && {
    schema: operation.requestBody.schema,
    examples: operation.requestBody.examples,
  },
  responses: operation.responses.map(documented),
  success: documented(operation.success),
  source: operation,
}));

/** The path parameters every valid request of `operation` uses (the documented examples). */
export function validPath(operation: Operation): Record<string, string> {
  return examplePath(operation.source);
}

/** The first request example, or undefined for an operation without a body. */
export function firstRequestExample(operation: Operation): unknown {
  return firstExample(operation.source);
}

/** `ErrorBody`, the schema of every error answer. */
export const ERROR_SCHEMA = { $ref: "#/components/schemas/ErrorBody" };
