// Unit tests of the client with an injected `fetch`: nothing is mocked, the
// client just calls what it is given. Backoff runs on fake timers.
import { createRequire } from "node:module";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  backoffDelay,
  ConflictError,
  createBillingClient,
  createCheckoutSession,
  createTransport,
  DEFAULT_BASE_URL,
  type Fetch,
  getCheckout,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  retryAfterDelay,
  UnprocessableEntityError,
  UnsupportedMediaTypeError,
} from "../src/index.ts";
import { operation } from "../src/operation.ts";
import { restoreClock } from "./clock.ts";
import { SESSION_ANSWER, SESSION_REQUEST } from "./spec-examples.ts";

const TOKEN = "sk_test_unit_secret_4242";
const BASE = "https://api.test/api/v1";
const body = SESSION_REQUEST;
const session = SESSION_ANSWER;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Answer = Response | Error | "hang";
/** A fetch that records every request and answers with the next item of `answers` (the last one repeats). */
function scripted(...answers: Answer[]) {
  const requests: Request[] = [];
  const fetch: Fetch = (request, init) => {
    requests.push(request);
    const answer = answers[Math.min(requests.length, answers.length) - 1]!;
    if (answer === "hang") {
      const signal = init!.signal;
      return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
    }
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer.clone());
  };
  return { requests, fetch };
}

const json = (status: number, payload: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(payload), { status, headers: { "content-type": "application/json", ...headers } });
const apiError = (status: number, code: string, extra: Record<string, string> = {}) =>
  json(status, { code, message: `${code} happened` }, { "x-request-id": `req_${status}`, ...extra });

function client(fetch: Fetch, options: { maxRetries?: number; timeoutMs?: number } = {}) {
  return createBillingClient({ token: TOKEN, baseUrl: BASE, fetch, ...options });
}

/**
 * Fake timers for the backoff, and no jitter, so waits are exact. Every test
 * settles its calls, so none may leave a timer armed behind it.
 */
function useFakeClockWithoutJitter() {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0);
  });
}

// Every test: real timers and mocks back, and no fake timer left armed.
afterEach(restoreClock);

describe("createBillingClient options", () => {
  it.each([undefined, "", "   ", 42])("rejects a missing or empty token (%j)", (token) => {
    expect(() => createBillingClient({ token: token as string })).toThrow(/`token` is required/);
  });

  it.each(["api.test", "ftp://api.test", ""])(
    "rejects a baseUrl that is not an absolute http(s) URL (%j)",
    (baseUrl) => {
      expect(() => createBillingClient({ token: "t", baseUrl })).toThrow(/`baseUrl` must be an absolute http\(s\) URL/);
    },
  );

  it.each([-1, 1.5, Number.NaN])("rejects maxRetries %s", (maxRetries) => {
    expect(() => createBillingClient({ token: "t", maxRetries })).toThrow(/`maxRetries`/);
  });

  it.each([0, -5, Number.NaN])("rejects timeoutMs %s", (timeoutMs) => {
    expect(() => createBillingClient({ token: "t", timeoutMs })).toThrow(/`timeoutMs`/);
  });

  it("rejects a baseUrl with credentials without showing them", () => {
    expect(() => createBillingClient({ token: "t", baseUrl: "https://user:hunter2@api.test/v1" })).toThrow(
      new TypeError(
        "createBillingClient: `baseUrl` must not hold credentials (user:password@); send the token as `token`.",
      ),
    );
  });

  it("defaults baseUrl to the spec's production server", async () => {
    const { requests, fetch } = scripted(json(200, session));
    await createBillingClient({ token: TOKEN, fetch }).createCheckoutSession({ body });
    expect(requests[0]!.url).toBe(`${DEFAULT_BASE_URL}/checkout-sessions`);
  });
});

