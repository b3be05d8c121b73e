import { describe, expectTypeOf, it } from "vitest";
import type { CheckoutSession, CreateCheckoutSessionRequest, ErrorBody } from "@billing-api/types";
import { createBillingClient } from "../src/index.js";

const client = createBillingClient({ token: "t", baseUrl: "https://api.test" });

describe("path-style calls are typed by the spec", () => {
  it("types the body, the data and the error", async () => {
    const { data, error } = await client.POST("/checkout-sessions", {
      body: { customer_id: "cus_1", plan_version_id: "plv_1" },
    });
    expectTypeOf(data).toEqualTypeOf<{ session: CheckoutSession } | undefined>();
    expectTypeOf(error).toEqualTypeOf<ErrorBody | undefined>();
    expectTypeOf<CreateCheckoutSessionRequest["plan_version_id"]>().toEqualTypeOf<string>();
  });

  it("rejects a body missing a required field, a mistyped field or a wrong enum", () => {
    // @ts-expect-error plan_version_id is required
    void client.POST("/checkout-sessions", { body: { customer_id: "cus_1" } });
    void client.POST("/checkout-sessions", {
      // @ts-expect-error plan_version_id is a string
      body: { customer_id: "cus_1", plan_version_id: 42 },
    });
    void client.POST("/checkout-sessions", {
      body: {
        customer_id: "cus_1",
        plan_version_id: "plv_1",
        // @ts-expect-error not a payment method type
        payment_methods_config: { type: "paypal" },
      },
    });
  });

  it("rejects a path the spec does not have", () => {
    // @ts-expect-error unknown path
    void client.POST("/checkout-session", { body: {} });
  });
});
