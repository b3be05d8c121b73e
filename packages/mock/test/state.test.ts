// The mock as the API's twin, in-process (createMockFetch: the same handler the
// server runs): what a create makes reads back, per token; an id it never made
// is a 404 naming it; an Idempotency-Key replays its first answer byte for byte
// and refuses another body; tokens are --token's, or the test form; `Prefer`
// keeps selecting documented answers; and what it keeps is bounded.
import { beforeAll, describe, expect, it } from "vitest";
import { createMockFetch, type MockFetch } from "../src/index.ts";
import { createState } from "../src/state.ts";

const COMPANY = "cmp_Zq3Vt8Lm2";
const CHECKOUTS = `http://billing.test/companies/${COMPANY}/checkout`;
const CHECKOUT = {
  customer_id: "cus_Twin4242",
  type: "CHECKOUT_SESSION",
  term: { count: 2, frequency: "MONTH" },
  metadata: { crm: "opp-7" },
  config_items: [{ product_pricing_id: "ppr_Twin1", num_licenses: 3 }],
};
const SESSION = { customer_id: "cus_3XbQ9mLk2Vt8RnY5Pw1Hd4", plan_version_id: "plv_7n42DGM5Tflk9n8mt7Fhc7" };

let mockFetch: MockFetch;
// Reading the spec costs about 2 s of CPU; on a machine 4× oversubscribed that is minutes.
const READ_SPEC_MS = 300_000;
// A backstop per test: the first requests compile Prism's validators (9.5 s of one test's wall
// time on a busy machine, past vitest's 5 s default).
const CASE_MS = 120_000;

beforeAll(async () => {
  mockFetch = createMockFetch();
  await mockFetch.ready;
}, READ_SPEC_MS);

const headers = (token = "test_twin", more: Record<string, string> = {}) => ({
  authorization: `Bearer ${token}`,
  "content-type": "application/json",
  ...more,
});
const create = (body: unknown = CHECKOUT, more: Record<string, string> = {}, token?: string) =>
  mockFetch(CHECKOUTS, { method: "POST", headers: headers(token, more), body: JSON.stringify(body) });
const read = (id: string, token?: string, more: Record<string, string> = {}, company = COMPANY) =>
  mockFetch(`http://billing.test/companies/${company}/checkout/${encodeURIComponent(id)}`, {
    headers: headers(token, more),
  });

describe("what a create makes", { timeout: CASE_MS }, () => {
  it("gets a fresh id of the documented form, and reads back with it and what the request said", async () => {
    const created = await create();
    expect(created.status).toBe(200);
    const { id, url } = (await created.json()) as { id: string; url: string };
    expect(id).toMatch(/^pro_[0-9A-Za-z]{12}$/);
    expect(id).not.toBe("pro_9Tx4KbW7mLq2");
    expect(url).toContain(id); // the example's URL, with the new id in it
    const answer = await read(id);
    expect(answer.status).toBe(200);
    const proposal = (await answer.json()) as Record<string, unknown>;
    expect(proposal).toMatchObject({
      id,
      company_id: COMPANY,
      customer_id: CHECKOUT.customer_id,
      term: CHECKOUT.term,
      metadata: CHECKOUT.metadata,
    });
    expect(proposal.config_items).toEqual(CHECKOUT.config_items);
    // The documented example's copies of the customer's id follow the request's.
    expect((proposal.customer as { id: string }).id).toBe(CHECKOUT.customer_id);
    expect(JSON.stringify(proposal)).not.toContain("cus_8Zp2LcV6nTx4");
  });

  it("mints two ids for two creates, each read back as its own", async () => {
    const first = (await (await create()).json()) as { id: string };
    const second = (await (await create({ ...CHECKOUT, customer_id: "cus_Other9" })).json()) as { id: string };
    expect(second.id).not.toBe(first.id);
    expect(((await (await read(first.id)).json()) as { customer_id: string }).customer_id).toBe(CHECKOUT.customer_id);
    expect(((await (await read(second.id)).json()) as { customer_id: string }).customer_id).toBe("cus_Other9");
  });

  it("gives each resource of an answer without a top id its own (a session)", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const answer = await mockFetch("http://billing.test/checkout-sessions", {
        method: "POST",
        headers: headers(),
        body: JSON.stringify(SESSION),
      });
      const { session } = (await answer.json()) as { session: { id: string; checkout_url: string } };
      expect(session.id).toMatch(/^che_[0-9A-Za-z]+$/);
      expect(session.checkout_url).toContain(session.id);
      ids.add(session.id);
    }
    expect(ids.size).toBe(3);
  });

  it("answers an id it never made with a 404 NOT_FOUND naming it, and the documented example's id with the example", async () => {
    const unknown = await read("pro_NeverMade1");
    expect(unknown.status).toBe(404);
    const body = (await unknown.json()) as { code: string; message: string };
    expect(body.code).toBe("NOT_FOUND");
    expect(body.message).toContain("pro_NeverMade1");
    const documented = await read("pro_9Tx4KbW7mLq2", undefined, {}, "cmp_4Nq7XbT2kLw9RcV3");
    expect(documented.status).toBe(200);
    expect(((await documented.json()) as { id: string }).id).toBe("pro_9Tx4KbW7mLq2");
  });

  it("keeps a malformed id a 422 naming the path parameter", async () => {
    const answer = await read("not an id!");
    expect(answer.status).toBe(422);
    expect(JSON.stringify(await answer.json())).toContain("path.id");
  });

  it("is the token's: another token, or another company, does not see it", async () => {
    const { id } = (await (await create()).json()) as { id: string };
    expect((await read(id, "test_someone_else")).status).toBe(404);
    expect((await read(id, undefined, {}, "cmp_Another1")).status).toBe(404);
    expect((await read(id)).status).toBe(200);
  });
});

