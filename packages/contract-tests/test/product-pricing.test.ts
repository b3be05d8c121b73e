import { describe, expect, it } from "vitest";
import type { CreateProductPricingRequest } from "@billing-api/types";
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

const PATH = "/companies/{company_id}/pricing";
const examples = requestExamples(PATH, "post") as Record<string, CreateProductPricingRequest>;
const fixed = examples.fixed!;
const params = { path: { company_id: COMPANY_ID } };

describe("POST /companies/{company_id}/pricing (createProductPricing)", () => {
  it.each(Object.keys(examples))("answers the %s request example with 200 and the product pricing", async (name) => {
    const result = await mockClient().POST(PATH, { params, body: examples[name]! });
    expectExampleAnswer(result, PATH, "post", 200);
    expectValid("ProductPricing", result.data);
  });

  it.each(UNAUTHENTICATED)("answers 401 to %s", async (_, transform) => {
    expectError(await mockClient(transform).POST(PATH, { params, body: fixed }), 401, "UNAUTHORIZED");
  });

  it.each(["currency", "name", "pricing_type", "product_id"] as const)("answers 422 naming %s when it is missing", async (field) => {
    const { [field]: _dropped, ...body } = fixed;
    const result = await mockClient().POST(PATH, { params, body: body as CreateProductPricingRequest });
    expectMissing(result, field);
  });

  it.each([
    ["pricing_type", "PER_SEAT"],
    ["charge_type", "LATER"],
    ["proration_type", "SOMETIMES"],
  ] as const)("answers 422 naming %s when it gets an unknown value", async (field, value) => {
    const body = { ...fixed, [field]: value } as unknown as CreateProductPricingRequest;
    const result = await mockClient().POST(PATH, { params, body });
    expectInvalid(result, field, "enum");
  });
});
