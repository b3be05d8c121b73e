// The client's types against the spec's: one typed call per operation in each
// style, checked by `tsc` (the test script type-checks before running) and run
// against the mock. The table is keyed by every operationId of the generated
// types, so an operation added to the spec fails to compile until it is here.
import { describe, expect, inject, it } from "vitest";
import { createBillingClient, type OperationData, type OperationId, type OperationInput } from "@billing-api/client";
import { TEST_TOKEN } from "./support/mock-client.js";
import { firstRequestExample, operations, validPath } from "./support/spec.js";

const client = () => createBillingClient({ token: TEST_TOKEN, baseUrl: inject("mockUrl") });
const operation = (id: OperationId) => operations.find((op) => op.id === id)!;
/** The operation's documented path parameters and first request example, typed as the client expects them. */
const input = <K extends OperationId>(id: K) =>
  ({ path: validPath(operation(id)), body: firstRequestExample(operation(id)) }) as unknown as OperationInput<K>;

/** Compiles only when A and B are assignable to each other: the path style's data is the operation's. */
const sameShape = <A, B>(_: [A] extends [B] ? ([B] extends [A] ? true : false) : false) => undefined;

const typedCalls = {
  createCheckout: async () => {
    const { path, body } = input("createCheckout");
    const viaPath = await client().POST("/companies/{company_id}/checkout", { params: { path }, body });
    sameShape<typeof viaPath.data, OperationData<"createCheckout"> | undefined>(true);
    return [viaPath.data, await client().createCheckout({ path, body })];
  },
  createCheckoutSession: async () => {
    const { body } = input("createCheckoutSession");
    const viaPath = await client().POST("/checkout-sessions", { body });
    sameShape<typeof viaPath.data, OperationData<"createCheckoutSession"> | undefined>(true);
    return [viaPath.data, await client().createCheckoutSession({ body })];
  },
  createOneTimeCharges: async () => {
    const { path, body } = input("createOneTimeCharges");
    const viaPath = await client().POST("/companies/{company_id}/one_times", { params: { path }, body });
    sameShape<typeof viaPath.data, OperationData<"createOneTimeCharges"> | undefined>(true);
    return [viaPath.data, await client().createOneTimeCharges({ path, body })];
  },
  createProductPricing: async () => {
    const { path, body } = input("createProductPricing");
    const viaPath = await client().POST("/companies/{company_id}/pricing", { params: { path }, body });
    sameShape<typeof viaPath.data, OperationData<"createProductPricing"> | undefined>(true);
    return [viaPath.data, await client().createProductPricing({ path, body })];
  },
  getCheckout: async () => {
    const { path } = input("getCheckout");
    const viaPath = await client().GET("/companies/{company_id}/checkout/{id}", { params: { path } });
    sameShape<typeof viaPath.data, OperationData<"getCheckout"> | undefined>(true);
    return [viaPath.data, await client().getCheckout({ path })];
  },
} satisfies { [K in OperationId]: () => Promise<[OperationData<K> | undefined, OperationData<K>]> };

describe("typed calls", () => {
  it("covers exactly the operations of the spec", () => {
    expect(Object.keys(typedCalls).sort()).toEqual(operations.map((op) => op.id));
  });

  it.concurrent.each(Object.keys(typedCalls) as OperationId[])("%s returns the same documented data in both styles", async (id) => {
    const [viaPath, viaOperation] = await typedCalls[id]();
    expect(viaPath).toEqual(Object.values(operation(id).success.examples)[0]);
    expect(viaOperation).toEqual(viaPath);
  });
});
