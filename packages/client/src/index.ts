import createClient, { type Client } from "openapi-fetch";
import type { paths } from "@billing-api/types";
import { APIError } from "./errors.js";
import { DEFAULT_BASE_URL, OPERATIONS, type OperationMethods } from "./generated/operations.js";
import { checkOption, createSender, maxRetriesProblem, timeoutProblem, type Fetch, type RawRequest, type RequestOptions } from "./transport.js";

export * from "./errors.js";
export { DEFAULT_BASE_URL, OPERATIONS, type OperationMethods } from "./generated/operations.js";
export type { OperationData, OperationId, OperationInput, OperationMethod } from "./operation-types.js";
export { MAX_TIMEOUT_MS, backoffDelay, retryAfterDelay, type Fetch, type RequestOptions } from "./transport.js";
export type { components, operations, paths } from "@billing-api/types";

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

interface OperationCall {
  path?: object;
  query?: object;
  body?: unknown;
}

/** Creates a client of the billing API. */
export function createBillingClient(options: BillingClientOptions): BillingClient {
  const { token, baseUrl = DEFAULT_BASE_URL, maxRetries = 2, timeoutMs = 60_000 } = options ?? ({} as BillingClientOptions);
  // The token's value is never printed, not even a wrong one.
  if (typeof token !== "string" || !token.trim()) throw new TypeError("createBillingClient: `token` is required and must be a non-empty string.");
  checkOption("createBillingClient:", "baseUrl", baseUrl, baseUrlProblem);
  // Not shown, as it holds a password: `fetch` refuses such a URL with an error that shows it.
  if (/^https?:\/\/[^/?#]*@/.test(baseUrl))
    throw new TypeError("createBillingClient: `baseUrl` must not hold credentials (user:password@); send the token as `token`.");
  checkOption("createBillingClient:", "maxRetries", maxRetries, maxRetriesProblem);
  checkOption("createBillingClient:", "timeoutMs", timeoutMs, timeoutProblem);

  // The token lives in openapi-fetch's default headers, in a closure: the
  // client object has nothing to print. `RedactedRequest` keeps it out of any
  // printout of the request a custom `fetch` is handed.
  const client = createClient<paths, "application/json">({ baseUrl, headers: { Authorization: `Bearer ${token}` }, Request: RedactedRequest });
  const send = createSender(client.request as unknown as RawRequest, {
    fetch: options.fetch ?? ((request, init) => globalThis.fetch(request, init)),
    maxRetries,
    timeoutMs,
  });

  // Path style: openapi-fetch's methods, each call sent through `send`.
  const raw = client as unknown as Record<string, unknown>;
  for (const method of ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"]) {
    raw[method] = (path: string, init: Record<string, unknown> = {}) => send(method, path, init);
  }
  raw.request = (method: string, path: string, init: Record<string, unknown> = {}) => send(method.toUpperCase(), path, init);

  // Operation style: one method per operation of the spec, typed by `OperationMethods`.
  for (const [operationId, { method, path }] of Object.entries(OPERATIONS)) {
    raw[operationId] = async (input: OperationCall = {}, callOptions?: RequestOptions) => {
      const { data, error, response } = await send(method, path, { params: { path: input.path, query: input.query }, body: input.body }, callOptions);
      if (error !== undefined || !response.ok) throw APIError.fromResponse(response.status, error, response.headers);
      return data;
    };
  }
  return client as BillingClient;
}

function baseUrlProblem(value: unknown): string | undefined {
  return typeof value === "string" && /^https?:\/\/[^/]/.test(value) ? undefined : "must be an absolute http(s) URL";
}

/** A Request whose printed and serialized forms leave out its headers, and so the token. */
class RedactedRequest extends Request {
  toJSON() {
    return { method: this.method, url: this.url };
  }
  [Symbol.for("nodejs.util.inspect.custom")]() {
    return this.toJSON();
  }
}
