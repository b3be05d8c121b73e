import { beforeAll, describe, expect, it } from "vitest";
import { document, type Finding, LINT_LIMIT_MS, lintWithRule } from "./lint-fixtures.ts";

const answers = (...statuses: string[]) =>
  Object.fromEntries(statuses.map((status) => [status, { description: `Status ${status}.` }]));
const COMMON = ["200", "400", "401", "403", "422", "429", "500"];
const idParameter = { name: "thing_id", in: "path", required: true, schema: { type: "string" } };
const body = { content: { "application/json": { schema: { type: "object" } } } };

let found: Record<string, Finding[]>;
beforeAll(async () => {
  found = await lintWithRule("operation-error-responses", {
    complete: {
      "openapi.yaml": document({
        "/things": {
          post: { operationId: "createThing", requestBody: body, responses: answers(...COMMON, "413", "415") },
        },
        "/things/{thing_id}": {
          parameters: [idParameter],
          get: { operationId: "getThing", responses: answers(...COMMON, "404") },
        },
      }),
    },
    "no-404": {
      "openapi.yaml": document({
        "/things/{thing_id}": {
          parameters: [idParameter],
          get: { operationId: "getThing", responses: answers(...COMMON) },
        },
      }),
    },
    "no-413-415": {
      "openapi.yaml": document({
        "/things": { post: { operationId: "createThing", requestBody: body, responses: answers(...COMMON) } },
      }),
    },
    bare: {
      "openapi.yaml": document({ "/things": { get: { operationId: "listThings", responses: answers("200") } } }),
    },
  });
}, LINT_LIMIT_MS);

describe("house/operation-error-responses", () => {
  it("passes an operation declaring every status it can answer", () => {
    expect(found.complete).toEqual([]);
  });

  it("asks for 404 where the path names a resource, declared on the path item", () => {
    expect(found["no-404"]).toEqual([
      {
        message: "getThing must declare 404.",
        file: "openapi.yaml",
        pointer: "#/paths/~1things~1{thing_id}/get/responses",
      },
    ]);
  });

  it("asks for 413 and 415 where the operation takes a body", () => {
    expect(found["no-413-415"]!.map((f) => f.message)).toEqual(["createThing must declare 413, 415."]);
  });

  it("names every status missing, in one finding", () => {
    expect(found.bare!.map((f) => f.message)).toEqual(["listThings must declare 400, 401, 403, 422, 429, 500."]);
  });
});
