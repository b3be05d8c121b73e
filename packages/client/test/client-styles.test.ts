// The client's options and its three call styles (path style on openapi-fetch, operation
// style, operation functions on a transport), with an injected `fetch`.
import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  createBillingClient,
  createCheckoutSession,
  createTransport,
  DEFAULT_BASE_URL,
  getCheckout,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  UnsupportedMediaTypeError,
} from "../src/index.ts";
import { operation } from "../src/operation.ts";
import { restoreClock } from "./clock.ts";
import { apiError, BASE, body, client, json, scripted, session, TOKEN, UUID_V4 } from "./scripted-fetch.ts";

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