describe("path style (openapi-fetch)", () => {
  it("sends the bearer token, the JSON body and an idempotency key, and answers { data }", async () => {
    const { requests, fetch } = scripted(json(200, session));
    const { data, error } = await client(fetch).POST("/checkout-sessions", { body });
    expect(error).toBeUndefined();
    expect(data).toEqual(session);
    const request = requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.url).toBe(`${BASE}/checkout-sessions`);
    expect(request.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(request.headers.get("idempotency-key")).toMatch(UUID_V4);
    expect(await request.json()).toEqual(body);
  });

  it("answers an error status with { error, response } after the same retries", async () => {
    const { requests, fetch } = scripted(apiError(500, "INTERNAL_SERVER_ERROR"), apiError(401, "UNAUTHORIZED"));
    vi.spyOn(Math, "random").mockReturnValue(0);
    const { data, error, response } = await client(fetch, { maxRetries: 1 }).POST("/checkout-sessions", { body });
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(error).toEqual({ code: "UNAUTHORIZED", message: "UNAUTHORIZED happened" });
    expect(requests).toHaveLength(2);
  });

  it("throws typed connection errors", async () => {
    const { fetch } = scripted(new TypeError("fetch failed"));
    await expect(client(fetch, { maxRetries: 0 }).POST("/checkout-sessions", { body })).rejects.toBeInstanceOf(
      APIConnectionError,
    );
  });

  it("lets the caller choose the idempotency key with a header", async () => {
    const { requests, fetch } = scripted(json(200, session));
    await client(fetch).POST("/checkout-sessions", { body, params: { header: { "Idempotency-Key": "my-key-1" } } });
    expect(requests[0]!.headers.get("idempotency-key")).toBe("my-key-1");
  });
});

describe("operation style", () => {
  it("fills in path parameters, returns the data, and sends no key on a GET", async () => {
    const proposal = { id: "pro_1", title: "Growth plan" };
    const { requests, fetch } = scripted(json(200, proposal));
    const data = await client(fetch).getCheckout({ path: { company_id: "cmp_1", id: "pro_1" } });
    expect(data).toEqual(proposal);
    expect(requests[0]!.method).toBe("GET");
    expect(requests[0]!.url).toBe(`${BASE}/companies/cmp_1/checkout/pro_1`);
    expect(requests[0]!.headers.has("idempotency-key")).toBe(false);
  });

  it("returns a 201 array", async () => {
    const { fetch } = scripted(json(201, [{ id: "otb_1" }]));
    const data = await client(fetch).createOneTimeCharges({
      path: { company_id: "cmp_1" },
      body: { customer_id: "cus_1", type: "IMMEDIATE", onetime_items: [{ aggregate: 1, product_pricing_id: "ppr_1" }] },
    });
    expect(data).toEqual([{ id: "otb_1" }]);
  });

  it.each([
    [400, "BAD_REQUEST", BadRequestError],
    [401, "UNAUTHORIZED", AuthenticationError],
    [403, "FORBIDDEN", PermissionDeniedError],
    [404, "NOT_FOUND", NotFoundError],
    [409, "CONFLICT", ConflictError],
    [413, "PAYLOAD_TOO_LARGE", PayloadTooLargeError],
    [415, "UNSUPPORTED_MEDIA_TYPE", UnsupportedMediaTypeError],
    [422, "UNPROCESSABLE_ENTITY", UnprocessableEntityError],
    [429, "TOO_MANY_REQUESTS", RateLimitError],
    [500, "INTERNAL_SERVER_ERROR", InternalServerError],
    [503, "INTERNAL_SERVER_ERROR", InternalServerError],
  ] as const)(
    "maps %i to %s with status, code, message, body, headers and request id",
    async (status, code, ErrorClass) => {
      const { fetch } = scripted(apiError(status, code));
      const error = await client(fetch, { maxRetries: 0 })
        .createCheckoutSession({ body })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toBeInstanceOf(APIError);
      expect(error).toMatchObject({
        status,
        code,
        requestId: `req_${status}`,
        body: { code, message: `${code} happened` },
      });
      expect((error as APIError).message).toBe(`${status} ${code}: ${code} happened`);
      expect((error as APIError).headers?.get("x-request-id")).toBe(`req_${status}`);
    },
  );

  it("names every invalid field in a 422's message and details", async () => {
    const details = [
      { field: "plan_version_id", message: "must match the pattern ^plv_[0-9A-Za-z]+$" },
      { field: "add_ons[0].quantity", message: "must be >= 0" },
    ];
    const { fetch } = scripted(json(422, { code: "UNPROCESSABLE_ENTITY", message: "2 fields are invalid.", details }));
    const error = (await client(fetch)
      .createCheckoutSession({ body })
      .catch((e: unknown) => e)) as UnprocessableEntityError;
    expect(error.details).toEqual(details);
    expect(error.message).toContain("plan_version_id: must match the pattern");
    expect(error.message).toContain("add_ons[0].quantity: must be >= 0");
  });

  it("maps an error body that is not JSON, or another status, to the APIError base class", async () => {
    const { fetch } = scripted(new Response("upstream exploded", { status: 418 }));
    const error = await client(fetch)
      .createCheckoutSession({ body })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: 418, code: undefined, message: "418: upstream exploded" });
  });
});

