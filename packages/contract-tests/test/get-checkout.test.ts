import { describe, expect, it } from "vitest";
import {
  COMPANY_ID,
  UNAUTHENTICATED,
  expectError,
  expectInvalidPathParameter,
  expectValid,
  mockClient,
  responseExample,
} from "./support.js";

const PATH = "/companies/{company_id}/checkout/{id}";
const params = { path: { company_id: COMPANY_ID, id: "pro_9Tx4KbW7mLq2" } };

describe("GET /companies/{company_id}/checkout/{id} (getCheckout)", () => {
  it("answers 200 with the proposal", async () => {
    const { data, error, response } = await mockClient().GET(PATH, { params });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expectValid("Proposal", data);
    expect(data).toEqual(responseExample(PATH, "get", "200"));
  });

  it.each(UNAUTHENTICATED)("answers 401 to %s", async (_, transform) => {
    expectError(await mockClient(transform).GET(PATH, { params }), 401, "UNAUTHORIZED");
  });

  it("answers 422 naming company_id when it lacks the cmp_ prefix", async () => {
    const result = await mockClient().GET(PATH, { params: { path: { ...params.path, company_id: "acme" } } });
    expectInvalidPathParameter(result, "company_id");
  });
});
