// The public surface of @billing-api/types. Everything comes from the generated
// file: the `paths`, `components` and `operations` maps that openapi-fetch is
// typed by, and one named alias per component (`CheckoutSession`, `ErrorBody`,
// `PaymentMethodsConfig`, …), so adding a schema to the spec adds its type here.
export type * from "./generated/schema.js";
