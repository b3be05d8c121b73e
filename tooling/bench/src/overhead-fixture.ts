// The two calls the overhead benchmark makes, taken from the bundled spec's
// own examples (so the bodies are the size real ones are): GET getCheckout and
// POST createCheckoutSession. Shared by the benchmark (src/overhead.ts) and its
// loopback server (src/loopback-server.ts), which both check every request
// against `requestProblem`: no contender may send less than the others.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { examplePath, firstRequestExample, type Operation, readSpec } from "@billing-api/openapi/reader";
import type { components } from "@billing-api/types";
import type { Method } from "./overhead-model.ts";

export type { Method };

export const TOKEN = "sk_bench_not_a_secret";
export const AUTHORIZATION = `Bearer ${TOKEN}`;
/** The base path of every base URL the benchmark uses, as in the spec's servers. */
export const BASE_PATH = "/api/v1";
export const IN_PROCESS_BASE_URL = `https://api.billing.example.com${BASE_PATH}`;
export const GET_TEMPLATE = "/companies/{company_id}/checkout/{id}";
export const POST_TEMPLATE = "/checkout-sessions";

const specFile = fileURLToPath(import.meta.resolve("@billing-api/openapi/openapi.json"));
const { operations } = readSpec(JSON.parse(readFileSync(specFile, "utf8")));

function operationOf(id: string, method: Operation["method"], path: string): Operation {
  const found = operations.find((op) => op.id === id);
  if (!found || found.method !== method || found.path !== path) {
    throw new Error(`The bundled spec has no ${method.toUpperCase()} ${path} named ${id}.`);
  }
  return found;
}

/** The first example of an operation's success answer, as the JSON text a server sends. */
function successExample(operation: Operation): { status: number; json: string } {
  const example = Object.values(operation.success.examples)[0];
  if (example === undefined) {
    throw new Error(`${operation.id} has no example of its success answer.`);
  }
  return { status: operation.success.status, json: JSON.stringify(example) };
}

const getCheckout = operationOf("getCheckout", "get", GET_TEMPLATE);
const createCheckoutSession = operationOf("createCheckoutSession", "post", POST_TEMPLATE);

/** getCheckout's path parameters: the spec's examples. */
export const CHECKOUT_PATH: { company_id: string; id: string } = (() => {
  const { company_id, id } = examplePath(getCheckout);
  if (!company_id || !id) {
    throw new Error("getCheckout's path parameters have no examples.");
  }
  return { company_id, id };
})();

/** createCheckoutSession's body: the spec's first request example. */
export const SESSION_BODY: components["schemas"]["CreateCheckoutSessionRequest"] = (() => {
  const body = firstRequestExample(createCheckoutSession);
  const fields = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  if (typeof fields.customer_id !== "string" || typeof fields.plan_version_id !== "string") {
    throw new Error(`createCheckoutSession's request example is not a session request: ${JSON.stringify(body)}`);
  }
  return { ...fields, customer_id: fields.customer_id, plan_version_id: fields.plan_version_id };
})();
export const SESSION_BODY_JSON = JSON.stringify(SESSION_BODY);

/** What the server answers each call with, by method. */
export const ANSWERS: Record<Method, { status: number; json: string }> = {
  GET: successExample(getCheckout),
  POST: successExample(createCheckoutSession),
};

/** Path and query of each call, as the server sees it. */
export const REQUEST_PATHS: Record<Method, string> = {
  GET: `${BASE_PATH}/companies/${encodeURIComponent(CHECKOUT_PATH.company_id)}/checkout/${encodeURIComponent(CHECKOUT_PATH.id)}`,
  POST: `${BASE_PATH}${POST_TEMPLATE}`,
};

/**
 * What is wrong with a request a contender sent, or undefined when it is the
 * call every contender must make: the method and path, the token, and for the
 * POST a JSON content type, an idempotency key and the example body.
 */
export function requestProblem(method: string, path: string, header: (name: string) => string | null | undefined, body: string): string | undefined {
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
  return body === SESSION_BODY_JSON ? undefined : `body ${body.slice(0, 200)}`;
}
