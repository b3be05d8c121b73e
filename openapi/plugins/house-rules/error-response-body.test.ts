import { beforeAll, describe, expect, it } from "vitest";
import { document, type Finding, LINT_LIMIT_MS, lintWithRule } from "./lint-fixtures.ts";

const ErrorBody = { type: "object", properties: { message: { type: "string" } } };
const error = (message: string, extra: Record<string, unknown> = {}) => ({
  description: message,
  content: {
    "application/json": {
      schema: { $ref: "#/components/schemas/ErrorBody" },
      examples: { error: { value: { message } } },
    },
  },
  ...extra,
});
const retryAfter = { headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } } };
const withResponses = (responses: Record<string, unknown>) => ({
  "openapi.yaml": document(
    {
      "/things": {
        get: { operationId: "listThings", responses: { "200": { description: "The things." }, ...responses } },
      },
    },
    { schemas: { ErrorBody } },
  ),
});
const POINTER = (status: string) => `#/paths/~1things/get/responses/${status}`;

let found: Record<string, Finding[]>;
beforeAll(async () => {
  found = await lintWithRule("error-response-body", {
    good: withResponses({ "400": error("Bad request."), "429": error("Slow down.", retryAfter) }),
    "other-schema": withResponses({
      "400": {
        ...error("Bad request."),
        content: { "application/json": { schema: { type: "string" }, examples: { e: { value: "x" } } } },
      },
    }),
    "no-example": withResponses({
      "400": {
        description: "Bad.",
        content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorBody" } } },
      },
    }),
    "shared-example": withResponses({ "400": error("Something went wrong."), "500": error("Something went wrong.") }),
    "no-retry-after": withResponses({ "429": error("Slow down.") }),
  });
}, LINT_LIMIT_MS);

describe("house/error-response-body", () => {
  it("passes error responses with the ErrorBody schema, an example each, and Retry-After on a 429", () => {
    expect(found.good).toEqual([]);
  });

  it("reports an error response of another schema", () => {
    expect(found["other-schema"]).toEqual([
      { message: "The 400 response must have the ErrorBody schema.", file: "openapi.yaml", pointer: POINTER("400") },
    ]);
  });

  it("reports an error response without an example", () => {
    expect(found["no-example"]).toEqual([
      { message: "The 400 response needs an example.", file: "openapi.yaml", pointer: POINTER("400") },
    ]);
  });

  it("reports a status that reuses another's example", () => {
    expect(found["shared-example"]).toEqual([
      {
        message: "The 500 response reuses the example of 400: give each status its own.",
        file: "openapi.yaml",
        pointer: POINTER("500"),
      },
    ]);
  });

  it("reports a 429 that does not say when to retry", () => {
    expect(found["no-retry-after"]).toEqual([
      {
        message: "A 429 response must say when to retry, with a Retry-After header.",
        file: "openapi.yaml",
        pointer: POINTER("429"),
      },
    ]);
  });
});
