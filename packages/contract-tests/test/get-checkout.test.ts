import { describe, expect, it } from "vitest";
import {
  COMPANY_ID,
  UNAUTHENTICATED,
  expectError,
  expectExampleAnswer,
  expectInvalidPathParameter,
  expectValid,
  mockClient,
} from "./support.js";

const PATH = "/companies/{company_id}/checkout/{id}";
const params = { path: { company_id: COMPANY_ID, id: "pro_9Tx4KbW7mLq2" } };

describe("GET /companies/{company_id}/checkout/{id} (getCheckout)", () => {
  it("answers 200 with the proposal", async () => {
    const result = await mockClient().GET(PATH, { params });
    expectExampleAnswer(result, PATH, "get", 200);
    expectValid("Proposal", result.data);
  });

  it.each(UNAUTHENTICATED)("answers 401 to %s", async (_, transform) => {
    expectError(await mockClient(transform).GET(PATH, { params }), 401, "UNAUTHORIZED");
  });

  it("answers 422 naming company_id when it lacks the cmp_ prefix", async () => {
    const result = await mockClient().GET(PATH, { params: { path: { ...params.path, company_id: "acme" } } });
    expectInvalidPathParameter(result, "company_id");
  });
});
