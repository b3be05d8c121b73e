import { beforeAll, describe, expect, it } from "vitest";
import { document, type Finding, LINT_LIMIT_MS, lintWithRule } from "./lint-fixtures.ts";

const withAnswer = (answer: Record<string, unknown>, body?: Record<string, unknown>) => ({
  "openapi.yaml": document(
    {
      "/things": {
        post: {
          operationId: "createThing",
          ...(body && { requestBody: { content: { "application/json": { schema: body } } } }),
          responses: { "201": { $ref: "#/components/responses/Created" } },
        },
      },
    },
    { responses: { Created: { description: "Created.", content: { "application/json": { schema: answer } } } } },
  ),
});
const message = (keyword: string) =>
  `A schema an answer can carry must stay open to additions: remove ${keyword}: false (the contract tests read answers strictly).`;
const ANSWER = "#/components/responses/Created/content/application~1json/schema";

let found: Record<string, Finding[]>;
beforeAll(async () => {
  found = await lintWithRule("open-responses", {
    open: withAnswer(
      { type: "object", properties: { id: { type: "string" } } },
      { type: "object", additionalProperties: false, properties: {} },
    ),
    closed: withAnswer({
      type: "object",
      additionalProperties: false,
      properties: { item: { type: "object", unevaluatedProperties: false } },
    }),
  });
}, LINT_LIMIT_MS);

describe("house/open-responses", () => {
  it("passes an open answer; a closed request body is no concern of the rule", () => {
    expect(found.open).toEqual([]);
  });

  it("reports each closed schema in an answer, at the response component where it is written", () => {
    expect(found.closed).toEqual([
      { message: message("additionalProperties"), file: "openapi.yaml", pointer: ANSWER },
      { message: message("unevaluatedProperties"), file: "openapi.yaml", pointer: `${ANSWER}/properties/item` },
    ]);
  });
});
