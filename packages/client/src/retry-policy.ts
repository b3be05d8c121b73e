// When a call is tried again, and after how long: the retry decision, the
// backoff and the server's Retry-After.
import type { APIConnectionError } from "./errors.js";

const RETRY_STATUSES = new Set([408, 409, 429]);
/** Methods that may be repeated without changing the outcome, key or no key. */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
/** Connection errors that prove the request never left: safe to retry without a key. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

/** Whether `method` may be repeated without changing the outcome, key or no key. */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method);
}

/**
 * Whether an attempt may be tried again. A request with a key (or an
 * idempotent method) may be sent again whatever happened to the last attempt:
 * on a connection failure, or on 408, 409, 429 and 5xx. One without may only
 * when it provably never left.
 */
export function shouldRetry(repeatable: boolean, failure: APIConnectionError | undefined, status: number): boolean {
  if (failure) {
    return repeatable || neverSent(failure);
  }
  return repeatable && (RETRY_STATUSES.has(status) || status >= 500);
}

function neverSent(error: APIConnectionError): boolean {
  const cause = error.cause as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = cause?.cause?.code ?? cause?.code;
  return typeof code === "string" && NOT_SENT_CODES.has(code);
}

/** Delay before retry number `retry` (0-based): 0.5 s doubling to 8 s, less up to 25% jitter. */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  return Math.min(500 * 2 ** retry, 8_000) * (1 - random() * 0.25);
}

/** The wait the server asks for, in ms, when it asks for one of at most 60 s. */
export function retryAfterDelay(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms")?.trim();
  const after = headers.get("retry-after")?.trim();
  const delay =
    ms && Number.isFinite(+ms)
      ? +ms
      : after
        ? Number.isFinite(+after)
          ? +after * 1000
          : Date.parse(after) - now
        : NaN;
  return delay >= 0 && delay <= 60_000 ? delay : undefined;
}
