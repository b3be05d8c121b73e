import { describe, expectTypeOf, it } from "vitest";
import type {
  CheckoutSession,
  CheckoutSessionStatus,
  CreateCheckoutSessionRequest,
  components,
  ErrorBody,
  operations,
  PaymentMethodsConfig,
  paths,
} from "../src/index.ts";

describe("generated types follow the spec", () => {
  it("exposes the maps openapi-fetch is typed by", () => {
    expectTypeOf<paths["/checkout-sessions"]["post"]>().toEqualTypeOf<operations["createCheckoutSession"]>();
    expectTypeOf<components["schemas"]["CheckoutSession"]>().toEqualTypeOf<CheckoutSession>();
  });

  it("keeps required fields required, optional ones optional, and nullable ones nullable", () => {
    expectTypeOf<CreateCheckoutSessionRequest["customer_id"]>().toEqualTypeOf<string>();
    expectTypeOf<CreateCheckoutSessionRequest["trial_duration_days"]>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<CreateCheckoutSessionRequest["coupon_ids"]>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<CheckoutSession["expires_at"]>().toEqualTypeOf<string | null | undefined>();
  });

  // Which values each union holds is read from the spec by literals.test.ts; here, that they are closed unions.
  it("turns enums into closed unions and tagged unions into discriminated unions", () => {
    expectTypeOf<CheckoutSession["status"]>().toEqualTypeOf<CheckoutSessionStatus>();
    expectTypeOf<CheckoutSessionStatus>().toExtend<string>();
    expectTypeOf<string>().not.toExtend<CheckoutSessionStatus>();
    expectTypeOf<PaymentMethodsConfig["type"]>().toExtend<string>();
    expectTypeOf<string>().not.toExtend<PaymentMethodsConfig["type"]>();
    expectTypeOf<
      Extract<PaymentMethodsConfig, { type: PaymentMethodsConfig["type"] }>
    >().toEqualTypeOf<PaymentMethodsConfig>();
    expectTypeOf<ErrorBody["code"]>().toExtend<string>();
    expectTypeOf<string>().not.toExtend<ErrorBody["code"]>();
  });
});
