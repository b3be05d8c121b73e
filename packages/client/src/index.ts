import createClient, { type Client } from "openapi-fetch";
import type { paths } from "@billing-api/types";
import { APIError } from "./errors.js";
import { DEFAULT_BASE_URL, OPERATIONS, type OperationMethods } from "./generated/operations.js";
import { createTransport, type Fetch, type RequestOptions } from "./transport.js";

export * from "./errors.js";
export { DEFAULT_BASE_URL, OPERATIONS, type OperationMethods } from "./generated/operations.js";
export type { OperationData, OperationId, OperationInput, OperationMethod } from "./operation-types.js";
export { backoffDelay, retryAfterDelay, type Fetch, type RequestOptions } from "./transport.js";
export type { components, operations, paths } from "@billing-api/types";

export interface BillingClientOptions {
  /** An API token; sent as `Authorization: Bearer <token>` on every request and never shown in errors. */
  token: string;
  /** Where the API lives. Defaults to the spec's production server. */
  baseUrl?: string;
  /** Retries after a failed attempt (network error, 408, 409, 429, 5xx). Default 2. */
  maxRetries?: number;
  /** Milliseconds one attempt may take, answer body included. Default 60,000. */
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
  if (typeof token !== "string" || token.trim() === "") {
    throw new TypeError("createBillingClient: `token` is required and must be a non-empty string.");
  }
  if (typeof baseUrl !== "string" || !/^https?:\/\/[^/]/.test(baseUrl)) {
    throw new TypeError(`createBillingClient: \`baseUrl\` must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}.`);
  }
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new TypeError(`createBillingClient: \`maxRetries\` must be a whole number >= 0, got ${String(maxRetries)}.`);
  }
  if (!(typeof timeoutMs === "number" && timeoutMs > 0)) {
    throw new TypeError(`createBillingClient: \`timeoutMs\` must be a number > 0, got ${String(timeoutMs)}.`);
  }

  const userFetch = options.fetch;
  const transport = createTransport({
    token,
    fetch: userFetch ?? ((request) => globalThis.fetch(request)),
    maxRetries,
    timeoutMs,
  });
  const client = createClient<paths, "application/json">({ baseUrl, fetch: transport() });

  // openapi-fetch's `request`, seen untyped: the table's entries are checked
  // against the spec's types by `OperationMethods` instead.
  const request = client.request as unknown as (
    method: string,
    path: string,
    init: object,
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  const methods: Record<string, unknown> = {};
  for (const [operationId, { method, path }] of Object.entries(OPERATIONS)) {
    methods[operationId] = async (input: OperationCall = {}, callOptions: RequestOptions = {}) => {
      const { data, error, response } = await request(method.toLowerCase(), path, {
        params: { path: input.path, query: input.query },
        body: input.body,
        signal: callOptions.signal,
        fetch: transport(callOptions),
      });
      if (error !== undefined || !response.ok) throw APIError.fromResponse(response.status, error, response.headers);
      return data;
    };
  }
  return Object.assign(client, methods as unknown as OperationMethods);
}
