// The checks server mode makes of each answer, on answers built by hand: the
// cases no seeded drift of the fixture covers (an undocumented header, which is
// a note only, a 501 that Prism's proxy would replace with a mocked answer, a
// request Prism refuses, a malformed or absent documented header, a field named
// in other words).
import { describe, expect, it } from "vitest";
import { answerChecks, type Expectation, undocumentedHeaders } from "../src/server-mode/answer-checks.ts";
import type { Exchange } from "../src/server-mode/proxy.ts";
import { operations } from "../src/spec.ts";

const createCheckout = operations.find((o) => o.id === "createCheckout")!;
const success: Expectation = { statuses: [200], validRequest: true };
const answer = (overrides: Partial<Exchange> = {}): Exchange => ({
  status: 200,
  headers: {
    "content-type": "application/json",
    date: "Sun, 29 Nov 2026 02:00:00 GMT",
    "x-request-id": "req_4Fq9Lm2Tx7Vb3Nc8Wd1Hk6",
  },
  body: { id: "pro_9Tx4KbW7mLq2", url: "https://checkout.example.com/pro_9Tx4KbW7mLq2" },
  requestViolations: [],
  answerViolations: [],
  upstream501: false,
  ...overrides,
});
const rules = (exchange: Exchange, expectation = success) =>
  answerChecks(createCheckout, exchange, expectation).map((p) => `${p.rule} ${p.path}`.trim());

describe("answer checks", () => {
  it("a documented answer with HTTP's own headers has no problem", () => {
    expect(
      rules(
        answer({ headers: { ...answer().headers, "cache-control": "no-store", "access-control-allow-origin": "*" } }),
      ),
    ).toEqual([]);
  });

  it("an undocumented header is a note, never a problem; --allow-header leaves it out", () => {
    const debug = answer({ headers: { ...answer().headers, "x-debug-sql": "select 1" } });
    expect(rules(debug)).toEqual([]);
    expect(undocumentedHeaders(createCheckout, debug).map((n) => `${n.rule} ${n.path}`)).toEqual([
      "undocumented-header header x-debug-sql",
    ]);
    expect(
      undocumentedHeaders(createCheckout, answer({ headers: { ...answer().headers, "cache-control": "no-store" } })),
    ).toEqual([]);
    const platform = answer({ headers: { ...answer().headers, "x-powered-by": "Express" } });
    expect(undocumentedHeaders(createCheckout, platform, { allowHeaders: ["X-Powered-By"] })).toEqual([]);
  });

  it("a documented header must be valid when sent, and there when the response requires it", () => {
    expect(rules(answer({ headers: { ...answer().headers, "x-request-id": "r".repeat(200) } }))).toEqual([
      "header header x-request-id",
    ]);
    // X-Request-Id is documented on every answer but not `required: true`: OpenAPI makes it optional.
    const { "x-request-id": _, ...withoutId } = answer().headers;
    expect(rules(answer({ headers: withoutId }))).toEqual([]);
    // The 429 requires Retry-After (`required: true`), an integer.
    const tooMany = { statuses: [429], validRequest: true };
    const limited = (headers: Record<string, string>) =>
      answer({
        status: 429,
        headers: { ...answer().headers, ...headers },
        body: { code: "TOO_MANY_REQUESTS", message: "" },
      });
    expect(rules(limited({}), tooMany)).toEqual(["header header retry-after"]);
    expect(rules(limited({ "retry-after": "" }), tooMany)).toEqual(["header header retry-after"]);
    expect(rules(limited({ "retry-after": "3" }), tooMany)).toEqual([]);
  });

  it("a 501 that Prism's proxy would mock, a request Prism refuses, an answer Prism refuses", () => {
    expect(rules(answer({ upstream501: true }))).toEqual(["upstream-501"]);
    expect(rules(answer({ requestViolations: [{ path: "body.customer_id", message: "must match pattern" }] }))).toEqual(
      ["prism-request body.customer_id"],
    );
    // A deliberately invalid request is not the suite's mistake.
    expect(
      rules(
        answer({
          status: 422,
          body: {
            code: "UNPROCESSABLE_ENTITY",
            message: "x",
            details: [{ field: "customer_id", message: "is required" }],
          },
          requestViolations: [{ path: "body", message: "x" }],
        }),
        { statuses: [422], validRequest: false, names: { at: ["request", "body"], missing: "customer_id" } },
      ),
    ).toEqual([]);
    expect(rules(answer({ answerViolations: [{ path: "body.url", message: "must be string" }] }))).toEqual([
      "prism-answer body.url",
    ]);
  });

  it("a status the operation does not document, and a documented one the case did not expect", () => {
    expect(rules(answer({ status: 203 }))).toEqual(["undocumented-status"]);
    expect(rules(answer({ status: 409, body: { code: "CONFLICT", message: "Key reused." } }))).toEqual(["status"]);
  });

  it("a 422 whose details do not name the broken field", () => {
    const expectation: Expectation = {
      statuses: [422],
      validRequest: false,
      names: { at: ["request", "body", "config_items", "0", "num_licenses"] },
    };
    const body = {
      code: "UNPROCESSABLE_ENTITY",
      message: "1 field is invalid.",
      details: [{ field: "config_items[0]", message: "is invalid" }],
    };
    expect(rules(answer({ status: 422, body }), expectation)).toEqual(["details /details"]);
    const named = { ...body, details: [{ field: "config_items[0].num_licenses", message: "must be integer" }] };
    expect(rules(answer({ status: 422, body: named }), expectation)).toEqual([]);
  });

  const refusal = (details: Array<{ field: string; message: string }>) =>
    answer({ status: 422, body: { code: "UNPROCESSABLE_ENTITY", message: "", details } });

  it("a 422 naming a missing field at itself, in any words; not one naming only its parent", () => {
    const expectation: Expectation = {
      statuses: [422],
      validRequest: false,
      names: { at: ["request", "body"], missing: "customer_id" },
    };
    for (const message of ["is required", "missing: customer_id", "", "Pflichtfeld fehlt"]) {
      expect(rules(refusal([{ field: "customer_id", message }]), expectation), message).toEqual([]);
    }
    expect(
      rules(refusal([{ field: "body", message: "must have required property 'customer_id'" }]), expectation),
    ).toEqual(["details /details"]);
  });

  it("a 422 naming a header as header.<name>, its name in any case (HTTP's header names are case-insensitive)", () => {
    const expectation: Expectation = {
      statuses: [422],
      validRequest: false,
      names: { at: ["request", "header", "idempotency-key"] },
    };
    for (const field of ["header.idempotency-key", "header.Idempotency-Key"]) {
      expect(rules(refusal([{ field, message: "" }]), expectation), field).toEqual([]);
    }
    for (const field of ["idempotency-key", "Idempotency-Key", "Header.idempotency-key", "body"]) {
      expect(rules(refusal([{ field, message: "" }]), expectation), field).toEqual(["details /details"]);
    }
  });
});
