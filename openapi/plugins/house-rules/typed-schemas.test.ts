import { beforeAll, describe, expect, it } from "vitest";
import { document, type Finding, LINT_LIMIT_MS, lintWithRule } from "./lint-fixtures.ts";

const withSchema = (schema: Record<string, unknown>) => ({
  "openapi.yaml": document({}, { schemas: { Thing: schema } }),
});

let found: Record<string, Finding[]>;
beforeAll(async () => {
  found = await lintWithRule("typed-schemas", {
    typed: withSchema({
      type: "object",
      properties: {
        name: { type: "string" },
        kind: { enum: ["a", "b"] },
        fixed: { const: 1 },
        either: { oneOf: [{ type: "string" }, { type: "null" }] },
      },
      additionalProperties: { type: "string" },
    }),
    map: withSchema({ type: "object", additionalProperties: { type: "integer" } }),
    untyped: withSchema({ type: "object", properties: { anything: { description: "Whatever." } } }),
    "open-values": withSchema({ type: "object", properties: { name: { type: "string" } }, additionalProperties: true }),
    empty: withSchema({ type: "object" }),
  });
}, LINT_LIMIT_MS);

describe("house/typed-schemas", () => {
  it("passes schemas that say what they hold: a type, an enum, a const, a oneOf, a typed map", () => {
    expect(found.typed).toEqual([]);
    expect(found.map).toEqual([]);
  });

  it("reports a schema with no type, where it is written", () => {
    expect(found.untyped).toEqual([
      {
        message:
          "A schema needs a type (or a $ref, a oneOf/anyOf/allOf, a const or an enum): generators render an untyped one as unknown.",
        file: "openapi.yaml",
        pointer: "#/components/schemas/Thing/properties/anything",
      },
    ]);
  });

  it("reports additionalProperties: true", () => {
    expect(found["open-values"]).toEqual([
      {
        message: "additionalProperties: true leaves the values untyped (unknown): give them a schema.",
        file: "openapi.yaml",
        pointer: "#/components/schemas/Thing/additionalProperties",
      },
    ]);
  });

  it("reports an object with neither properties nor an additionalProperties schema", () => {
    expect(found.empty!.map((f) => f.message)).toEqual([
      "An object needs its properties (or an additionalProperties schema): generators render an empty one as Record<string, never>.",
    ]);
  });
});
