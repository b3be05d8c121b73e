// The client's types against the spec's, checked by `tsc` (the test script
// type-checks before running) and run against the mock:
// - every operation of the spec, whatever it is: its generated method takes
//   its input and returns its documented data (never `any`), and both call
//   styles answer the documented example (no entry to add for a new one);
// - a typed call written out in each style for the operations below, as a
//   user writes them, whose path-style data must be the operation's data.

import {
  type BillingClient,
  createBillingClient,
  type OperationData,
  type OperationId,
  type OperationInput,
  type OperationMethod,
} from "@billing-api/client";
import { describe, expect, inject, it } from "vitest";
import { firstRequestExample, operations, validPath } from "../src/spec.ts";
import { asDocumented, resourceIds } from "./support/fresh-ids.ts";
import { TEST_TOKEN } from "./support/mock-client.ts";

const client = () => createBillingClient({ token: TEST_TOKEN, baseUrl: inject("mockUrl") });
const operation = (id: OperationId) => operations.find((op) => op.id === id)!;
/** The operation's documented path parameters and first request example, typed as the client expects them. */
const input = <K extends OperationId>(id: K) =>
  ({ path: validPath(operation(id)), body: firstRequestExample(operation(id)) }) as unknown as OperationInput<K>;

/** Compiles only when A and B are assignable to each other: the path style's data is the operation's. */
const sameShape = <A, B>(_: [A] extends [B] ? ([B] extends [A] ? true : false) : false) => undefined;

type IsAny<T> = 0 extends 1 & T ? true : false;
/** The operations whose generated method is not `OperationMethod<K>`, or whose data is `any`: none may be. */
type Mistyped = {
  [K in OperationId]: IsAny<OperationData<K>> extends true
    ? K
    : BillingClient[K] extends OperationMethod<K>
      ? never
      : K;
}[OperationId];
const everyOperationTyped: [Mistyped] extends [never] ? true : Mistyped = true;

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
} satisfies { [K in OperationId]?: () => Promise<[OperationData<K> | undefined, OperationData<K>]> };

type AnyCall = (input: object) => Promise<unknown>;

/** Both styles answered the example: a create (a POST) with ids of its own, two calls two ids; a read as it is. */
function expectDocumentedData(id: OperationId, viaPath: unknown, viaOperation: unknown) {
  const example = Object.values(operation(id).success.examples)[0];
  if (operation(id).method !== "post") {
    expect(viaPath).toEqual(example);
    expect(viaOperation).toEqual(viaPath);
    return;
  }
  expect(asDocumented(viaPath, example)).toEqual(example);
  expect(asDocumented(viaOperation, example)).toEqual(example);
  const [first, second] = [resourceIds(viaPath), resourceIds(viaOperation)];
  if (first.length) {
    expect(second, "two creates, two ids").not.toEqual(first);
  }
}
type RequestCall = (method: string, path: string, init: object) => Promise<{ data?: unknown }>;

describe("typed calls", () => {
  it("types every operation's method (checked by tsc)", () => {
    expect(everyOperationTyped).toBe(true);
  });

  it.concurrent.each(operations.map((op) => op.id))("%s answers the documented example in both styles", async (id) => {
    const { path, body } = input(id as OperationId);
    const billing = client();
    const viaPath = await (billing.request as unknown as RequestCall)(
      operation(id as OperationId).method.toUpperCase(),
      operation(id as OperationId).path,
      {
        params: { path },
        body,
      },
    );
    const viaOperation = await (billing as unknown as Record<string, AnyCall>)[id]!({ path, body });
    expectDocumentedData(id as OperationId, viaPath.data, viaOperation);
  });

  it.concurrent.each(Object.keys(typedCalls) as Array<keyof typeof typedCalls>)(
    "%s, written out, returns the same documented data in both styles",
    async (id) => {
      const [viaPath, viaOperation] = await typedCalls[id]();
      expectDocumentedData(id, viaPath, viaOperation);
    },
  );
});
