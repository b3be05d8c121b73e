import { describe, expect, it } from "vitest";
import type { CreateCheckoutRequest } from "@billing-api/types";
import {
  COMPANY_ID,
  UNAUTHENTICATED,
  expectError,
  expectExampleAnswer,
  expectInvalid,
  expectInvalidPathParameter,
  expectMissing,
  expectValid,
  mockClient,
  requestExamples,
} from "./support.js";

const PATH = "/companies/{company_id}/checkout";
const examples = requestExamples(PATH, "post") as Record<string, CreateCheckoutRequest>;
const minimal = examples.minimal!;
const params = { path: { company_id: COMPANY_ID } };

describe("POST /companies/{company_id}/checkout (createCheckout)", () => {
  it.each(Object.keys(examples))("answers the %s request example with 200 and the checkout", async (name) => {
    const result = await mockClient().POST(PATH, { params, body: examples[name]! });
    expectExampleAnswer(result, PATH, "post", 200);
    expectValid("CreateCheckoutResponse", result.data);
  });

  it.each(UNAUTHENTICATED)("answers 401 to %s", async (_, transform) => {
    expectError(await mockClient(transform).POST(PATH, { params, body: minimal }), 401, "UNAUTHORIZED");
  });

  it.each(["customer_id", "type", "config_items"] as const)("answers 422 naming %s when it is missing", async (field) => {
    const { [field]: _dropped, ...body } = minimal;
    const result = await mockClient().POST(PATH, { params, body: body as CreateCheckoutRequest });
    expectMissing(result, field);
  });

  it("answers 422 naming the field when an enum gets an unknown value", async () => {
    const body = { ...minimal, change_timing: "TOMORROW" } as unknown as CreateCheckoutRequest;
    const result = await mockClient().POST(PATH, { params, body });
    expectInvalid(result, "change_timing", "enum");
  });

  it("answers 422 naming the field when a term has a wrong type", async () => {
    const body = { ...minimal, term: { count: "twelve", frequency: "MONTH" } } as unknown as CreateCheckoutRequest;
    const result = await mockClient().POST(PATH, { params, body });
    expectInvalid(result, "term.count", "type");
  });

  it("answers 422 naming company_id when it lacks the cmp_ prefix", async () => {
    const result = await mockClient().POST(PATH, { params: { path: { company_id: "4Nq7XbT2kLw9RcV3" } }, body: minimal });
    expectInvalidPathParameter(result, "company_id");
  });
});
