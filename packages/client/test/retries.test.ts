// Retries with an injected `fetch`: which answers are retried, how often, with what
// backoff and Retry-After, and with one idempotency key. Backoff runs on fake timers.
import { afterEach, describe, expect, it, vi } from "vitest";
import { APIError, backoffDelay, InternalServerError, retryAfterDelay } from "../src/index.ts";
import { restoreClock } from "./clock.ts";
import {
  apiError,
  body,
  client,
  json,
  scripted,
  session,
  UUID_V4,
  useFakeClockWithoutJitter,
} from "./scripted-fetch.ts";

// Every test: real timers and mocks back, and no fake timer left armed.
afterEach(restoreClock);

describe("retries", () => {
  useFakeClockWithoutJitter();

  it.each([408, 409, 429, 500, 502, 503, 504])("retries %i twice by default, then gives up", async (status) => {
    const { requests, fetch } = scripted(apiError(status, "X"));
    const call = client(fetch)
      .createCheckoutSession({ body })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(500 + 1000);
    expect(await call).toMatchObject({ status });
    expect(requests).toHaveLength(3);
  });

  it.each([400, 401, 403, 404, 422])("never retries %i", async (status) => {
    const { requests, fetch } = scripted(apiError(status, "X"), json(200, session));
    await expect(client(fetch).createCheckoutSession({ body })).rejects.toMatchObject({ status });
    expect(requests).toHaveLength(1);
  });

  it("retries a network error and succeeds, keeping the same idempotency key on every attempt", async () => {
    const { requests, fetch } = scripted(new TypeError("fetch failed"), apiError(503, "X"), json(200, session));
    const call = client(fetch).createCheckoutSession({ body });
    await vi.advanceTimersByTimeAsync(1500);
    expect(await call).toEqual(session);
    const keys = requests.map((r) => r.headers.get("idempotency-key"));
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(UUID_V4);
    for (const request of requests) {
      expect(await request.clone().json()).toEqual(body);
    }
  });

  it("uses a fresh key per logical request, and the caller's key when given", async () => {
    const { requests, fetch } = scripted(json(200, session));
    const billing = client(fetch);
    await billing.createCheckoutSession({ body });
    await billing.createCheckoutSession({ body });
    await billing.createCheckoutSession({ body }, { idempotencyKey: "order-42" });
    const keys = requests.map((r) => r.headers.get("idempotency-key"));
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBe("order-42");
  });

  it("waits 0.5 s, then 1 s, doubling to a cap of 8 s", async () => {
    const { requests, fetch } = scripted(apiError(500, "X"));
    const call = client(fetch, { maxRetries: 6 })
      .createCheckoutSession({ body })
      .catch((e: unknown) => e);
    const waits = [500, 1000, 2000, 4000, 8000, 8000];
    for (const [i, wait] of waits.entries()) {
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(requests).toHaveLength(i + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(requests).toHaveLength(i + 2);
    }
    expect(await call).toBeInstanceOf(InternalServerError);
  });

  it.each([
    ["Retry-After in seconds", { "retry-after": "3" }, 3000],
    ["Retry-After as an HTTP date", { "retry-after": "Sat, 21 Nov 2026 10:00:05 GMT" }, 5000],
    ["retry-after-ms", { "retry-after-ms": "1500", "retry-after": "30" }, 1500],
  ])("honours %s", async (_, headers, wait) => {
    vi.setSystemTime(new Date("2026-11-21T10:00:00.000Z"));
    const { requests, fetch } = scripted(apiError(429, "TOO_MANY_REQUESTS", headers), json(200, session));
    const call = client(fetch).createCheckoutSession({ body });
    await vi.advanceTimersByTimeAsync(wait - 1);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    expect(await call).toEqual(session);
  });

  it("ignores a Retry-After beyond 60 s and backs off instead", async () => {
    const { requests, fetch } = scripted(apiError(503, "X", { "retry-after": "3600" }), json(200, session));
    const call = client(fetch).createCheckoutSession({ body });
    await vi.advanceTimersByTimeAsync(500);
    expect(requests).toHaveLength(2);
    await call;
  });

  it("never retries a POST sent without a key once it may have reached the server", async () => {
    for (const answer of [apiError(503, "X"), new TypeError("fetch failed")]) {
      const { requests, fetch } = scripted(answer, json(200, session));
      await expect(client(fetch).createCheckoutSession({ body }, { idempotencyKey: null })).rejects.toBeInstanceOf(
        APIError,
      );
      expect(requests).toHaveLength(1);
      expect(requests[0]!.headers.has("idempotency-key")).toBe(false);
    }
  });

  it("retries a keyless POST whose connection was refused (it never left)", async () => {
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
    const { requests, fetch } = scripted(refused, json(200, session));
    const call = client(fetch).createCheckoutSession({ body }, { idempotencyKey: null });
    await vi.advanceTimersByTimeAsync(500);
    expect(await call).toEqual(session);
    expect(requests).toHaveLength(2);
  });

  it("lets one call change maxRetries", async () => {
    const { requests, fetch } = scripted(apiError(500, "X"));
    await expect(client(fetch).createCheckoutSession({ body }, { maxRetries: 0 })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(requests).toHaveLength(1);
  });
});

describe("backoff and Retry-After helpers", () => {
  it("keeps the backoff within 75-100% of 0.5 s x 2^n, capped at 8 s", () => {
    for (let retry = 0; retry < 10; retry++) {
      const base = Math.min(500 * 2 ** retry, 8000);
      expect(backoffDelay(retry, () => 0)).toBe(base);
      expect(backoffDelay(retry, () => 0.999999)).toBeGreaterThan(base * 0.75);
    }
  });

  it("reads Retry-After forms and refuses what is negative, unreadable or over 60 s", () => {
    const now = Date.parse("2026-11-21T10:00:00Z");
    const at = (headers: Record<string, string>) => retryAfterDelay(new Headers(headers), now);
    expect(at({ "retry-after": "2" })).toBe(2000);
    expect(at({ "retry-after": "0.5" })).toBe(500);
    expect(at({ "retry-after": "Sat, 21 Nov 2026 10:00:10 GMT" })).toBe(10_000);
    expect(at({ "retry-after-ms": "250" })).toBe(250);
    expect(at({ "retry-after": "61" })).toBeUndefined();
    expect(at({ "retry-after": "-1" })).toBeUndefined();
    expect(at({ "retry-after": "soon" })).toBeUndefined();
    expect(at({})).toBeUndefined();
  });
});
