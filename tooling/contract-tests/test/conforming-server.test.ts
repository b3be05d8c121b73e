// The conforming server (test/fixtures/conforming-server) keeps the contract,
// and each of its seeded drifts breaks it in the one way it says. Every request
// example of the spec gets the documented success status with a body valid
// against the response schema read strictly (every object closed to what it
// documents); the refusals (401, 415, 400, 413, 422, 404, 409) are ErrorBody;
// header parameters are validated like body fields; idempotent retries are
// replayed. Servers are started per describe and closed after it; nothing here
// depends on timing or on today's date.
import { examplePath, type Operation } from "@billing-api/openapi/reader";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headerParameters, reader } from "../src/spec.ts";
import { schemaCompiler } from "../src/validator.ts";
import { DRIFTS, type Drift, type RunningServer, startConformingServer } from "./fixtures/conforming-server/index.ts";

const TOKEN = "conforming-test-token";
const strict = schemaCompiler({ closed: true });
const published = schemaCompiler();

const operation = (id: string): Operation => {
  const found = reader.operations.find((o) => o.id === id);
  if (!found) {
    throw new Error(`no operation ${id}`);
  }
  return found;
};
const ERROR_BODY = { $ref: "#/components/schemas/ErrorBody" };

/** The operation's path with its parameters filled in (the documented examples, unless given). */
function pathOf(op: Operation, params: Record<string, string> = {}): string {
  const values = { ...examplePath(op), ...params };
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name]!));
}

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

