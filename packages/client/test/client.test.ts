import { describe, expect, it } from "vitest";
import { createBillingClient } from "../src/index.js";

const body = { customer_id: "cus_3XbQ9mLk2Vt8RnY5Pw1Hd4", plan_version_id: "plv_7n42DGM5Tflk9n8mt7Fhc7" };

function recordingFetch(status = 200, answer: unknown = { session: {} }) {
  const requests: Request[] = [];
  const fetch = async (input: Request) => {
    requests.push(input);
    return new Response(JSON.stringify(answer), { status, headers: { "content-type": "application/json" } });
  };
  return { requests, fetch };
}

describe("createBillingClient", () => {
  it("sends the bearer token, the JSON body and the path below baseUrl", async () => {
    const { requests, fetch } = recordingFetch();
    const client = createBillingClient({ token: "sk_test_123", baseUrl: "https://api.test/api/v1", fetch });
    const { data, error } = await client.POST("/checkout-sessions", { body });
    expect(error).toBeUndefined();
    expect(data).toEqual({ session: {} });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.method).toBe("POST");
    expect(request!.url).toBe("https://api.test/api/v1/checkout-sessions");
    expect(request!.headers.get("authorization")).toBe("Bearer sk_test_123");
    expect(await request!.json()).toEqual(body);
  });

  it("returns the error body of a non-2xx answer as `error`", async () => {
    const { fetch } = recordingFetch(401, { code: "UNAUTHORIZED", message: "no" });
    const client = createBillingClient({ token: "sk_test_123", baseUrl: "https://api.test", fetch });
    const { data, error, response } = await client.POST("/checkout-sessions", { body });
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(error).toEqual({ code: "UNAUTHORIZED", message: "no" });
  });

  it.each([undefined, "", "   "])("rejects a missing or empty token (%j)", (token) => {
    expect(() => createBillingClient({ token: token as string, baseUrl: "https://api.test" })).toThrow(/`token` is required/);
  });

  it("rejects a baseUrl that is not an absolute http(s) URL", () => {
    expect(() => createBillingClient({ token: "t", baseUrl: "api.test" })).toThrow(/`baseUrl`/);
  });

  it("keeps the token out of the client object", () => {
    const client = createBillingClient({ token: "sk_secret_value", baseUrl: "https://api.test" });
    expect(JSON.stringify(client)).not.toContain("sk_secret_value");
  });
});
