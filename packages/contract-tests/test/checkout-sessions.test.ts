import { describe, expect, it } from "vitest";
import type { CreateCheckoutSessionRequest } from "@billing-api/types";
import {
  UNAUTHENTICATED,
  expectError,
  expectExampleAnswer,
  expectInvalid,
  expectMissing,
  expectValid,
  mockClient,
  requestExamples,
} from "./support.js";

const PATH = "/checkout-sessions";
const examples = requestExamples(PATH, "post") as Record<string, CreateCheckoutSessionRequest>;
const minimal = examples.minimal!;

describe("POST /checkout-sessions (createCheckoutSession)", () => {
  it.each(Object.keys(examples))("answers the %s request example with 200 and a valid session", async (name) => {
    const result = await mockClient().POST(PATH, { body: examples[name]! });
    expectExampleAnswer(result, PATH, "post", 200);
    expectValid("CreateCheckoutSessionResponse", result.data);
    expect(result.response.headers.get("x-request-id")).toBeTruthy();
  });

  it.each(UNAUTHENTICATED)("answers 401 to %s", async (_, transform) => {
    expectError(await mockClient(transform).POST(PATH, { body: minimal }), 401, "UNAUTHORIZED");
  });

  it.each(["customer_id", "plan_version_id"] as const)("answers 422 naming %s when it is missing", async (field) => {
    const { [field]: _dropped, ...body } = minimal;
    const result = await mockClient().POST(PATH, { body: body as CreateCheckoutSessionRequest });
    expectMissing(result, field);
  });

  it("answers 422 naming the field when an enum gets an unknown value", async () => {
    const body = {
      ...minimal,
      components: { parameterized_components: [{ component_id: "price_9Wc4NmR7tLx2KqB8Vh5Pz1", parameters: { billing_period: "WEEKLY" } }] },
    } as unknown as CreateCheckoutSessionRequest;
    const result = await mockClient().POST(PATH, { body });
    expectInvalid(result, "components.parameterized_components.0.parameters.billing_period", "enum");
  });

  it("answers 422 naming the field when an id lacks its prefix", async () => {
    const result = await mockClient().POST(PATH, { body: { ...minimal, plan_version_id: "7n42DGM5Tflk9n8mt7Fhc7" } });
    expectInvalid(result, "plan_version_id", "pattern");
  });
});
