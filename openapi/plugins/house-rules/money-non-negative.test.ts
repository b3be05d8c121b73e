import { beforeAll, describe, expect, it } from "vitest";
import { document, type Finding, LINT_LIMIT_MS, lintWithRule } from "./lint-fixtures.ts";

const withAmount = (amount: Record<string, unknown>) => ({
  "openapi.yaml": document(
    {},
    { schemas: { Money: { type: "object", properties: { value_in_cents: { type: "integer", ...amount } } } } },
  ),
});
const MESSAGE = "value_in_cents needs minimum: 0 and a maximum: money is never negative or unbounded.";

let found: Record<string, Finding[]>;
beforeAll(async () => {
  found = await lintWithRule("money-non-negative", {
    bounded: withAmount({ minimum: 0, maximum: 100_000_000 }),
    "no-minimum": withAmount({ maximum: 100_000_000 }),
    negative: withAmount({ minimum: -1, maximum: 100_000_000 }),
    "no-maximum": withAmount({ minimum: 0 }),
    "behind-a-ref": {
      "openapi.yaml": document(
        {},
        {
          schemas: {
            Money: { type: "object", properties: { value_in_cents: { $ref: "#/components/schemas/Cents" } } },
            Cents: { type: "integer" },
          },
        },
      ),
    },
  });
}, LINT_LIMIT_MS);

describe("house/money-non-negative", () => {
  it("passes an amount from 0 to a maximum", () => {
    expect(found.bounded).toEqual([]);
  });

  it.each(["no-minimum", "negative", "no-maximum"])("reports an amount that is %s, where it is written", (name) => {
    expect(found[name]).toEqual([
      { message: MESSAGE, file: "openapi.yaml", pointer: "#/components/schemas/Money/properties/value_in_cents" },
    ]);
  });

  it("reports an amount behind a $ref where the $ref leads", () => {
    expect(found["behind-a-ref"]).toEqual([
      { message: MESSAGE, file: "openapi.yaml", pointer: "#/components/schemas/Cents" },
    ]);
  });
});
