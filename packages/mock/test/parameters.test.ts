// Header and query parameters are validated like body fields: a value that
// breaks the parameter's schema gets 422 whose details name it, a header as
// `header.<name>` in lower case (HTTP header names are case-insensitive). An
// empty value too: Prism checks every value it sees, but took an empty one for
// an absent parameter (src/empty-parameters.ts). Shown for every header
// parameter of the bundled spec, and on a small spec of other names, so that
// nothing depends on the billing API's.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { examplePath, firstRequestExample, readSpec } from "@billing-api/openapi/reader";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMock, START_TIMEOUT_MS, startMock } from "../src/index.ts";

const require = createRequire(import.meta.url);
const bundled = readSpec(require("@billing-api/openapi/openapi.json"));

interface Answer {
  status: number;
  body: { code?: string; details?: Array<{ field: string; message: string }> };
}

async function send(url: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

/** The answer is a 422 whose details name `field`. */
function expectNamed(answer: Answer, field: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(422);
  expect(answer.body.code).toBe("UNPROCESSABLE_ENTITY");
  expect(answer.body.details?.map((d) => d.field)).toContain(field);
}

// Each case is up to four requests to a mock in a process of its own: well under a second idle. The limit, as in
// hostile.test.ts, is a backstop for a machine four times oversubscribed (stress-ng --cpu 8 on 2 cores, beside pnpm test).
const A_FEW_REQUESTS = { timeout: 60_000 };

describe("the bundled spec's header parameters", A_FEW_REQUESTS, () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock();
  }, START_TIMEOUT_MS);
  afterAll(() => mock?.stop());

  const cases = bundled.operations.flatMap((operation) =>
    operation.parameters
      .filter((p) => p.in === "header")
      .map((parameter) => [`${operation.id} ${parameter.name}`, { operation, parameter }] as const),
  );
  it("are there to check", () => expect(cases.length).toBeGreaterThan(0));

  it.each(cases)(
    "%s: an empty value, one over maxLength, a valid one and none",
    async (_, { operation, parameter }) => {
      const values = examplePath(operation);
      const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name]!));
      const body = firstRequestExample(operation);
      const request = (headers: Record<string, string>) =>
        send(`${mock.url}${path}`, {
          method: operation.method.toUpperCase(),
          headers: {
            authorization: "Bearer test",
            ...(body === undefined ? {} : { "content-type": "application/json" }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      const field = `header.${parameter.name.toLowerCase()}`;
      const { minLength, maxLength } = parameter.schema as { minLength?: number; maxLength?: number };
      if (minLength) {
        const empty = await request({ [parameter.name]: "" });
        expectNamed(empty, field);
        // The mock's words (ajv's, through Prism), without the parameter's name, which `field` gives.
        expect(empty.body.details?.find((d) => d.field === field)?.message).toBe(
          `must NOT have fewer than ${minLength} characters`,
        );
      }
      if (maxLength) {
        expectNamed(await request({ [parameter.name]: "x".repeat(maxLength + 1) }), field);
      }
      expect((await request({ [parameter.name]: String(parameter.example) })).status).toBe(operation.success.status);
      if (!parameter.required) {
        expect((await request({})).status).toBe(operation.success.status);
      }
    },
  );
});

describe("a spec of other names", A_FEW_REQUESTS, () => {
  const folder = mkdtempSync(join(tmpdir(), "mock-parameters-"));
  const specPath = join(folder, "openapi.json");
  writeFileSync(
    specPath,
    JSON.stringify({
      openapi: "3.1.0",
      info: { title: "Things", version: "1.0.0" },
      paths: {
        "/things": {
          get: {
            operationId: "listThings",
            parameters: [
              {
                name: "X-Tenant",
                in: "header",
                required: false,
                schema: { type: "string", pattern: "^t_[a-z]+$", maxLength: 20 },
              },
              { name: "q", in: "query", required: false, schema: { type: "string", minLength: 2, maxLength: 20 } },
            ],
            responses: {
              "200": {
                description: "The things.",
                content: { "application/json": { schema: { type: "object" }, example: {} } },
              },
              // Prism answers an invalid request only when the operation documents a refusal.
              "422": {
                description: "Invalid.",
                content: { "application/json": { schema: { type: "object" }, example: {} } },
              },
            },
          },
        },
      },
    }),
  );
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ specPath });
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await mock?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("names a header that breaks its pattern, empty or not, as header.<lower-case name>", async () => {
    expectNamed(await send(`${mock.url}/things`, { headers: { "X-Tenant": "" } }), "header.x-tenant");
    expectNamed(await send(`${mock.url}/things`, { headers: { "X-Tenant": "acme" } }), "header.x-tenant");
    expect((await send(`${mock.url}/things`, { headers: { "X-Tenant": "t_acme" } })).status).toBe(200);
  });

  it("names a query parameter sent empty, or too short, as query.<name>", async () => {
    expectNamed(await send(`${mock.url}/things?q=`, {}), "query.q");
    expectNamed(await send(`${mock.url}/things?q=a`, {}), "query.q");
    expect((await send(`${mock.url}/things?q=ab`, {})).status).toBe(200);
  });
});
