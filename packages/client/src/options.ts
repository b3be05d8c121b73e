// The options a call may override, and the checks every option goes through:
// a wrong value is a TypeError that names the option, its rule and the value
// (never a header's value, which may be a secret).
import type { Fetch } from "./transport.js";

/** Per-call settings; the client's settings apply where one is left out. */
export interface RequestOptions {
  /** Stops the request, and any retry still to come, at once. */
  signal?: AbortSignal;
  /**
   * The `Idempotency-Key` to send, the same on every attempt. POSTs get a random
   * UUID v4 when none is given; `null` sends none, and then a POST is never
   * retried once it may have reached the server.
   */
  idempotencyKey?: string | null;
  /**
   * Milliseconds one attempt may take, answer body included: more than 0 and at
   * most `MAX_TIMEOUT_MS` (about 24.8 days), or `Infinity` for no timeout.
   */
  timeoutMs?: number;
  /** Retries after the first attempt. */
  maxRetries?: number;
  /**
   * Headers for this call only, over the client's (such as `Prefer` against the
   * mock). `Authorization` is refused: the token is the client's.
   */
  headers?: Record<string, string>;
}

/** Per-call settings of an operation, and `withResponse` to get the answer's status, headers and request id with the data. */
export interface CallOptions extends RequestOptions {
  withResponse?: boolean;
}

/** The client's own settings, checked when it was made. */
export interface TransportSettings {
  fetch: Fetch;
  maxRetries: number;
  timeoutMs: number;
}

/**
 * The longest timeout: 2^31 − 1 ms, about 24.8 days. Every platform's
 * `setTimeout` fires at once (or every millisecond) for a longer delay.
 */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** What is wrong with a `timeoutMs` value, or undefined when it is valid. */
export function timeoutProblem(value: unknown): string | undefined {
  const valid = typeof value === "number" && value > 0 && (value <= MAX_TIMEOUT_MS || value === Infinity);
  return valid
    ? undefined
    : `must be a number of milliseconds above 0 and at most ${MAX_TIMEOUT_MS}, or Infinity for no timeout`;
}

/** What is wrong with a `maxRetries` value, or undefined when it is valid. */
export function maxRetriesProblem(value: unknown): string | undefined {
  return Number.isInteger(value) && (value as number) >= 0 ? undefined : "must be a whole number >= 0";
}

/** Refuses per-call `headers` that are not an object of strings, or that set Authorization; never shows a value (it may be a secret). */
export function checkHeaders(value: unknown): void {
  const problem = value === undefined ? undefined : headersProblem(value);
  if (problem) {
    throw new TypeError(`Request option \`headers\` ${problem}.`);
  }
}

function headersProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return "must be an object of header names and string values";
  }
  for (const [name, text] of Object.entries(value)) {
    if (name.toLowerCase() === "authorization") {
      return "must not set Authorization (the token is the client's: create a client with another token)";
    }
    if (typeof text !== "string") {
      return `must hold strings (${name} is not one)`;
    }
  }
  return undefined;
}

/** Throws a TypeError naming the option, its rule and the value given, when `problem` finds one. */
export function checkOption(
  where: string,
  name: string,
  value: unknown,
  problem: (value: unknown) => string | undefined,
): void {
  const rule = problem(value);
  if (rule === undefined) {
    return;
  }
  const shown = typeof value === "number" || value === undefined ? String(value) : JSON.stringify(value);
  throw new TypeError(`${where} \`${name}\` ${rule}, got ${shown}.`);
}
