import { describe, expect, it } from "vitest";
import { checkValue, countFieldPaths } from "./schema-walker.ts";

const money = {
  type: "object",
  properties: { currency: { type: "string" }, value_in_cents: { type: "integer" } },
};

describe("checkValue", () => {
  it("reports a property the schema does not define, with its full path", () => {
    const schema = { type: "object", properties: { items: { type: "array", items: money } } };
    const value = { items: [{ currency: "EUR" }, { currency: "EUR", cents: 1 }] };
    expect(checkValue(value, schema)).toEqual({
      problems: ["`items[1].cents` is not in the spec"],
      checked: 6,
    });
  });

  it("reports a value of the wrong type and does not look below it", () => {
    const schema = { type: "object", properties: { amount: money, count: { type: ["integer", "null"] } } };
    const value = { amount: "12.00", count: 1.5 };
    expect(checkValue(value, schema).problems).toEqual([
      "`amount`: the spec says object, the seed has string",
      "`count`: the spec says integer or null, the seed has number",
    ]);
    expect(checkValue({ amount: [{ x: 1 }] }, schema).problems).toEqual([
      "`amount`: the spec says object, the seed has array",
    ]);
  });

  it("accepts null where the type is [T, 'null'], and an integer where it is number", () => {
    const schema = { type: "object", properties: { a: { type: ["string", "null"] }, b: { type: "number" } } };
    expect(checkValue({ a: null, b: 3 }, schema).problems).toEqual([]);
    expect(checkValue({ a: "<string>", b: 3.5 }, schema).problems).toEqual([]);
  });

  it("skips the type check of <any> and <unknown> but still wants the property", () => {
    const schema = { type: "object", properties: { value: { type: "object" } } };
    expect(checkValue({ value: "<any>" }, schema).problems).toEqual([]);
    expect(checkValue({ value: "<unknown>" }, schema).problems).toEqual([]);
    expect(checkValue({ other: "<any>" }, schema).problems).toEqual(["`other` is not in the spec"]);
  });

  it("picks the oneOf branch by its tag, through $refs", () => {
    const document = {
      components: {
        schemas: {
          Card: {
            type: "object",
            properties: {
              type: { const: "card" },
              card: { type: "object", properties: { enabled: { type: "boolean" } } },
            },
          },
          Bank: { type: "object", properties: { type: { enum: ["bank"] }, iban: { type: "string" } } },
          Method: {
            oneOf: [{ $ref: "#/components/schemas/Card" }, { $ref: "#/components/schemas/Bank" }],
          },
        },
      },
    };
    const schema = {
      type: "object",
      properties: { method: { oneOf: [{ $ref: "#/components/schemas/Method" }, { type: "null" }] } },
    };
    expect(checkValue({ method: { type: "card", card: { enabled: true } } }, schema, document).problems).toEqual([]);
    expect(checkValue({ method: null }, schema, document).problems).toEqual([]);
    // Tagged "bank", so the card branch's properties do not count.
    expect(checkValue({ method: { type: "bank", card: { enabled: true } } }, schema, document).problems).toEqual([
      "`method.card` is not in the spec",
    ]);
    // An unknown tag (a placeholder) falls back to every branch.
    expect(
      checkValue({ method: { type: "<string>", iban: "x", card: { enabled: "yes" } } }, schema, document).problems,
    ).toEqual(["`method.card.enabled`: the spec says boolean, the seed has string"]);
    expect(checkValue({ method: 5 }, schema, document).problems).toEqual([
      "`method`: the spec says object or null, the seed has integer",
    ]);
  });

  it("adds up the properties of allOf branches", () => {
    const schema = {
      allOf: [money, { type: "object", properties: { note: { type: "string" } }, additionalProperties: false }],
    };
    expect(checkValue({ currency: "EUR", note: "x" }, schema).problems).toEqual([]);
    expect(checkValue({ currency: "EUR", other: 1 }, schema).problems).toEqual(["`other` is not in the spec"]);
  });

  it("accepts anything under a free-form schema or additionalProperties", () => {
    const schema = {
      type: "object",
      properties: {
        metadata: { description: "Any JSON value." },
        tags: { type: "object", additionalProperties: { type: "string" } },
        map: { type: "object" },
      },
    };
    const value = { metadata: { a: [{ b: 1 }] }, tags: { x: { y: 2 } }, map: { z: null } };
    expect(checkValue(value, schema)).toEqual({ problems: [], checked: 9 });
    expect(checkValue({ anything: [1, "2"] }, true).problems).toEqual([]);
  });

  it("walks a recursive schema only as deep as the value", () => {
    const document = {
      components: {
        schemas: {
          Node: {
            type: "object",
            properties: {
              name: { type: "string" },
              children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
            },
          },
        },
      },
    };
    const value = { name: "a", children: [{ name: "b", children: [{ name: "c", extra: true }] }] };
    expect(checkValue(value, { $ref: "#/components/schemas/Node" }, document).problems).toEqual([
      "`children[0].children[0].extra` is not in the spec",
    ]);
  });

  it("counts every property occurrence and every array element as a field path", () => {
    expect(countFieldPaths([{ a: 1, b: { c: [{ d: 1 }, { d: 2 }] } }, "x"])).toBe(9);
    expect(checkValue([{ a: 1, b: { c: [{ d: 1 }, { d: 2 }] } }], {}).checked).toBe(8);
  });
});
