import { describe, expectTypeOf, it } from "vitest";
import type { CheckoutSession, CreateCheckoutResponse, CreateCheckoutSessionRequest, ErrorBody, OneTimeCharge, Proposal } from "@billing-api/types";
import { createBillingClient, type OperationInput, type RequestOptions } from "../src/index.ts";

const billing = createBillingClient({ token: "t" });
const company_id = "cmp_4Nq7XbT2kLw9RcV3";

describe("path style is typed by the spec", () => {
  it("types the body, the data and the error", async () => {
    const { data, error } = await billing.POST("/checkout-sessions", {
      body: { customer_id: "cus_1", plan_version_id: "plv_1" },
    });
    expectTypeOf(data).toEqualTypeOf<{ session: CheckoutSession } | undefined>();
    expectTypeOf(error).toEqualTypeOf<ErrorBody | undefined>();
    expectTypeOf<CreateCheckoutSessionRequest["plan_version_id"]>().toEqualTypeOf<string>();
  });

  it("rejects a missing required field, a mistyped field, a wrong enum, a wrong path parameter and an unknown path", () => {
    // @ts-expect-error plan_version_id is required
    void billing.POST("/checkout-sessions", { body: { customer_id: "cus_1" } });
    void billing.POST("/checkout-sessions", {
      // @ts-expect-error plan_version_id is a string
      body: { customer_id: "cus_1", plan_version_id: 42 },
    });
    void billing.POST("/checkout-sessions", {
      body: {
        customer_id: "cus_1",
        plan_version_id: "plv_1",
        // @ts-expect-error not a payment method type
        payment_methods_config: { type: "paypal" },
      },
    });
    void billing.GET("/companies/{company_id}/checkout/{id}", {
      // @ts-expect-error the path parameter is `id`, not `checkout_id`
      params: { path: { company_id, checkout_id: "pro_1" } },
    });
    // @ts-expect-error unknown path
    void billing.POST("/checkout-session", { body: {} });
  });
});

describe("operation style returns the data and is typed by the spec", () => {
  it("returns each operation's success body", () => {
    expectTypeOf(billing.createCheckout).returns.resolves.toEqualTypeOf<CreateCheckoutResponse>();
    expectTypeOf(billing.getCheckout).returns.resolves.toEqualTypeOf<Proposal>();
    expectTypeOf(billing.createOneTimeCharges).returns.resolves.toEqualTypeOf<OneTimeCharge[]>();
    expectTypeOf(billing.createCheckoutSession).returns.resolves.toEqualTypeOf<{ session: CheckoutSession }>();
    expectTypeOf(billing.createCheckout).parameter(1).toEqualTypeOf<RequestOptions | undefined>();
  });

  it("takes path parameters and the body under openapi-fetch's names", () => {
    expectTypeOf<OperationInput<"getCheckout">>().toEqualTypeOf<{ path: { company_id: string; id: string } } & { query?: undefined } & { body?: never }>();
    void billing.createCheckout(
      { path: { company_id }, body: { customer_id: "cus_1", type: "CHECKOUT_SESSION", config_items: [] } },
      { idempotencyKey: "order-42", timeoutMs: 5_000, maxRetries: 1, signal: AbortSignal.timeout(10_000) },
    );
  });

  it("rejects a wrong path parameter, a missing one, a wrong or unknown body field and a wrong enum", () => {
    void billing.getCheckout({
      // @ts-expect-error the path parameter is `id`, not `checkout_id`
      path: { company_id, checkout_id: "pro_1" },
    });
    // @ts-expect-error company_id is missing
    void billing.createCheckout({ path: {}, body: { customer_id: "cus_1", type: "CHECKOUT_SESSION", config_items: [] } });
    void billing.createCheckout({
      path: { company_id },
      // @ts-expect-error config_items is required
      body: { customer_id: "cus_1", type: "CHECKOUT_SESSION" },
    });
    void billing.createCheckout({
      path: { company_id },
      // @ts-expect-error CHECKOUT_SESSION is the only checkout type
      body: { customer_id: "cus_1", type: "HOSTED", config_items: [] },
    });
    void billing.createCheckoutSession({
      // @ts-expect-error a wrong type for a body field
      body: { customer_id: "cus_1", plan_version_id: "plv_1", expires_in_hours: "24" },
    });
    void billing.createCheckoutSession({
      // @ts-expect-error an unknown body field (caught here, unlike path style's generic init)
      body: { customer_id: "cus_1", plan_version_id: "plv_1", plan_id: "x" },
    });
    // @ts-expect-error idempotencyKey is a string (or null)
    void billing.createCheckoutSession({ body: { customer_id: "c", plan_version_id: "p" } }, { idempotencyKey: 42 });
  });
});
