// Code samples for every operation, generated from the spec at build time:
// a curl command and a TypeScript call with @billing-api/client (operation
// style). Both send the operation's documented path parameters and first
// request example, so each one is a request the API (and the mock) accepts.
import {
  examplePath,
  fillPath,
  firstRequestExample,
  type HttpMethod,
  type Node,
  readSpec,
} from "@billing-api/openapi/reader";

const TOKEN_VARIABLE = "BILLING_API_TOKEN";

/** One operation's request, as its samples send it. */
export interface SampleRequest {
  operationId: string;
  method: HttpMethod;
  path: string;
  /** The documented example of each path parameter, by name. */
  pathValues: Record<string, string>;
  /** The first request example; undefined without a body. */
  body: unknown;
  successStatus: number;
}

/** Every operation with the values its samples send. */
export function sampleRequests(spec: Node): SampleRequest[] {
  return readSpec(spec).operations.map((operation) => ({
    operationId: operation.id,
    method: operation.method,
    path: operation.path,
    pathValues: examplePath(operation),
    body: firstRequestExample(operation),
    successStatus: operation.success.status,
  }));
}

const shellQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** A curl command for `request`, against `baseUrl`. The token is read from $BILLING_API_TOKEN. */
export function curlSample(request: SampleRequest, baseUrl: string): string {
  const url = baseUrl + fillPath(request.path, request.pathValues);
  const lines = [
    `curl -sS -X ${request.method.toUpperCase()} ${shellQuote(url)}`,
    `-H "Authorization: Bearer $${TOKEN_VARIABLE}"`,
  ];
  if (request.body !== undefined) {
    lines.push(`-H 'Content-Type: application/json'`, `--data ${shellQuote(JSON.stringify(request.body, null, 2))}`);
  }
  return lines.join(" \\\n  ");
}

/** TypeScript source for a value: JSON, with identifier keys unquoted. */
function tsLiteral(value: unknown, indent: string): string {
  const json = JSON.stringify(value, null, 2).replaceAll("\n", `\n${indent}`);
  return json.replace(/^(\s*)"([A-Za-z_$][\w$]*)":/gm, "$1$2:");
}

/** A call with @billing-api/client's operation-style method. */
export function typescriptSample(request: SampleRequest): string {
  const input: string[] = [];
  if (Object.keys(request.pathValues).length > 0) {
    input.push(`  path: ${tsLiteral(request.pathValues, "  ")},`);
  }
  if (request.body !== undefined) {
    input.push(`  body: ${tsLiteral(request.body, "  ")},`);
  }
  return [
    `import { createBillingClient } from "@billing-api/client";`,
    ``,
    `const billing = createBillingClient({ token: process.env.${TOKEN_VARIABLE}! });`,
    ``,
    `const result = await billing.${request.operationId}({`,
    ...input,
    `});`,
  ].join("\n");
}

/** A copy of the spec with `x-codeSamples` (curl, TypeScript) on every operation, for Redoc to show. */
export function withCodeSamples(spec: Node): Node {
  const decorated = structuredClone(spec);
  const baseUrl: string = spec.servers[0].url;
  for (const request of sampleRequests(spec)) {
    decorated.paths[request.path][request.method]["x-codeSamples"] = [
      { lang: "Shell", label: "curl", source: curlSample(request, baseUrl) },
      { lang: "TypeScript", label: "TypeScript", source: typescriptSample(request) },
    ];
  }
  return decorated;
}