async function call(
  server: RunningServer,
  op: Operation,
  {
    body,
    path,
    headers = {},
    token = TOKEN,
    raw,
  }: {
    body?: unknown;
    path?: Record<string, string>;
    headers?: Record<string, string>;
    token?: string | null;
    raw?: string;
  } = {},
): Promise<Reply> {
  const sent: Record<string, string> = { ...headers };
  if (token !== null) {
    sent.authorization = `Bearer ${token}`;
  }
  let payload: string | undefined;
  if (raw !== undefined) {
    payload = raw;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
  }
  if (payload !== undefined && !Object.keys(sent).some((h) => h.toLowerCase() === "content-type")) {
    sent["content-type"] = "application/json";
  }
  const response = await fetch(`${server.url}${pathOf(op, path)}`, {
    method: op.method.toUpperCase(),
    headers: sent,
    body: payload,
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

const errorsOf = (validate: ReturnType<typeof strict>, value: unknown) =>
  validate(value)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message} ${JSON.stringify(e.params)}`);

/** Every answer: JSON, and an X-Request-Id valid against the spec's header schema. */
function expectEnvelope(reply: Reply) {
  expect(reply.headers.get("content-type")).toMatch(/^application\/json/);
  const requestId = reply.headers.get("x-request-id");
  expect(requestId).not.toBeNull();
  const header = operation("createCheckout").success.headers["x-request-id"];
  expect(errorsOf(published(header), requestId)).toEqual([]);
}

/** A documented success of `op`, its body valid against the response schema read strictly. */
function expectSuccess(op: Operation, reply: Reply) {
  expect(reply.status, reply.text).toBe(op.success.status);
  expectEnvelope(reply);
  expect(errorsOf(strict(op.success.schema), reply.body)).toEqual([]);
}

/** An error answer: the status, the code, an ErrorBody read strictly. */
function expectError(reply: Reply, status: number, code: string) {
  expect(reply.status, reply.text).toBe(status);
  expectEnvelope(reply);
  expect(reply.body.code).toBe(code);
  expect(errorsOf(strict(ERROR_BODY), reply.body)).toEqual([]);
}

const createCheckout = operation("createCheckout");
const getCheckout = operation("getCheckout");
const createOneTimeCharges = operation("createOneTimeCharges");
const createCheckoutSession = operation("createCheckoutSession");
const [minimalCheckout, fullCheckout] = Object.values(createCheckout.requestBody!.examples) as [
  Record<string, any>,
  Record<string, any>,
];
const clone = <T>(value: T): T => structuredClone(value);

describe("the conforming server", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startConformingServer({ token: TOKEN });
  });
  afterAll(() => server.close());

  it("listens on 127.0.0.1, on a port of its own", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  const examples = reader.operations.flatMap((op) =>
    Object.entries(op.requestBody?.examples ?? {}).map(([name, example]) => ({ op, name, example })),
  );
  it("has request examples to send", () => expect(examples.length).toBeGreaterThanOrEqual(7));

  it.each(examples.map((e) => [`${e.op.id} ${e.name}`, e] as const))(
    "answers the request example %s with the documented success",
    async (_, { op, example }) => {
      expectSuccess(op, await call(server, op, { body: example }));
    },
  );

  it.each(createCheckout.requestBody ? Object.entries(createCheckout.requestBody.examples) : [])(
    "stores the checkout of example %s: getCheckout answers its proposal",
    async (_, example) => {
      const created = await call(server, createCheckout, { body: example });
      expectSuccess(createCheckout, created);
      const read = await call(server, getCheckout, { path: { id: created.body.id } });
      expectSuccess(getCheckout, read);
      expect(read.body.id).toBe(created.body.id);
      expect(read.body.customer_id).toBe((example as { customer_id: string }).customer_id);
    },
  );

  it("echoes open request shapes (config items, one-time items) with their documented fields only", async () => {
    const body = {
      ...minimalCheckout,
      config_items: [{ num_licenses: 2, seats_note: "extra" }],
      onetime_items: [{ aggregate: 1, junk: true }],
    };
    const created = await call(server, createCheckout, { body });
    expectSuccess(createCheckout, created);
    expectSuccess(getCheckout, await call(server, getCheckout, { path: { id: created.body.id } }));
  });

  it("answers getCheckout of an unknown checkout with 404", async () => {
    expectError(await call(server, getCheckout, { path: { id: "pro_doesNotExist0" } }), 404, "NOT_FOUND");
  });

  it("keeps each company's checkouts to itself (404 under another company)", async () => {
    const created = await call(server, createCheckout, { body: minimalCheckout });
    expectError(
      await call(server, getCheckout, { path: { company_id: "cmp_another1", id: created.body.id } }),
      404,
      "NOT_FOUND",
    );
  });

  describe.each(reader.operations.map((op) => [op.id, op] as const))("%s refuses", (_, op) => {
    const example = Object.values(op.requestBody?.examples ?? {})[0];
    it("a request without a token with 401", async () => {
      expectError(await call(server, op, { body: example, token: null }), 401, "UNAUTHORIZED");
    });
    it("a request with another token with 401", async () => {
      expectError(await call(server, op, { body: example, token: "not-the-token" }), 401, "UNAUTHORIZED");
    });
    it("a malformed company_id with 422 naming path.company_id", async () => {
      if (!op.path.includes("{company_id}")) {
        return;
      }
      const reply = await call(server, op, { body: example, path: { company_id: "company-1" } });
      expectError(reply, 422, "UNPROCESSABLE_ENTITY");
      expect(reply.body.details.map((d: { field: string }) => d.field)).toContain("path.company_id");
    });
    if (op.requestBody) {
      it("a body sent as text/plain with 415", async () => {
        expectError(
          await call(server, op, { raw: JSON.stringify(example), headers: { "content-type": "text/plain" } }),
          415,
          "UNSUPPORTED_MEDIA_TYPE",
        );
      });
      it("a body that is not JSON with 400", async () => {
        expectError(await call(server, op, { raw: JSON.stringify(example).slice(0, -1) }), 400, "BAD_REQUEST");
      });
      it("a body over 1 MiB with 413", async () => {
        expectError(
          await call(server, op, { raw: JSON.stringify({ ...(example as object), padding: "x".repeat(1024 * 1024) }) }),
          413,
          "PAYLOAD_TOO_LARGE",
        );
      });
    }
  });

  const headerCases = reader.operations.flatMap((op) =>
    headerParameters(op).map((parameter) => [`${op.id} ${parameter.name}`, { op, parameter }] as const),
  );
  it("has header parameters to check", () => expect(headerCases.length).toBeGreaterThan(0));

  it.each(headerCases)(
    "validates the header parameter %s: empty or over maxLength is a 422 naming header.<lower-case name>",
    async (_, { op, parameter }) => {
      const example = Object.values(op.requestBody?.examples ?? {})[0];
      const { minLength, maxLength } = parameter.schema as { minLength?: number; maxLength?: number };
      const invalid = [
        minLength ? "x".repeat(minLength - 1) : undefined,
        maxLength ? "x".repeat(maxLength + 1) : undefined,
      ].filter((v) => v !== undefined);
      expect(invalid.length).toBeGreaterThan(0);
      for (const value of invalid) {
        const reply = await call(server, op, { body: example, headers: { [parameter.name]: value } });
        expectError(reply, 422, "UNPROCESSABLE_ENTITY");
        expect(reply.body.details.map((d: { field: string }) => d.field)).toEqual([
          `header.${parameter.name.toLowerCase()}`,
        ]);
      }
      expectSuccess(
        op,
        await call(server, op, { body: example, headers: { [parameter.name]: String(parameter.example) } }),
      );
    },
  );

  it("accepts a body of exactly 1 MiB as far as its size goes (422 for the unknown field, not 413)", async () => {
    const head = JSON.stringify({ ...minimalCheckout, padding: "" });
    const raw = head.replace('"padding":""', `"padding":"${"x".repeat(1024 * 1024 - Buffer.byteLength(head))}"`);
    expect(Buffer.byteLength(raw)).toBe(1024 * 1024);
    const reply = await call(server, createCheckout, { raw });
    expectError(reply, 422, "UNPROCESSABLE_ENTITY");
    expect(reply.body.details).toContainEqual({ field: "padding", message: "unknown field" });
  });

  it("names a missing required field at the field itself, in its own words", async () => {
    const { customer_id: _, ...body } = minimalCheckout;
    const reply = await call(server, createCheckout, { body });
    expectError(reply, 422, "UNPROCESSABLE_ENTITY");
    expect(reply.body.details).toContainEqual({ field: "customer_id", message: "missing: this field must be given" });
  });

  it("names a missing required field deep in an array with its indexes", async () => {
    const body = clone(operation("createOneTimeCharges").requestBody!.examples.workshop) as Record<string, any>;
    delete body.onetime_items[0].custom_price.product_id;
    const reply = await call(server, createOneTimeCharges, { body });
    expectError(reply, 422, "UNPROCESSABLE_ENTITY");
    expect(reply.body.details).toContainEqual({
      field: "onetime_items[0].custom_price.product_id",
      message: "missing: this field must be given",
    });
  });

  it("names a wrong type deep in an array, and only that field", async () => {
    const body = clone(fullCheckout);
    body.config_items[0].quantity_config.min_quantity = "ten";
    const reply = await call(server, createCheckout, { body });
    expectError(reply, 422, "UNPROCESSABLE_ENTITY");
    expect(reply.body.details.map((d: { field: string }) => d.field)).toEqual([
      "config_items[0].quantity_config.min_quantity",
    ]);
  });

  it("names a wrong type inside a oneOf branch (deepest first), and a wrong tag at the tag", async () => {
    const body = clone(Object.values(createCheckoutSession.requestBody!.examples)[1]) as Record<string, any>;
    body.add_ons[0].customization.price_entry.pricing.rate = 1200;
    body.payment_methods_config.type = "cheque";
    const reply = await call(server, createCheckoutSession, { body });
    expectError(reply, 422, "UNPROCESSABLE_ENTITY");
    const fields = reply.body.details.map((d: { field: string }) => d.field);
    expect(fields[0]).toBe("add_ons[0].customization.price_entry.pricing.rate");
    expect(fields).toContain("payment_methods_config.type");
    expect(reply.body.details.length).toBeLessThanOrEqual(100);
  });

  it("lists at most 100 details, the deepest first", async () => {
    const body = clone(fullCheckout);
    body.config_items = Array.from({ length: 100 }, () => ({
      num_licenses: "many",
      sort_order: "first",
      quantity_config: { min_quantity: "one" },
    }));
    const reply = await call(server, createCheckout, { body });
    expectError(reply, 422, "UNPROCESSABLE_ENTITY");
    expect(reply.body.details).toHaveLength(100);
    expect(reply.body.details[0].field).toMatch(/^config_items\[\d+\]\.quantity_config\.min_quantity$/);
    expect(reply.body.message).toBe("Invalid request: 300 problems (the first 100 in details).");
  });

  describe("idempotency", () => {
    it("replays the first answer to a retry with the same key and body: status, body and X-Request-Id", async () => {
      const headers = { "idempotency-key": "retry-1" };
      const first = await call(server, createCheckout, { body: fullCheckout, headers });
      const again = await call(server, createCheckout, { body: clone(fullCheckout), headers });
      expectSuccess(createCheckout, again);
      expect([again.status, again.text, again.headers.get("x-request-id")]).toEqual([
        first.status,
        first.text,
        first.headers.get("x-request-id"),
      ]);
    });

    it("answers the same key with a different body with 409", async () => {
      const headers = { "idempotency-key": "retry-2" };
      expectSuccess(
        createOneTimeCharges,
        await call(server, createOneTimeCharges, {
          body: createOneTimeCharges.requestBody!.examples.workshop,
          headers,
        }),
      );
      const changed = { ...(createOneTimeCharges.requestBody!.examples.workshop as object), notes: "another note" };
      expectError(await call(server, createOneTimeCharges, { body: changed, headers }), 409, "CONFLICT");
    });

    it("keeps keys apart per company and per operation", async () => {
      const headers = { "idempotency-key": "retry-3" };
      const first = await call(server, createCheckout, { body: minimalCheckout, headers });
      const otherCompany = await call(server, createCheckout, {
        body: minimalCheckout,
        headers,
        path: { company_id: "cmp_other2" },
      });
      expectSuccess(createCheckout, otherCompany);
      expect(otherCompany.body.id).not.toBe(first.body.id);
      expectSuccess(
        createCheckoutSession,
        await call(server, createCheckoutSession, {
          body: Object.values(createCheckoutSession.requestBody!.examples)[0],
          headers,
        }),
      );
    });

    it("performs every POST sent without a key", async () => {
      const [a, b] = [
        await call(server, createCheckout, { body: minimalCheckout }),
        await call(server, createCheckout, { body: minimalCheckout }),
      ];
      expect(a.body.id).not.toBe(b.body.id);
    });
  });
});

describe.each(DRIFTS.map((drift) => [drift] as const))("the drift %s", (drift: Drift) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startConformingServer({ token: TOKEN, drift });
  });
  afterAll(() => server.close());

  it("shows its drift", async () => {
    switch (drift) {
      case "wrong-type": {
        const reply = await call(server, createCheckout, { body: minimalCheckout });
        expect(typeof reply.body.url).toBe("number");
        break;
      }
      case "missing-required": {
        const reply = await call(server, createCheckout, { body: minimalCheckout });
        expect(errorsOf(strict(createCheckout.success.schema), reply.body)).toEqual([
          '(root) must have required property \'id\' {"missingProperty":"id"}',
        ]);
        break;
      }
      case "undocumented-status": {
        const created = await call(server, createCheckout, { body: minimalCheckout });
        const read = await call(server, getCheckout, { path: { id: created.body.id } });
        expect([read.status, getCheckout.responses.some((r) => r.status === read.status)]).toEqual([203, false]);
        break;
      }
      case "429-without-retry-after": {
        const first = await call(server, getCheckout, { path: { id: "pro_any1" } });
        const second = await call(server, createCheckout, { body: minimalCheckout });
        expect([first.status, first.body.code, first.headers.has("retry-after"), second.status]).toEqual([
          429,
          "TOO_MANY_REQUESTS",
          false,
          200,
        ]);
        break;
      }
      case "undocumented-field": {
        const reply = await call(server, createCheckout, { body: minimalCheckout });
        expect([
          published(createCheckout.success.schema)(reply.body),
          typeof reply.body.internal_note,
          strict(createCheckout.success.schema)(reply.body),
        ]).toEqual([true, "string", false]);
        break;
      }
      case "422-without-details": {
        const { customer_id: _, ...body } = minimalCheckout;
        const reply = await call(server, createCheckout, { body });
        expect([reply.status, "details" in reply.body]).toEqual([422, false]);
        break;
      }
      case "replay-not-replayed": {
        const headers = { "idempotency-key": "drift-1" };
        const first = await call(server, createCheckout, { body: minimalCheckout, headers });
        const again = await call(server, createCheckout, { body: minimalCheckout, headers });
        const changed = await call(server, createCheckout, { body: fullCheckout, headers });
        expect([again.body.id === first.body.id, changed.status]).toEqual([false, 200]);
        break;
      }
      case "headers-not-validated": {
        const reply = await call(server, createCheckout, { body: minimalCheckout, headers: { "idempotency-key": "" } });
        expect(reply.status).toBe(200);
        break;
      }
    }
  });

  it("keeps the rest of the contract: a request example still gets a valid success", async () => {
    if (drift === "429-without-retry-after") {
      await call(server, createCheckoutSession, { body: {} }); // spends the one 429
    }
    const reply = await call(server, createCheckoutSession, {
      body: Object.values(createCheckoutSession.requestBody!.examples)[0],
    });
    expectSuccess(createCheckoutSession, reply);
  });
});

it("starts no server for an unknown drift", async () => {
  await expect(startConformingServer({ token: TOKEN, drift: "nonsense" as Drift })).rejects.toThrow(/Unknown drift/);
});
