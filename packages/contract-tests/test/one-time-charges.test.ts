import { describe, expect, it } from "vitest";
import type { CreateOneTimeChargesRequest } from "@billing-api/types";
import {
  COMPANY_ID,
  UNAUTHENTICATED,
  expectError,
  expectExampleAnswer,
  expectInvalid,
  expectMissing,
  expectValid,
  mockClient,
  requestExamples,
} from "./support.js";

const PATH = "/companies/{company_id}/one_times";
const examples = requestExamples(PATH, "post") as Record<string, CreateOneTimeChargesRequest>;
const [example] = Object.values(examples);
const params = { path: { company_id: COMPANY_ID } };

describe("POST /companies/{company_id}/one_times (createOneTimeCharges)", () => {
  it.each(Object.keys(examples))("answers the %s request example with 201 and the list of charges", async (name) => {
    const result = await mockClient().POST(PATH, { params, body: examples[name]! });
    expectExampleAnswer(result, PATH, "post", 201);
    expect(Array.isArray(result.data)).toBe(true);
    for (const charge of result.data!) expectValid("OneTimeCharge", charge);
  });

  it.each(UNAUTHENTICATED)("answers 401 to %s", async (_, transform) => {
    expectError(await mockClient(transform).POST(PATH, { params, body: example! }), 401, "UNAUTHORIZED");
  });

  it.each(["customer_id", "onetime_items", "type"] as const)("answers 422 naming %s when it is missing", async (field) => {
    const { [field]: _dropped, ...body } = example!;
    const result = await mockClient().POST(PATH, { params, body: body as CreateOneTimeChargesRequest });
    expectMissing(result, field);
  });

  it("answers 422 naming the field when a custom price lacks its amount", async () => {
    const body = {
      ...example!,
      onetime_items: [{ aggregate: 1, custom_price: { product_id: "prd_5Kq8WmX3tLz7" } }],
    } as unknown as CreateOneTimeChargesRequest;
    const result = await mockClient().POST(PATH, { params, body });
    expectMissing(result, "onetime_items.0.custom_price.amount");
  });

  it("answers 422 naming the field when a quantity has a wrong type", async () => {
    const body = { ...example!, onetime_items: [{ aggregate: "two", product_pricing_id: "ppr_1" }] } as unknown as CreateOneTimeChargesRequest;
    const result = await mockClient().POST(PATH, { params, body });
    expectInvalid(result, "onetime_items.0.aggregate", "type");
  });
});
