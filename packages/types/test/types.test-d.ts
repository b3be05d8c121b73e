import { describe, expectTypeOf, it } from "vitest";
import type {
  CheckoutSession,
  CheckoutSessionStatus,
  CreateCheckoutSessionRequest,
  ErrorBody,
  PaymentMethodsConfig,
  components,
  operations,
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

  it("turns enums into unions and tagged unions into discriminated unions", () => {
    expectTypeOf<CheckoutSessionStatus>().toEqualTypeOf<"CREATED" | "AWAITING_PAYMENT" | "COMPLETED" | "EXPIRED" | "CANCELLED">();
    expectTypeOf<PaymentMethodsConfig["type"]>().toEqualTypeOf<"online" | "bank_transfer" | "external">();
    expectTypeOf<ErrorBody["code"]>().toExtend<string>();
  });
});
