import type { paths } from "@billing-api/types";
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { settle } from "./answer.js";
import { createDirectCall } from "./direct-call.js";
import { DEFAULT_BASE_URL, OPERATIONS, type OperationMethods } from "./generated/operations.js";
import type { CallOptions, Transport } from "./operation.js";
import { checkOption, maxRetriesProblem, type TransportSettings, timeoutProblem } from "./options.js";
import { createSender, type RawRequest } from "./path-style.js";
import { RedactedRequest } from "./redaction.js";
import type { Fetch } from "./transport.js";

export type { components, operations, paths } from "@billing-api/types";
export * from "./errors.js";
export * from "./generated/operations.js";
export type { CallOptions, OperationFunction, Transport, WithResponse } from "./operation.js";
export type { OperationData, OperationId, OperationInput, OperationMethod } from "./operation-types.js";
export { MAX_TIMEOUT_MS, type RequestOptions } from "./options.js";
export { backoffDelay, retryAfterDelay } from "./retry-policy.js";
export type { Fetch } from "./transport.js";

export interface BillingClientOptions {
  /** An API token; sent as `Authorization: Bearer <token>` on every request and never shown in errors. */
  token: string;
  /** Where the API lives. Defaults to the spec's production server. */
  baseUrl?: string;
  /** Retries after a failed attempt (network error, 408, 409, 429, 5xx). Default 2. */
  maxRetries?: number;
  /**
   * Milliseconds one attempt may take, answer body included. Default 60,000.
   * At most `MAX_TIMEOUT_MS` (about 24.8 days); `Infinity` means no timeout.
   */
  timeoutMs?: number;
  /** A `fetch` to use instead of the global one (for tests, proxies or instrumentation). */
  fetch?: Fetch;
}

/**
 * Both call styles: openapi-fetch's path style (`GET`, `POST`, … answering
 * `{ data, error, response }`) and one method per operation that returns the
 * data and throws typed errors.
 */
export type BillingClient = Client<paths, "application/json"> & OperationMethods;

/**
 * A transport for the operation functions alone (`await <operationId>(transport, …)`),
 * without openapi-fetch: the smallest way to call the API. Same options,
 * retries, keys, timeouts and errors as `createBillingClient`.
 */
export function createTransport(options: BillingClientOptions): Transport {
  const { baseUrl, authorization, settings } = settingsOf("createTransport:", options);
  const direct = createDirectCall(baseUrl, authorization, settings);
  return {
    send: (id, method, _path, parts, input, callOptions) => direct(id, method, parts, input, callOptions),
  };
}

/** Creates a client of the billing API. */
export function createBillingClient(options: BillingClientOptions): BillingClient {
  const { baseUrl, authorization, settings } = settingsOf("createBillingClient:", options);
  // The token lives in openapi-fetch's default headers and in closures: the
  // client object has nothing to print. `RedactedRequest` keeps it out of any
  // printout of the request a custom `fetch` is handed.
  const client = createClient<paths, "application/json">({
    baseUrl,
    headers: { Authorization: authorization },
    Request: RedactedRequest,
  });
  const send = createSender(client.request as unknown as RawRequest, settings);
  const direct = createDirectCall(baseUrl, authorization, settings);

  // Path style: openapi-fetch's methods, each call sent through `send`.
  const raw = client as unknown as Record<string, unknown>;
  for (const method of ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"]) {
    raw[method] = (path: string, init: Record<string, unknown> = {}) => send(method, path, init);
  }
  raw.request = (method: string, path: string, init: Record<string, unknown> = {}) =>
    send(method.toUpperCase(), path, init);

  // Operation style: built without openapi-fetch, unless middleware was registered
  // with `use()`, which then sees operation calls too (through openapi-fetch).
  const middleware = new Set<Middleware>();
  const { use, eject } = client;
  client.use = (...added) => {
    for (const m of added) {
      middleware.add(m);
    }
    use(...added);
  };
  client.eject = (...removed) => {
    for (const m of removed) {
      middleware.delete(m);
    }
    eject(...removed);
  };
  const transport: Transport = {
    send: (id, method, path, parts, input, callOptions) =>
      middleware.size
        ? send(method, path, { params: { path: input.path, query: input.query }, body: input.body }, callOptions).then(
            (answer) => settle(answer, callOptions),
          )
        : direct(id, method, parts, input, callOptions),
  };
  for (const [operationId, call] of Object.entries(OPERATIONS)) {
    raw[operationId] = (input: object, callOptions?: CallOptions) =>
      (call as (...args: unknown[]) => unknown)(transport, input, callOptions);
  }
  return client as BillingClient;
}

function settingsOf(
  where: string,
  options: BillingClientOptions,
): { baseUrl: string; authorization: string; settings: TransportSettings } {
  const {
    token,
    baseUrl = DEFAULT_BASE_URL,
    maxRetries = 2,
    timeoutMs = 60_000,
  } = options ?? ({} as BillingClientOptions);
  // The token's value is never printed, not even a wrong one.
  if (typeof token !== "string" || !token.trim()) {
    throw new TypeError(`${where} \`token\` is required and must be a non-empty string.`);
  }
  checkOption(where, "baseUrl", baseUrl, baseUrlProblem);
  // Not shown, as it holds a password: `fetch` refuses such a URL with an error that shows it.
  if (/^https?:\/\/[^/?#]*@/.test(baseUrl)) {
    throw new TypeError(
      `${where} \`baseUrl\` must not hold credentials (user:password@); send the token as \`token\`.`,
    );
  }
  checkOption(where, "maxRetries", maxRetries, maxRetriesProblem);
  checkOption(where, "timeoutMs", timeoutMs, timeoutProblem);
  return {
    baseUrl: baseUrl.replace(/\/+$/, ""),
    authorization: `Bearer ${token}`,
    settings: { fetch: options.fetch ?? ((request, init) => globalThis.fetch(request, init)), maxRetries, timeoutMs },
  };
}

function baseUrlProblem(value: unknown): string | undefined {
  return typeof value === "string" && /^https?:\/\/[^/]/.test(value) ? undefined : "must be an absolute http(s) URL";
}
