// The two calls the overhead benchmark makes, chosen from the bundled spec (the
// first read by id and the first create with a request example, as the reader
// defines them) and made with its own examples, so the bodies are the size real
// ones are. Shared by the benchmark (src/overhead.ts) and its loopback server
// (src/loopback-server.ts), which both check every request against
// `requestProblem`: no contender may send less than the others.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  examplePath,
  fillPath,
  firstCreate,
  firstReadById,
  firstRequestExample,
  type Operation,
  readSpec,
} from "@billing-api/openapi/reader";
import type { Method } from "./overhead-model.ts";

export type { Method };

export const TOKEN = "sk_bench_not_a_secret";
export const AUTHORIZATION = `Bearer ${TOKEN}`;
/** The base path of every base URL the benchmark uses, as in the spec's servers. */
export const BASE_PATH = "/api/v1";
export const IN_PROCESS_BASE_URL = `https://api.billing.example.com${BASE_PATH}`;

const specFile = fileURLToPath(import.meta.resolve("@billing-api/openapi/openapi.json"));
const reader = readSpec(JSON.parse(readFileSync(specFile, "utf8")));

/** One of the two calls: the operation, its path parameters and body (the spec's examples), and the answer a server sends. */
export interface BenchCall {
  operation: Operation;
  /** The path template, as the spec and openapi-fetch name it. */
  template: string;
  path: Record<string, string>;
  body?: Record<string, unknown>;
  /** Path and query as the server sees them. */
  requestPath: string;
  /** The first example of the success answer, as the JSON text a server sends. */
  answer: { status: number; json: string };
}

function benchCall(method: Method, operation: Operation | undefined, what: string): BenchCall {
  if (!operation) {
    throw new Error(`overhead: the bundled spec has no ${what} to call.`);
  }
  const path = examplePath(operation);
  const missing = operation.parameters.filter((p) => p.in === "path" && p.example === undefined).map((p) => p.name);
  if (missing.length > 0) {
    throw new Error(`overhead: ${operation.id}'s path parameters ${missing.join(", ")} have no examples.`);
  }
  const example = Object.values(operation.success.examples)[0];
  if (example === undefined) {
    throw new Error(`overhead: ${operation.id} has no example of its success answer.`);
  }
  const body = firstRequestExample(operation);
  if (method === "POST" && (!body || typeof body !== "object" || Array.isArray(body))) {
    throw new Error(`overhead: ${operation.id}'s request example is not a JSON object: ${JSON.stringify(body)}`);
  }
  return {
    operation,
    template: operation.path,
    path,
    body: method === "POST" ? (body as Record<string, unknown>) : undefined,
    requestPath: `${BASE_PATH}${fillPath(operation.path, path)}`,
    answer: { status: operation.success.status, json: JSON.stringify(example) },
  };
}

/** A call's input as every typed contender passes it: its path parameters and body, a fresh object per call. */
export function inputOf({ path, body }: BenchCall): () => object {
  if (body === undefined) {
    return () => ({ path });
  }
  return Object.keys(path).length > 0 ? () => ({ path, body }) : () => ({ body });
}

/** The calls, by method: GET is the spec's first read by id, POST its first create. */
export const CALLS: Record<Method, BenchCall> = {
  GET: benchCall("GET", firstReadById(reader), "read by id (a GET whose path ends in a parameter)"),
  POST: benchCall("POST", firstCreate(reader), "create (a POST with a request example)"),
};
/** The POST's body as every contender must send it. */
export const POST_BODY_JSON = JSON.stringify(CALLS.POST.body);

/** What the server answers each call with, by method. */
export const ANSWERS: Record<Method, { status: number; json: string }> = {
  GET: CALLS.GET.answer,
  POST: CALLS.POST.answer,
};

/** Path and query of each call, as the server sees it. */
export const REQUEST_PATHS: Record<Method, string> = { GET: CALLS.GET.requestPath, POST: CALLS.POST.requestPath };

/**
 * What is wrong with a request a contender sent, or undefined when it is the
 * call every contender must make: the method and path, the token, and for the
 * POST a JSON content type, an idempotency key and the example body.
 */
export function requestProblem(
  method: string,
  path: string,
  header: (name: string) => string | null | undefined,
  body: string,
): string | undefined {
  if (method !== "GET" && method !== "POST") {
    return `unexpected method ${method}`;
  }
  if (path !== REQUEST_PATHS[method]) {
    return `${method} ${path}, expected ${REQUEST_PATHS[method]}`;
  }
  if (header("authorization") !== AUTHORIZATION) {
    return "no or wrong Authorization";
  }
  if (method === "GET") {
    return body === "" ? undefined : "a GET with a body";
  }
  if (!header("content-type")?.startsWith("application/json")) {
    return `content-type ${header("content-type")}`;
  }
  if (!header("idempotency-key")) {
    return "a POST without an Idempotency-Key";
  }
  return body === POST_BODY_JSON ? undefined : `body ${body.slice(0, 200)}`;
}
