import type {
  CheckoutCreated,
  CheckoutSession,
  CheckoutType,
  CreateCheckoutSessionRequest,
  ErrorBody,
  ErrorCode,
  ErrorDetail,
  OneTimeCharge,
  Proposal,
} from "@billing-api/types";
import { describe, expectTypeOf, it } from "vitest";
import {
  type APIError,
  createBillingClient,
  createCheckout,
  createTransport,
  getCheckout,
  type OperationId,
  type OperationInput,
  RateLimitError,
  UnprocessableEntityError,
  type WithResponse,
} from "../src/index.ts";

/** A value of an operation's input type, for type tests that never run. */
const inputOf = <K extends OperationId>() => ({}) as OperationInput<K>;

const billing = createBillingClient({ token: "t" });
const company_id = "cmp_4Nq7XbT2kLw9RcV3";
/** A checkout type, whichever values the spec gives it (these tests never run). */
declare const type: CheckoutType;

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
  it("returns each operation's success body, or with withResponse: true the body and its answer", () => {
    expectTypeOf(billing.createCheckout(inputOf<"createCheckout">())).resolves.toEqualTypeOf<CheckoutCreated>();
    expectTypeOf(billing.getCheckout(inputOf<"getCheckout">())).resolves.toEqualTypeOf<Proposal>();
    expectTypeOf(billing.createOneTimeCharges(inputOf<"createOneTimeCharges">())).resolves.toEqualTypeOf<
      OneTimeCharge[]
    >();
    expectTypeOf(billing.createCheckoutSession(inputOf<"createCheckoutSession">())).resolves.toEqualTypeOf<{
      session: CheckoutSession;
    }>();
    const answered = billing.getCheckout(inputOf<"getCheckout">(), {
      withResponse: true,
      headers: { Prefer: "code=200" },
    });
    expectTypeOf(answered).resolves.toEqualTypeOf<WithResponse<Proposal>>();
    expectTypeOf<WithResponse<Proposal>["requestId"]>().toEqualTypeOf<string | undefined>();
  });

  it("has the same operations as functions of a transport", () => {
    const transport = createTransport({ token: "t" });
    expectTypeOf(getCheckout(transport, inputOf<"getCheckout">())).resolves.toEqualTypeOf<Proposal>();
    expectTypeOf(createCheckout(transport, inputOf<"createCheckout">(), { withResponse: true })).resolves.toEqualTypeOf<
      WithResponse<CheckoutCreated>
    >();
    // @ts-expect-error the transport comes first
    void getCheckout(inputOf<"getCheckout">());
    // @ts-expect-error a header's value is a string
    void getCheckout(transport, inputOf<"getCheckout">(), { headers: { Prefer: 429 } });
    // @ts-expect-error an unknown option
    void getCheckout(transport, inputOf<"getCheckout">(), { timeoutMS: 5 });
  });

  it("narrows errors by class, with the spec's codes and details", () => {
    const handle = (error: APIError) => {
      if (error instanceof RateLimitError) {
        expectTypeOf(error.status).toEqualTypeOf<429>();
        return;
      }
      if (error instanceof UnprocessableEntityError) {
        expectTypeOf(error).toEqualTypeOf<UnprocessableEntityError>();
        expectTypeOf(error.details).toEqualTypeOf<ErrorDetail[]>();
        return;
      }
      expectTypeOf(error.code).toEqualTypeOf<ErrorCode | undefined>();
      expectTypeOf(error.body).toEqualTypeOf<ErrorBody | undefined>();
    };
    void handle;
  });

  it("takes path parameters and the body under openapi-fetch's names", () => {
    expectTypeOf<OperationInput<"getCheckout">>().toEqualTypeOf<
      { path: { company_id: string; id: string } } & { query?: undefined } & { body?: never }
    >();
    void billing.createCheckout(
      { path: { company_id }, body: { customer_id: "cus_1", type, config_items: [] } },
      { idempotencyKey: "order-42", timeoutMs: 5_000, maxRetries: 1, signal: AbortSignal.timeout(10_000) },
    );
  });

  it("rejects a wrong path parameter, a missing one, a wrong or unknown body field and a wrong enum", () => {
    void billing.getCheckout({
      // @ts-expect-error the path parameter is `id`, not `checkout_id`
      path: { company_id, checkout_id: "pro_1" },
    });
    // @ts-expect-error company_id is missing
    void billing.createCheckout({ path: {}, body: { customer_id: "cus_1", type, config_items: [] } });
    void billing.createCheckout({
      path: { company_id },
      // @ts-expect-error config_items is required
      body: { customer_id: "cus_1", type },
    });
    void billing.createCheckout({
      path: { company_id },
      // @ts-expect-error not a checkout type
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
