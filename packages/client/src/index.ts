import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import type { paths } from "@billing-api/types";

export type { paths, components, operations } from "@billing-api/types";

export interface BillingClientOptions {
  /** An API token; sent as `Authorization: Bearer <token>` on every request. */
  token: string;
  /** Where the API lives, e.g. `https://api.billing.example.com/api/v1` or a local mock's URL. */
  baseUrl: string;
  /** A `fetch` to use instead of the global one (for tests, proxies or instrumentation). */
  fetch?: ClientOptions["fetch"];
}

/** A client typed by the spec's `paths`: `client.POST("/checkout-sessions", { body })`. */
export type BillingClient = Client<paths, "application/json">;

/**
 * Creates a client of the billing API. Every method answers
 * `{ data, error, response }` exactly as openapi-fetch does.
 */
export function createBillingClient(options: BillingClientOptions): BillingClient {
  const { token, baseUrl } = options ?? {};
  if (typeof token !== "string" || token.trim() === "") {
    throw new TypeError("createBillingClient: `token` is required and must be a non-empty string.");
  }
  if (typeof baseUrl !== "string" || !/^https?:\/\//.test(baseUrl)) {
    throw new TypeError("createBillingClient: `baseUrl` must be an absolute http(s) URL.");
  }
  const client = createClient<paths, "application/json">({
    baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  // The token lives only in this closure: it is added to each outgoing request
  // and never stored on the client or its options.
  client.use({
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
  });
  return client;
}