describe("Idempotency-Key", { timeout: CASE_MS }, () => {
  it("replays the first answer byte for byte for the same key and body, and refuses another body with 409 CONFLICT", async () => {
    const key = { "idempotency-key": "twin-key-1" };
    const first = await create(CHECKOUT, key);
    const firstText = await first.text();
    const again = await create(CHECKOUT, key);
    expect(again.status).toBe(first.status);
    expect(await again.text()).toBe(firstText);
    // The same body with its members in another order is the same body.
    const reordered = Object.fromEntries(Object.entries(CHECKOUT).reverse());
    expect(await (await create(reordered, key)).text()).toBe(firstText);
    const other = await create({ ...CHECKOUT, trial: true }, key);
    expect(other.status).toBe(409);
    expect(((await other.json()) as { code: string }).code).toBe("CONFLICT");
  });

  it("is scoped per token and per operation", async () => {
    const key = { "idempotency-key": "twin-key-2" };
    const mine = (await (await create(CHECKOUT, key)).json()) as { id: string };
    const theirs = (await (await create(CHECKOUT, key, "test_other_tenant")).json()) as { id: string };
    expect(theirs.id).not.toBe(mine.id);
    const session = await mockFetch("http://billing.test/checkout-sessions", {
      method: "POST",
      headers: headers(undefined, key),
      body: JSON.stringify(SESSION),
    });
    expect(session.status).toBe(200);
  });

  it("keeps an empty key a 422 naming the header, and lets a refused request's key be used again", async () => {
    const empty = await create(CHECKOUT, { "idempotency-key": "" });
    expect(empty.status).toBe(422);
    expect(JSON.stringify(await empty.json())).toContain("header.idempotency-key");
    const key = { "idempotency-key": "twin-key-3" };
    expect((await create({ customer_id: 42 }, key)).status).toBe(422);
    expect((await create(CHECKOUT, key)).status).toBe(200);
  });
});

describe("tokens", { timeout: CASE_MS }, () => {
  it(
    "takes only the tokens it was given, each a tenant of its own",
    async () => {
      const given = createMockFetch({ tokens: ["ci-token-1", "ci-token-2"] });
      const ask = (token: string) =>
        given(CHECKOUTS, { method: "POST", headers: headers(token), body: JSON.stringify(CHECKOUT) });
      expect((await ask("ci-token-1")).status).toBe(200);
      expect((await ask("ci-token-2")).status).toBe(200);
      const refused = await ask("test_not_given");
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { code: string }).code).toBe("UNAUTHORIZED");
    },
    READ_SPEC_MS,
  );

  it("takes a token of the test form when it was given none, and refuses others with 401", async () => {
    expect((await create(CHECKOUT, {}, "test")).status).toBe(200);
    const refused = await create(CHECKOUT, {}, "sk_live_123");
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { message: string }).message).not.toContain("sk_live_123");
  });
});

describe("Prefer", { timeout: CASE_MS }, () => {
  it("selects a documented answer as written, outside the state", async () => {
    const answer = await create(CHECKOUT, { prefer: "code=200, example=opened" });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { id: string }).id).toBe("pro_9Tx4KbW7mLq2");
  });

  it("answers code=404 naming the id asked for", async () => {
    const answer = await read("pro_AskedFor7", undefined, { prefer: "code=404" });
    expect(answer.status).toBe(404);
    expect(((await answer.json()) as { message: string }).message).toContain("pro_AskedFor7");
  });

  it("gives a generated error body the code its status documents", async () => {
    for (const status of [404, 409, 422, 429]) {
      const answer = await create(CHECKOUT, { prefer: `code=${status}, dynamic=true, seed=twin-${status}` });
      expect(answer.status).toBe(status);
      const expected = { 404: "NOT_FOUND", 409: "CONFLICT", 422: "UNPROCESSABLE_ENTITY", 429: "TOO_MANY_REQUESTS" }[
        status
      ];
      expect(((await answer.json()) as { code: string }).code).toBe(expected);
    }
  });
});

describe("bounds", { timeout: CASE_MS }, () => {
  it("keeps at most its limits, dropping the oldest first", () => {
    const state = createState({ resources: 100, idempotencyKeys: 100, stateBytes: 1_000_000 });
    const fields = { customer_id: "cus_Bound1", metadata: { note: "x".repeat(200) } };
    for (let i = 0; i < 100_000; i++) {
      state.keepResource("test", "/companies/cmp_1/checkout", `pro_${i}`, fields);
    }
    expect(state.size().resources).toBe(100);
    expect(state.resource("test", "/companies/cmp_1/checkout", "pro_0")).toBeUndefined();
    expect(state.resource("test", "/companies/cmp_1/checkout", "pro_99999")).toBeDefined();
  });

  it("holds its byte budget across resources and keys together", async () => {
    const state = createState({ resources: 1_000, idempotencyKeys: 1_000, stateBytes: 50_000 });
    const fields = { note: "y".repeat(1_000) };
    for (let i = 0; i < 500; i++) {
      state.keepResource("test", "/c", `r${i}`, fields);
    }
    for (let i = 0; i < 500; i++) {
      await state.idempotent("test", "op", `k${i}`, async () => {
        const answer = { status: 200, headers: {}, payload: "z".repeat(1_000) };
        return { answer, keep: { body: "{}", answer } };
      });
    }
    expect(state.size().bytes).toBeLessThanOrEqual(50_000);
    expect(state.size().resources + state.size().idempotencyKeys).toBeGreaterThan(0);
  });
});
