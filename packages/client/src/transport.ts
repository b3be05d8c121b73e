// The attempt loop under every call style: each call becomes one or more
// attempts, each with an idempotency key, a timeout that covers the answer's
// body, and a retry when src/retry-policy.ts allows one. An attempt is
// openapi-fetch's `request` (src/path-style.ts: path style, and operations
// while middleware is registered) or one Request built from the operation's
// precompiled path (src/direct-call.ts: operations otherwise).
// What each costs next to bare openapi-fetch: tooling/bench/results/RESULTS.md.
import type { RawAnswer } from "./answer.js";
import { APIConnectionError, APIError, APITimeoutError, APIUserAbortError } from "./errors.js";
import {
  checkOption,
  maxRetriesProblem,
  type RequestOptions,
  type TransportSettings,
  timeoutProblem,
} from "./options.js";
import { connectionError, describeRequest } from "./redaction.js";
import { backoffDelay, isIdempotent, retryAfterDelay, shouldRetry } from "./retry-policy.js";

/**
 * A `fetch` to send each attempt with. The attempt's `signal` (its timeout,
 * and your `signal`) comes in `init`, as with `fetch(request, init)`: pass it
 * on, or a timed-out attempt keeps its connection open until it ends.
 */
export type Fetch = (request: Request, init?: { signal: AbortSignal }) => Promise<Response>;

/**
 * What one attempt runs: it sends its request through `send` (which adds the
 * key and the signal), calls `answered` once `fetch` has answered (so that a
 * failure after it is a lost body, not a lost request), and reads the answer.
 */
export type Attempt = (send: (request: Request) => Promise<Response>, answered: () => void) => Promise<RawAnswer>;

/**
 * The `init` an attempt hands `fetch`: its signal is made only when `fetch`
 * reads it (making one costs more than the rest of the attempt's bookkeeping).
 */
class AttemptInit {
  readonly controller = new AbortController();
  get signal(): AbortSignal {
    return this.controller.signal;
  }
}

const KEY = "idempotency-key";

/**
 * Runs a call as attempts of `attempt`, with idempotency keys, a timeout per
 * attempt and retries when they are safe. Resolves to the last attempt's
 * `{ data, error, response }`, or throws an `APIError` when no attempt got an
 * answer. Both call styles go through it.
 */
export async function runAttempts<T>(
  method: string,
  path: string,
  settings: TransportSettings,
  options: RequestOptions,
  attempt: Attempt,
  finish: (answer: RawAnswer) => T,
): Promise<T> {
  const signal = options.signal;
  // The client's own settings were checked when it was made; only a call's overrides are checked here.
  if (options.maxRetries != null) {
    checkOption("Request option", "maxRetries", options.maxRetries, maxRetriesProblem);
  }
  if (options.timeoutMs != null) {
    checkOption("Request option", "timeoutMs", options.timeoutMs, timeoutProblem);
  }
  const maxRetries = options.maxRetries ?? settings.maxRetries;
  const timeoutMs = options.timeoutMs ?? settings.timeoutMs;
  const idempotent = isIdempotent(method);
  let key = options.idempotencyKey;

  for (let retry = 0; ; retry++) {
    if (signal?.aborted) {
      throw new APIUserAbortError(signal.reason);
    }
    const init = new AttemptInit();
    const { controller } = init;
    // The URL the attempt went to, for error messages; whether `fetch` answered, to tell a lost body from no answer.
    let url: string | undefined;
    let answered = false;
    const target = () => (url ? describeRequest(method, url) : `${method} ${path}`);
    const send = (outgoing: Request) => {
      url = outgoing.url;
      if (key === null) {
        outgoing.headers.delete(KEY);
      } else if (key !== undefined || !idempotent) {
        // The key is chosen once, on the first attempt, and kept for the retries.
        key ??= outgoing.headers.get(KEY) ?? newIdempotencyKey();
        outgoing.headers.set(KEY, key);
      }
      return settings.fetch(outgoing, init);
    };

    // The attempt ends at its timeout or the caller's abort, whichever comes
    // first, even if `fetch` ignores the signal or the body never ends. Each
    // attempt has a timer of its own, armed here and cleared when it ends:
    // timers count elapsed time, so a step of the wall clock changes nothing.
    let stop!: (error: APIError) => void;
    const onStop = (error: APIError) => {
      stop(error);
      controller.abort(error);
    };
    const timer =
      timeoutMs === Infinity
        ? undefined
        : setTimeout(() => onStop(new APITimeoutError(timeoutMs, target())), timeoutMs);
    const onAbort = () => onStop(new APIUserAbortError(signal!.reason));
    signal?.addEventListener("abort", onAbort);

    let result: RawAnswer | undefined;
    let failure: APIConnectionError | undefined;
    try {
      result = await new Promise<RawAnswer>((resolve, reject) => {
        stop = reject;
        attempt(send, () => {
          answered = true;
        }).then(resolve, reject);
      });
    } catch (error) {
      const cause =
        controller.signal.aborted && controller.signal.reason instanceof APIError ? controller.signal.reason : error;
      if (cause instanceof APIConnectionError) {
        failure = cause;
      } else if (cause instanceof APIError) {
        throw cause;
      } else {
        failure = connectionError(cause, `${target()} ${answered ? "lost its answer's body" : "got no answer"}`);
      }
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }

    const retryable = shouldRetry(idempotent || key != null, failure, result?.response.status ?? 0);
    if (!retryable || retry >= maxRetries) {
      if (failure) {
        throw failure;
      }
      return finish(result!);
    }
    await sleep((result && retryAfterDelay(result.response.headers)) ?? backoffDelay(retry), signal);
  }
}

/** A random UUID v4 (Web Crypto: Node 19+, browsers, Deno, Bun, edge). */
const newIdempotencyKey = () => crypto.randomUUID();

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError(signal!.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
