import { beforeAll, describe, expect, it } from "vitest";
import { document, type Finding, LINT_LIMIT_MS, lintWithRule } from "./lint-fixtures.ts";

const key = (required: boolean) => ({ name: "Idempotency-Key", in: "header", required, schema: { type: "string" } });
const answers = { "200": { description: "Done." } };
const spec = (operations: Record<string, unknown>, security: unknown[] = [{ bearer: [] }]) => ({
  "openapi.yaml": {
    ...document({ "/things": operations }),
    security,
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
  },
});

let found: Record<string, Finding[]>;
beforeAll(async () => {
  found = await lintWithRule("idempotency-key", {
    good: spec({
      get: { operationId: "listThings", responses: answers },
      post: { operationId: "createThing", parameters: [key(false)], security: [{ bearer: [] }], responses: answers },
    }),
    "no-key": spec({
      post: { operationId: "createThing", responses: answers },
      delete: { operationId: "deleteThing", responses: answers },
    }),
    "required-key": spec({ post: { operationId: "createThing", parameters: [key(true)], responses: answers } }),
    "query-key": spec({
      patch: { operationId: "updateThing", parameters: [{ ...key(false), in: "query" }], responses: answers },
    }),
    "own-security": spec({ get: { operationId: "listThings", security: [], responses: answers } }),
  });
}, LINT_LIMIT_MS);

describe("house/idempotency-key", () => {
  it("passes a read without a key and a create with an optional key header and the API's security", () => {
    expect(found.good).toEqual([]);
  });

  it("reports each operation with effects that takes no key", () => {
    expect(found["no-key"]!.map((f) => f.message)).toEqual([
      "createThing must accept an optional Idempotency-Key header.",
      "deleteThing must accept an optional Idempotency-Key header.",
    ]);
  });

  it("reports a key that is required, or not a header", () => {
    expect(found["required-key"]).toEqual([
      {
        message: "createThing must accept an optional Idempotency-Key header.",
        file: "openapi.yaml",
        pointer: "#/paths/~1things/post/parameters",
      },
    ]);
    expect(found["query-key"]!.map((f) => f.message)).toEqual([
      "updateThing must accept an optional Idempotency-Key header.",
    ]);
  });

  it("reports an operation whose security is not the API's", () => {
    expect(found["own-security"]).toEqual([
      {
        message: "An operation's security must be the API's (bearer token).",
        file: "openapi.yaml",
        pointer: "#/paths/~1things/get/security",
      },
    ]);
  });
});
