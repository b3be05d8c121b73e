import { describe, expect, it } from "vitest";
import type { CreateCheckoutSessionRequest } from "@billing-api/types";
import {
  expectValid,
  mockClient,
  reportsMissing,
  requestExamples,
  responseExample,
  violationsAt,
  withHeader,
} from "./support.js";

const PATH = "/checkout-sessions";
const examples = requestExamples(PATH, "post") as Record<string, CreateCheckoutSessionRequest>;
const minimal = examples.minimal!;

describe("POST /checkout-sessions (createCheckoutSession)", () => {
  it.each(Object.keys(examples))("answers the %s request example with 200 and a valid session", async (name) => {
    const { data, error, response } = await mockClient().POST(PATH, { body: examples[name]! });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expectValid("CreateCheckoutSessionResponse", data);
    expect(data).toEqual(responseExample(PATH, "post", "200"));
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });

  it.each([
    ["no Authorization header", withHeader("authorization", null)],
    ["a non-bearer scheme", withHeader("authorization", "Basic dXNlcjpwYXNz")],
  ])("answers 401 with an error body to %s", async (_, transform) => {
    const { data, error, response } = await mockClient(transform).POST(PATH, { body: minimal });
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expectValid("ErrorBody", error);
    expect(error?.code).toBe("UNAUTHORIZED");
  });

  it.each(["customer_id", "plan_version_id"] as const)("answers 422 naming %s when it is missing", async (field) => {
    const { [field]: _dropped, ...body } = minimal;
    const { error, response } = await mockClient().POST(PATH, { body: body as CreateCheckoutSessionRequest });
    expect(response.status).toBe(422);
    expectValid("ErrorBody", error);
    expect(error?.code).toBe("UNPROCESSABLE_ENTITY");
    expect(reportsMissing(response, field)).toBe(true);
  });

  it("answers 422 naming the field when an enum gets an unknown value", async () => {
    const body = {
      ...minimal,
      components: { parameterized_components: [{ component_id: "price_9Wc4NmR7tLx2KqB8Vh5Pz1", parameters: { billing_period: "WEEKLY" } }] },
    } as unknown as CreateCheckoutSessionRequest;
    const { error, response } = await mockClient().POST(PATH, { body });
    expect(response.status).toBe(422);
    expectValid("ErrorBody", error);
    const field = "components.parameterized_components.0.parameters.billing_period";
    expect(violationsAt(response, field).map((v) => v.code)).toContain("enum");
  });

  it("answers 422 naming the field when an id lacks its prefix", async () => {
    const { response } = await mockClient().POST(PATH, { body: { ...minimal, plan_version_id: "7n42DGM5Tflk9n8mt7Fhc7" } });
    expect(response.status).toBe(422);
    expect(violationsAt(response, "plan_version_id").map((v) => v.code)).toContain("pattern");
  });
});
