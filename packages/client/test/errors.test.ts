// The errors the client throws, with an injected `fetch`: connection errors, errors
// across two copies of the package, answers that are not what they claim, and a
// token that never appears in any of them.
import { createRequire } from "node:module";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { APIConnectionError, APIError, createBillingClient, type Fetch } from "../src/index.ts";
import { restoreClock } from "./clock.ts";
import { apiError, BASE, body, client, json, scripted, session, TOKEN } from "./scripted-fetch.ts";

// Every test: real timers and mocks back, and no fake timer left armed.
afterEach(restoreClock);

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
  // Loading both builds (and openapi-fetch twice, as ESM and as CommonJS) is the test's work:
  // about 0.2 s on an idle machine, and beyond vitest's default 5 s beside stress-ng --cpu 8 and
  // other suites. The limit only catches a load that never ends.
  it("are instances of both copies' classes", { timeout: 60_000 }, async () => {
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