describe("retries", () => {
  useFakeClockWithoutJitter();

  it.each([408, 409, 429, 500, 502, 503, 504])("retries %i twice by default, then gives up", async (status) => {
    const { requests, fetch } = scripted(apiError(status, "X"));
    const call = client(fetch)
      .createCheckoutSession({ body })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(500 + 1000);
    expect(await call).toMatchObject({ status });
    expect(requests).toHaveLength(3);
  });

  it.each([400, 401, 403, 404, 422])("never retries %i", async (status) => {
    const { requests, fetch } = scripted(apiError(status, "X"), json(200, session));
    await expect(client(fetch).createCheckoutSession({ body })).rejects.toMatchObject({ status });
    expect(requests).toHaveLength(1);
  });

  it("retries a network error and succeeds, keeping the same idempotency key on every attempt", async () => {
    const { requests, fetch } = scripted(new TypeError("fetch failed"), apiError(503, "X"), json(200, session));
    const call = client(fetch).createCheckoutSession({ body });
    await vi.advanceTimersByTimeAsync(1500);
    expect(await call).toEqual(session);
    const keys = requests.map((r) => r.headers.get("idempotency-key"));
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(UUID_V4);
    for (const request of requests) {
      expect(await request.clone().json()).toEqual(body);
    }
  });

  it("uses a fresh key per logical request, and the caller's key when given", async () => {
    const { requests, fetch } = scripted(json(200, session));
    const billing = client(fetch);
    await billing.createCheckoutSession({ body });
    await billing.createCheckoutSession({ body });
    await billing.createCheckoutSession({ body }, { idempotencyKey: "order-42" });
    const keys = requests.map((r) => r.headers.get("idempotency-key"));
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBe("order-42");
  });

  it("waits 0.5 s, then 1 s, doubling to a cap of 8 s", async () => {
    const { requests, fetch } = scripted(apiError(500, "X"));
    const call = client(fetch, { maxRetries: 6 })
      .createCheckoutSession({ body })
      .catch((e: unknown) => e);
    const waits = [500, 1000, 2000, 4000, 8000, 8000];
    for (const [i, wait] of waits.entries()) {
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(requests).toHaveLength(i + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(requests).toHaveLength(i + 2);
    }
    expect(await call).toBeInstanceOf(InternalServerError);
  });

  it.each([
    ["Retry-After in seconds", { "retry-after": "3" }, 3000],
    ["Retry-After as an HTTP date", { "retry-after": "Sat, 21 Nov 2026 10:00:05 GMT" }, 5000],
    ["retry-after-ms", { "retry-after-ms": "1500", "retry-after": "30" }, 1500],
  ])("honours %s", async (_, headers, wait) => {
    vi.setSystemTime(new Date("2026-11-21T10:00:00.000Z"));
    const { requests, fetch } = scripted(apiError(429, "TOO_MANY_REQUESTS", headers), json(200, session));
    const call = client(fetch).createCheckoutSession({ body });
    await vi.advanceTimersByTimeAsync(wait - 1);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    expect(await call).toEqual(session);
  });

  it("ignores a Retry-After beyond 60 s and backs off instead", async () => {
    const { requests, fetch } = scripted(apiError(503, "X", { "retry-after": "3600" }), json(200, session));
    const call = client(fetch).createCheckoutSession({ body });
    await vi.advanceTimersByTimeAsync(500);
    expect(requests).toHaveLength(2);
    await call;
  });

  it("never retries a POST sent without a key once it may have reached the server", async () => {
    for (const answer of [apiError(503, "X"), new TypeError("fetch failed")]) {
      const { requests, fetch } = scripted(answer, json(200, session));
      await expect(client(fetch).createCheckoutSession({ body }, { idempotencyKey: null })).rejects.toBeInstanceOf(
        APIError,
      );
      expect(requests).toHaveLength(1);
      expect(requests[0]!.headers.has("idempotency-key")).toBe(false);
    }
  });

  it("retries a keyless POST whose connection was refused (it never left)", async () => {
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
    const { requests, fetch } = scripted(refused, json(200, session));
    const call = client(fetch).createCheckoutSession({ body }, { idempotencyKey: null });
    await vi.advanceTimersByTimeAsync(500);
    expect(await call).toEqual(session);
    expect(requests).toHaveLength(2);
  });

  it("lets one call change maxRetries", async () => {
    const { requests, fetch } = scripted(apiError(500, "X"));
    await expect(client(fetch).createCheckoutSession({ body }, { maxRetries: 0 })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(requests).toHaveLength(1);
  });
});

describe("timeouts and aborts", () => {
  useFakeClockWithoutJitter();

  it("times out each attempt, retries, then throws APITimeoutError", async () => {
    const { requests, fetch } = scripted("hang");
    const call = client(fetch, { timeoutMs: 1000 })
      .createCheckoutSession({ body })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000 + 500 + 1000 + 1000 + 1000);
    const error = await call;
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toBe(`Request timed out after 1000 ms: POST ${BASE}/checkout-sessions.`);
    expect(requests).toHaveLength(3);
  });

  it("counts reading the answer's body in the timeout", async () => {
    const stalled = new Response(new ReadableStream({ start() {} }), { status: 200 });
    const { fetch } = scripted(stalled);
    const call = client(fetch, { timeoutMs: 200, maxRetries: 0 })
      .createCheckoutSession({ body })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(200);
    expect(await call).toBeInstanceOf(APITimeoutError);
  });

  it("lets one call change its timeout", async () => {
    const { fetch } = scripted("hang");
    const call = client(fetch)
      .createCheckoutSession({ body }, { timeoutMs: 50, maxRetries: 0 })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(50);
    expect(await call).toBeInstanceOf(APITimeoutError);
  });

  it("times out concurrent attempts each at its own deadline, whatever order they started in", async () => {
    const billing = client(scripted("hang").fetch, { maxRetries: 0 });
    const settled: string[] = [];
    const slow = billing.createCheckoutSession({ body }, { timeoutMs: 300 }).catch(() => settled.push("300 ms"));
    const fast = billing.createCheckoutSession({ body }, { timeoutMs: 50 }).catch(() => settled.push("50 ms"));
    await vi.advanceTimersByTimeAsync(49);
    expect(settled).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toEqual(["50 ms"]);
    await vi.advanceTimersByTimeAsync(249);
    expect(settled).toEqual(["50 ms"]);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all([slow, fast]);
    expect(settled).toEqual(["50 ms", "300 ms"]);
  });

  it("stops the request in flight and every retry at once when the signal aborts", async () => {
    const { requests, fetch } = scripted("hang");
    const controller = new AbortController();
    const call = client(fetch)
      .createCheckoutSession({ body }, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    expect(await call).toBeInstanceOf(APIUserAbortError);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests).toHaveLength(1);
  });

  it("stops waiting for a retry when the signal aborts during the backoff", async () => {
    const { requests, fetch } = scripted(apiError(503, "X"));
    const controller = new AbortController();
    const call = client(fetch)
      .POST("/checkout-sessions", { body, signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect(await call).toBeInstanceOf(APIUserAbortError);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(requests).toHaveLength(1);
  });

  it("does not start when the signal is already aborted", async () => {
    const { requests, fetch } = scripted(json(200, session));
    const error = await client(fetch)
      .createCheckoutSession({ body }, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(requests).toHaveLength(0);
  });
});

describe("backoff and Retry-After helpers", () => {
  it("keeps the backoff within 75-100% of 0.5 s x 2^n, capped at 8 s", () => {
    for (let retry = 0; retry < 10; retry++) {
      const base = Math.min(500 * 2 ** retry, 8000);
      expect(backoffDelay(retry, () => 0)).toBe(base);
      expect(backoffDelay(retry, () => 0.999999)).toBeGreaterThan(base * 0.75);
    }
  });

  it("reads Retry-After forms and refuses what is negative, unreadable or over 60 s", () => {
    const now = Date.parse("2026-11-21T10:00:00Z");
    const at = (headers: Record<string, string>) => retryAfterDelay(new Headers(headers), now);
    expect(at({ "retry-after": "2" })).toBe(2000);
    expect(at({ "retry-after": "0.5" })).toBe(500);
    expect(at({ "retry-after": "Sat, 21 Nov 2026 10:00:10 GMT" })).toBe(10_000);
    expect(at({ "retry-after-ms": "250" })).toBe(250);
    expect(at({ "retry-after": "61" })).toBeUndefined();
    expect(at({ "retry-after": "-1" })).toBeUndefined();
    expect(at({ "retry-after": "soon" })).toBeUndefined();
    expect(at({})).toBeUndefined();
  });
});

describe("connection errors say what happened", () => {
  const refused = () =>
    new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }),
    });

  it("names the method, the URL and the cause's code", async () => {
    const error = await client(scripted(refused()).fetch, { maxRetries: 0 })
      .getCheckout({ path: { company_id: "cmp_1", id: "pro_1" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toBe(
      `Connection error: GET ${BASE}/companies/cmp_1/checkout/pro_1 got no answer (ECONNREFUSED).`,
    );
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("finds a code in an AggregateError, or else gives the chain of messages", async () => {
    const aggregate = new TypeError("fetch failed", {
      cause: new AggregateError([Object.assign(new Error("getaddrinfo"), { code: "ENOTFOUND" })]),
    });
    const plain = new TypeError("Failed to fetch");
    const chained = new TypeError("fetch failed", { cause: new Error("bad port") });
    const messages = [];
    for (const cause of [aggregate, plain, chained]) {
      const error = await client(scripted(cause).fetch, { maxRetries: 0 })
        .POST("/checkout-sessions", { body })
        .catch((e: Error) => e);
      messages.push((error as Error).message);
    }
    expect(messages).toEqual([
      `Connection error: POST ${BASE}/checkout-sessions got no answer (ENOTFOUND).`,
      `Connection error: POST ${BASE}/checkout-sessions got no answer (TypeError: Failed to fetch).`,
      `Connection error: POST ${BASE}/checkout-sessions got no answer (TypeError: fetch failed: bad port).`,
    ]);
  });

  it("says when the answer's body was cut off", async () => {
    const broken = new Response(
      new ReadableStream({
        start: (c) => c.error(Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" })),
      }),
      {
        status: 200,
      },
    );
    const error = await client(scripted(broken).fetch, { maxRetries: 0 })
      .createCheckoutSession({ body })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `Connection error: POST ${BASE}/checkout-sessions lost its answer's body (UND_ERR_SOCKET).`,
    );
  });

  it("shows no query values of the URL", async () => {
    const billing = createBillingClient({
      token: TOKEN,
      baseUrl: BASE,
      fetch: scripted(refused()).fetch,
      maxRetries: 0,
    });
    const query = { api_key: "q_secret_77", limit: "5" } as never;
    const error = await billing
      .GET("/companies/{company_id}/checkout/{id}", { params: { path: { company_id: "cmp_1", id: "pro_1" }, query } })
      .catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `Connection error: GET ${BASE}/companies/cmp_1/checkout/pro_1?api_key=…&limit=… got no answer (ECONNREFUSED).`,
    );
  });
});

describe("errors of two copies of the package (ESM and CommonJS)", () => {
  it("are instances of both copies' classes", async () => {
    // The package as `import` and as `require` load it: the built dist/esm and dist/cjs.
    const esm = (await import("../dist/esm/index.js")) as typeof import("../src/index.ts");
    const cjs = createRequire(import.meta.url)("../dist/cjs/index.js") as typeof import("../src/index.ts");
    expect(cjs.APIError).not.toBe(esm.APIError);
    for (const [from, to] of [
      [esm, cjs],
      [cjs, esm],
    ] as const) {
      const error = from.APIError.fromResponse(422, { code: "UNPROCESSABLE_ENTITY" }, new Headers());
      expect(error).toBeInstanceOf(to.APIError);
      expect(error).toBeInstanceOf(to.UnprocessableEntityError);
      expect(error).not.toBeInstanceOf(to.NotFoundError);
      expect(error).not.toBeInstanceOf(to.APIConnectionError);
      const timeout = new from.APITimeoutError(5);
      expect([
        timeout instanceof to.APITimeoutError,
        timeout instanceof to.APIConnectionError,
        timeout instanceof to.APIUserAbortError,
      ]).toEqual([true, true, false]);
    }
  });

  it("leave plain values and a user's own subclass alone", () => {
    class MyError extends APIError {}
    expect(APIError.fromResponse(500, {}, new Headers())).not.toBeInstanceOf(MyError);
    expect(new MyError("x")).toBeInstanceOf(APIError);
    for (const value of [null, undefined, 1, "APIError", {}, new Error("x")]) {
      expect(value instanceof APIError).toBe(false);
    }
  });
});

describe("the token stays secret", () => {
  it("appears in no error's message, toString, JSON or inspection", async () => {
    const errors: unknown[] = [];
    for (const answer of [
      apiError(401, "UNAUTHORIZED"),
      apiError(422, "UNPROCESSABLE_ENTITY"),
      new TypeError("fetch failed"),
    ]) {
      const { fetch } = scripted(answer);
      errors.push(
        await client(fetch, { maxRetries: 0 })
          .createCheckoutSession({ body })
          .catch((e: unknown) => e),
      );
    }
    errors.push(
      await client(scripted("hang").fetch, { maxRetries: 0, timeoutMs: 5 })
        .createCheckoutSession({ body })
        .catch((e: unknown) => e),
    );
    for (const error of errors) {
      expect(error).toBeInstanceOf(APIError);
      for (const text of [
        (error as Error).message,
        String(error),
        JSON.stringify(error),
        inspect(error, { depth: 10, showHidden: true }),
      ]) {
        expect(text).not.toContain(TOKEN);
      }
    }
  });

  it("appears in no inspection or serialization of the client or of the request handed to fetch", async () => {
    const { requests, fetch } = scripted(json(200, session));
    const billing = client(fetch);
    await billing.createCheckoutSession({ body });
    const request = requests[0]!;
    expect(request.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    for (const text of [
      inspect(request, { depth: 10 }),
      JSON.stringify(request),
      String(request),
      inspect(billing, { depth: 10 }),
      JSON.stringify(billing),
    ]) {
      expect(text).not.toContain(TOKEN);
    }
  });
});

describe("answers that are not what they claim", () => {
  it.each(['{"session": {', "<html>oops</html>"])(
    "turns a success body that is not JSON (%s) into an APIError with its status",
    async (raw) => {
      const answer = () =>
        new Response(raw, { status: 200, headers: { "content-type": "application/json", "x-request-id": "req_bad" } });
      for (const call of [
        (fetch: Fetch) => client(fetch).createCheckoutSession({ body }),
        (fetch: Fetch) => client(fetch).POST("/checkout-sessions", { body }),
      ]) {
        const error = await call(scripted(answer()).fetch).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(APIError);
        expect(error).toMatchObject({
          status: 200,
          requestId: "req_bad",
          body: undefined,
          rawBody: raw,
          message: "200: the answer's body is not valid JSON.",
        });
      }
    },
  );
});

describe("operation functions on a transport, per-call headers and the answer of a success", () => {
  const input = { path: { company_id: "cmp_1", id: "pro_1" } };
  const proposal = { id: "pro_1", status: "DRAFT" };

  it("sends the same request as the client's method, without openapi-fetch", async () => {
    const viaFunction = scripted(json(200, session));
    const viaMethod = scripted(json(200, session));
    const transport = createTransport({ token: TOKEN, baseUrl: BASE, fetch: viaFunction.fetch });
    expect(await createCheckoutSession(transport, { body }, { idempotencyKey: "k-1" })).toEqual(session);
    expect(await client(viaMethod.fetch).createCheckoutSession({ body }, { idempotencyKey: "k-1" })).toEqual(session);
    const [a, b] = [viaFunction.requests[0]!, viaMethod.requests[0]!];
    expect([a.method, a.url, await a.text()]).toEqual([b.method, b.url, await b.text()]);
    for (const name of ["authorization", "content-type", "idempotency-key"]) {
      expect(a.headers.get(name)).toBe(b.headers.get(name));
    }
    expect(inspect(transport, { depth: 10 })).not.toContain(TOKEN);
  });

  it("encodes path parameters and refuses a missing one, naming it, before sending anything", async () => {
    const { requests, fetch } = scripted(json(200, proposal));
    const transport = createTransport({ token: TOKEN, baseUrl: `${BASE}/`, fetch });
    await getCheckout(transport, { path: { company_id: "cmp 1/2", id: "pro_1" } });
    expect(requests[0]!.url).toBe(`${BASE}/companies/cmp%201%2F2/checkout/pro_1`);
    await expect(getCheckout(transport, { path: { company_id: "cmp_1" } } as never)).rejects.toThrow(
      new TypeError("getCheckout: the path parameter `id` is required, got undefined."),
    );
    expect(requests).toHaveLength(1);
  });

  it("serializes a query as openapi-fetch does: arrays exploded, objects as deepObject, undefined left out", async () => {
    const { requests, fetch } = scripted(json(200, {}));
    const listThings = operation("getCheckout", "GET", "/things/{id}");
    await listThings(createTransport({ token: TOKEN, baseUrl: BASE, fetch }), {
      path: { id: "t 1" },
      query: { tag: ["a", "b&c"], page: { size: 5 }, q: undefined },
    } as never);
    expect(requests[0]!.url).toBe(`${BASE}/things/t%201?tag=a&tag=b%26c&page%5Bsize%5D=5`);
  });

  it("answers the data with its status, headers and request id when asked", async () => {
    const { fetch } = scripted(json(200, proposal, { "x-request-id": "req_42" }));
    const answer = await client(fetch).getCheckout(input, { withResponse: true });
    expect(answer).toMatchObject({ data: proposal, status: 200, requestId: "req_42" });
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.response.bodyUsed).toBe(true);
  });

  it("sends a call's own headers over the client's, and refuses one that would replace the token", async () => {
    const { requests, fetch } = scripted(json(200, proposal));
    const billing = client(fetch);
    await billing.getCheckout(input, { headers: { Prefer: "code=200" } });
    expect(requests[0]!.headers.get("prefer")).toBe("code=200");
    expect(requests[0]!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    const refused = await billing
      .getCheckout(input, { headers: { authorization: "Bearer other_secret" } })
      .catch((e: Error) => e);
    expect(refused).toBeInstanceOf(TypeError);
    expect((refused as Error).message).toMatch(/^Request option `headers` must not set Authorization/);
    expect((refused as Error).message).not.toContain("other_secret");
    await expect(billing.getCheckout(input, { headers: { Prefer: 429 } } as never)).rejects.toThrow(
      /`headers` must hold strings \(Prefer is not one\)/,
    );
    expect(requests).toHaveLength(1);
  });

  it("goes through openapi-fetch's middleware once some is registered with use(), and stops after eject()", async () => {
    const { requests, fetch } = scripted(json(200, proposal));
    const billing = client(fetch);
    const seen: string[] = [];
    const middleware = {
      onRequest: ({ request }: { request: Request }) =>
        void seen.push(`${request.method} ${new URL(request.url).pathname}`),
    };
    billing.use(middleware);
    await billing.getCheckout(input, { headers: { Prefer: "code=200" } });
    billing.eject(middleware);
    await billing.getCheckout(input);
    expect(seen).toEqual(["GET /api/v1/companies/cmp_1/checkout/pro_1"]);
    expect(requests.map((r) => r.headers.get("prefer"))).toEqual(["code=200", null]);
  });

  it("throws error classes that tell statuses apart, with the API's body", async () => {
    const { fetch } = scripted(apiError(429, "TOO_MANY_REQUESTS"));
    const error = await getCheckout(
      createTransport({ token: TOKEN, baseUrl: BASE, fetch, maxRetries: 0 }),
      input,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).not.toBeInstanceOf(UnprocessableEntityError);
    expect(error).toMatchObject({
      name: "RateLimitError",
      status: 429,
      code: "TOO_MANY_REQUESTS",
      body: { code: "TOO_MANY_REQUESTS" },
      requestId: "req_429",
    });
  });
});
