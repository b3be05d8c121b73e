// The unit tests' scripted fetch and the client they call with it: nothing is
// mocked, the client just calls what it is given.
import { beforeEach, vi } from "vitest";
import { createBillingClient, type Fetch } from "../src/index.ts";
import { SESSION_ANSWER, SESSION_REQUEST } from "./spec-examples.ts";

export const TOKEN = "sk_test_unit_secret_4242";
export const BASE = "https://api.test/api/v1";
export const body = SESSION_REQUEST;
export const session = SESSION_ANSWER;
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export type Answer = Response | Error | "hang";
/** A fetch that records every request and answers with the next item of `answers` (the last one repeats). */
export function scripted(...answers: Answer[]) {
  const requests: Request[] = [];
  const fetch: Fetch = (request, init) => {
    requests.push(request);
    const answer = answers[Math.min(requests.length, answers.length) - 1]!;
    if (answer === "hang") {
      const signal = init!.signal;
      return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
    }
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer.clone());
  };
  return { requests, fetch };
}

export const json = (status: number, payload: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(payload), { status, headers: { "content-type": "application/json", ...headers } });
export const apiError = (status: number, code: string, extra: Record<string, string> = {}) =>
  json(status, { code, message: `${code} happened` }, { "x-request-id": `req_${status}`, ...extra });

export function client(fetch: Fetch, options: { maxRetries?: number; timeoutMs?: number } = {}) {
  return createBillingClient({ token: TOKEN, baseUrl: BASE, fetch, ...options });
}

/**
 * Fake timers for the backoff, and no jitter, so waits are exact. Every test
 * settles its calls, so none may leave a timer armed behind it.
 */
export function useFakeClockWithoutJitter() {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0);
  });
}
