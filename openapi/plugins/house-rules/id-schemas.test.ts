import { beforeAll, describe, expect, it } from "vitest";
import { document, type Finding, LINT_LIMIT_MS, lintWithRule } from "./lint-fixtures.ts";

const ThingId = { type: "string", pattern: "^thg_[a-z0-9]+$", maxLength: 40 };
const withThing = (
  properties: Record<string, unknown>,
  schemas: Record<string, unknown> = { ThingId },
  pathSchema: unknown = { $ref: "#/components/schemas/ThingId" },
) => ({
  "openapi.yaml": document(
    {
      "/things/{thing_id}": {
        get: {
          operationId: "getThing",
          parameters: [{ name: "thing_id", in: "path", required: true, schema: pathSchema }],
          responses: { "200": { description: "The thing." } },
        },
      },
    },
    { schemas: { Thing: { type: "object", properties }, ...schemas } },
  ),
});
const ref = { $ref: "#/components/schemas/ThingId" };
const plainId = (name: string) =>
  `${name} holds an id: make it a $ref to a named id schema (components/schemas/<Thing>Id.yaml) with a pattern.`;

let found: Record<string, Finding[]>;
beforeAll(async () => {
  found = await lintWithRule("id-schemas", {
    named: withThing({
      id: ref,
      parent_id: { oneOf: [ref, { type: "null" }] },
      sibling_ids: { type: "array", items: ref },
      name: { type: "string" },
    }),
    plain: withThing(
      { id: { type: "string" }, sibling_ids: { type: "array", items: { type: "string" } } },
      { ThingId },
      { type: "string" },
    ),
    unpatterned: withThing({ id: ref }, { ThingId: { type: "string", maxLength: 40 } }),
  });
}, LINT_LIMIT_MS);

describe("house/id-schemas", () => {
  it("passes ids, nullable ids and lists of ids that are $refs to a named id schema with a pattern and a maxLength", () => {
    expect(found.named).toEqual([]);
  });

  it("reports a property, an item of a list of ids and a path parameter that hold an id of no named schema", () => {
    expect(found.plain).toEqual([
      {
        message: plainId("thing_id"),
        file: "openapi.yaml",
        pointer: "#/paths/~1things~1{thing_id}/get/parameters/0/schema",
      },
      { message: plainId("id"), file: "openapi.yaml", pointer: "#/components/schemas/Thing/properties/id" },
      {
        message: plainId("sibling_ids"),
        file: "openapi.yaml",
        pointer: "#/components/schemas/Thing/properties/sibling_ids/items",
      },
    ]);
  });

  it("reports an id schema without a pattern, once, where it is written", () => {
    expect(found.unpatterned).toEqual([
      {
        message: "#/components/schemas/ThingId is an id schema: it needs a pattern and a maxLength.",
        file: "openapi.yaml",
        pointer: "#/components/schemas/ThingId",
      },
    ]);
  });
});
