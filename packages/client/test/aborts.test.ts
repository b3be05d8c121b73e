// Timeouts and aborts on fake timers, with an injected `fetch` that can hang
// (timeouts.test.ts has them on the real clock).
import { afterEach, describe, expect, it, vi } from "vitest";
import { APIConnectionError, APITimeoutError, APIUserAbortError } from "../src/index.ts";
import { restoreClock } from "./clock.ts";
import { apiError, BASE, body, client, json, scripted, session, useFakeClockWithoutJitter } from "./scripted-fetch.ts";

// Every test: real timers and mocks back, and no fake timer left armed.
afterEach(restoreClock);

describe("timeouts and aborts", () => {
  useFakeClockWithoutJitter();

  it("times out each attempt, retries, then throws APITimeoutError", async () => {
    const { requests, fetch } = scripted("hang");
    const call = client(fetch, { timeoutMs: 1000 })
      .createCheckoutSession({ body })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000 + 500 + 1000 + 1000 + 1000);
    const error = await call;
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toBe(`Request timed out after 1000 ms: POST ${BASE}/checkout-sessions.`);
    expect(requests).toHaveLength(3);
  });

  it("counts reading the answer's body in the timeout", async () => {
    const stalled = new Response(new ReadableStream({ start() {} }), { status: 200 });
    const { fetch } = scripted(stalled);
    const call = client(fetch, { timeoutMs: 200, maxRetries: 0 })
      .createCheckoutSession({ body })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(200);
    expect(await call).toBeInstanceOf(APITimeoutError);
  });

  it("lets one call change its timeout", async () => {
    const { fetch } = scripted("hang");
    const call = client(fetch)
      .createCheckoutSession({ body }, { timeoutMs: 50, maxRetries: 0 })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(50);
    expect(await call).toBeInstanceOf(APITimeoutError);
  });

  it("times out concurrent attempts each at its own deadline, whatever order they started in", async () => {
    const billing = client(scripted("hang").fetch, { maxRetries: 0 });
    const settled: string[] = [];
    const slow = billing.createCheckoutSession({ body }, { timeoutMs: 300 }).catch(() => settled.push("300 ms"));
    const fast = billing.createCheckoutSession({ body }, { timeoutMs: 50 }).catch(() => settled.push("50 ms"));
    await vi.advanceTimersByTimeAsync(49);
    expect(settled).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toEqual(["50 ms"]);
    await vi.advanceTimersByTimeAsync(249);
    expect(settled).toEqual(["50 ms"]);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all([slow, fast]);
    expect(settled).toEqual(["50 ms", "300 ms"]);
  });

  it("stops the request in flight and every retry at once when the signal aborts", async () => {
    const { requests, fetch } = scripted("hang");
    const controller = new AbortController();
    const call = client(fetch)
      .createCheckoutSession({ body }, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    expect(await call).toBeInstanceOf(APIUserAbortError);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests).toHaveLength(1);
  });

  it("stops waiting for a retry when the signal aborts during the backoff", async () => {
    const { requests, fetch } = scripted(apiError(503, "X"));
    const controller = new AbortController();
    const call = client(fetch)
      .POST("/checkout-sessions", { body, signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect(await call).toBeInstanceOf(APIUserAbortError);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(requests).toHaveLength(1);
  });

  it("does not start when the signal is already aborted", async () => {
    const { requests, fetch } = scripted(json(200, session));
    const error = await client(fetch)
      .createCheckoutSession({ body }, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(requests).toHaveLength(0);
  });
});
