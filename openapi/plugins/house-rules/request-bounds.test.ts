import { beforeAll, describe, expect, it } from "vitest";
import { document, type Finding, LINT_LIMIT_MS, lintWithRule } from "./lint-fixtures.ts";

const STRING =
  "A string a request can carry needs a maxLength (or an enum or a const); a format alone does not bound it (10 for a date, 35 for a date-time).";
const ARRAY = "An array a request can carry needs a maxItems.";
const NUMBER =
  "A number a request can carry needs a minimum and a maximum (the format's own range will do: 2147483647 for an int32, 2^53 − 1 otherwise).";
const OBJECT =
  "An object a request can carry needs a bound on its keys: additionalProperties: false, or a maxProperties when it stays open (an answer carries it too, or it is a map).";
const BODY = "#/paths/~1things/post/requestBody/content/application~1json/schema";

const withBody = (schema: Record<string, unknown>, parameters: unknown[] = []) => ({
  "openapi.yaml": document({
    "/things": {
      post: {
        operationId: "createThing",
        parameters,
        requestBody: { content: { "application/json": { schema } } },
        responses: {
          "201": {
            description: "Created.",
            content: { "application/json": { schema: { type: "object", properties: { note: { type: "string" } } } } },
          },
        },
      },
    },
  }),
});
const closed = (properties: Record<string, unknown>) => ({ type: "object", additionalProperties: false, properties });

let found: Record<string, Finding[]>;
beforeAll(async () => {
  found = await lintWithRule("request-bounds", {
    bounded: withBody(
      closed({
        name: { type: "string", maxLength: 80 },
        kind: { type: "string", enum: ["a", "b"] },
        tags: { type: "array", maxItems: 10, items: { type: "string", maxLength: 20 } },
        count: { type: "integer", minimum: 0, maximum: 100 },
        metadata: { type: "object", maxProperties: 20, additionalProperties: { type: "string", maxLength: 500 } },
      }),
      [{ name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } }],
    ),
    unbounded: withBody(
      closed({
        name: { type: "string", format: "date" },
        tags: { type: "array", items: { type: "string", maxLength: 20 } },
        count: { type: "integer", minimum: 0 },
      }),
    ),
    open: withBody({ type: "object", properties: { name: { type: "string", maxLength: 80 } } }),
    parameter: withBody(closed({}), [{ name: "cursor", in: "query", schema: { type: "string" } }]),
  });
}, LINT_LIMIT_MS);

describe("house/request-bounds", () => {
  it("passes a request whose strings, arrays, numbers and objects are all bounded", () => {
    expect(found.bounded).toEqual([]);
  });

  it("reports each unbounded string, array and number in the body where it is written (a format bounds nothing)", () => {
    expect(found.unbounded).toEqual([
      { message: STRING, file: "openapi.yaml", pointer: `${BODY}/properties/name` },
      { message: ARRAY, file: "openapi.yaml", pointer: `${BODY}/properties/tags` },
      { message: NUMBER, file: "openapi.yaml", pointer: `${BODY}/properties/count` },
    ]);
  });

  it("reports an object open to any number of keys", () => {
    expect(found.open).toEqual([{ message: OBJECT, file: "openapi.yaml", pointer: BODY }]);
  });

  it("reports an unbounded parameter, at the parameter's schema", () => {
    expect(found.parameter).toEqual([
      { message: STRING, file: "openapi.yaml", pointer: "#/paths/~1things/post/parameters/0/schema" },
    ]);
  });
});
