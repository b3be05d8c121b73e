// The one layer under both call styles: each call becomes one or more
// attempts of openapi-fetch's `request`, each with an idempotency key, a
// timeout that covers the answer's body, and a retry when that is safe.
// It adds no Request or Response of its own, so a call costs about what
// openapi-fetch alone costs (see tooling/bench/results/RESULTS.md).
import { APIConnectionError, APIError, APITimeoutError, APIUserAbortError } from "./errors.js";

/**
 * A `fetch` to send each attempt with. The attempt's `signal` (its timeout,
 * and your `signal`) comes in `init`, as with `fetch(request, init)`: pass it
 * on, or a timed-out attempt keeps its connection open until it ends.
 */
export type Fetch = (request: Request, init?: { signal: AbortSignal }) => Promise<Response>;

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
}

export interface TransportSettings {
  fetch: Fetch;
  maxRetries: number;
  timeoutMs: number;
}

/** openapi-fetch's `request`, seen untyped: the callers' types come from the spec. */
export type RawRequest = (method: string, path: string, init: Record<string, unknown>) => Promise<RawAnswer>;
export interface RawAnswer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * The longest timeout: 2^31 − 1 ms, about 24.8 days. Every platform's
 * `setTimeout` fires at once (or every millisecond) for a longer delay.
 */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** What is wrong with a `timeoutMs` value, or undefined when it is valid. */
export function timeoutProblem(value: unknown): string | undefined {
  const valid = typeof value === "number" && value > 0 && (value <= MAX_TIMEOUT_MS || value === Infinity);
  return valid ? undefined : `must be a number of milliseconds above 0 and at most ${MAX_TIMEOUT_MS}, or Infinity for no timeout`;
}

/** What is wrong with a `maxRetries` value, or undefined when it is valid. */
export function maxRetriesProblem(value: unknown): string | undefined {
  return Number.isInteger(value) && (value as number) >= 0 ? undefined : "must be a whole number >= 0";
}

const KEY = "idempotency-key";
const RETRY_STATUSES = new Set([408, 409, 429]);
/** Methods that may be repeated without changing the outcome, key or no key. */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
/** Connection errors that prove the request never left: safe to retry without a key. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

/** Delay before retry number `retry` (0-based): 0.5 s doubling to 8 s, less up to 25% jitter. */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  return Math.min(500 * 2 ** retry, 8_000) * (1 - random() * 0.25);
}

/** The wait the server asks for, in ms, when it asks for one of at most 60 s. */
export function retryAfterDelay(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms")?.trim();
  const after = headers.get("retry-after")?.trim();
  const delay = ms && Number.isFinite(+ms) ? +ms : after ? (Number.isFinite(+after) ? +after * 1000 : Date.parse(after) - now) : NaN;
  return delay >= 0 && delay <= 60_000 ? delay : undefined;
}

/**
 * Returns `send(method, path, init, options)`: openapi-fetch's `request` with
 * retries, idempotency keys and timeouts. It resolves to openapi-fetch's
 * `{ data, error, response }` of the last attempt, or throws an `APIError`
 * when no attempt got an answer.
 */
export function createSender(request: RawRequest, settings: TransportSettings) {
  return async function send(method: string, path: string, init: Record<string, unknown>, options: RequestOptions = {}): Promise<RawAnswer> {
    const signal = options.signal ?? (init.signal as AbortSignal | undefined);
    // The client's own settings were checked when it was made; only a call's overrides are checked here.
    if (options.maxRetries != null) checkOption("Request option", "maxRetries", options.maxRetries, maxRetriesProblem);
    if (options.timeoutMs != null) checkOption("Request option", "timeoutMs", options.timeoutMs, timeoutProblem);
    const maxRetries = options.maxRetries ?? settings.maxRetries;
    const timeoutMs = options.timeoutMs ?? settings.timeoutMs;
    const idempotent = IDEMPOTENT_METHODS.has(method);
    let key = options.idempotencyKey;

    // openapi-fetch is asked for the body as text, which it reads inside the
    // attempt (so within the timeout); the client parses it, so a body that
    // is not JSON becomes an APIError that keeps the text.
    const parseJson = init.parseAs === undefined || init.parseAs === "json";
    const attemptInit: Record<string, unknown> = parseJson ? { ...init, parseAs: "text" } : { ...init };

    for (let retry = 0; ; retry++) {
      if (signal?.aborted) throw new APIUserAbortError(signal.reason);
      // The attempt's signal is made only if `fetch` asks for it.
      let controller: AbortController | undefined;
      const fetchInit = {
        get signal() {
          // biome-ignore lint/suspicious/noAssignInExpressions: the controller is made on first use only.
          return (controller ??= new AbortController()).signal;
        },
      };
      // The URL the attempt went to, for error messages (path and query are filled in by openapi-fetch).
      let url: string | undefined;
      const target = () => (url ? describeRequest(method, url) : `${method} ${path}`);
      attemptInit.fetch = (outgoing: Request) => {
        url = outgoing.url;
        if (key === null) outgoing.headers.delete(KEY);
        // biome-ignore lint/suspicious/noAssignInExpressions: the key is chosen once, on the first attempt, and kept for the retries.
        else if (key !== undefined || !idempotent) outgoing.headers.set(KEY, (key ??= outgoing.headers.get(KEY) ?? newIdempotencyKey()));
        return settings.fetch(outgoing, fetchInit).then(
          (response) => {
            const text = response.text;
            response.text = () => text.call(response).catch((cause) => connectionError(cause, `${target()} lost its answer's body`));
            return response;
          },
          (cause) => connectionError(cause, `${target()} got no answer`),
        );
      };

      // The attempt ends at its timeout or the caller's abort, whichever comes
      // first, even if `fetch` ignores the signal or the body never ends. Each
      // attempt has a timer of its own, armed here and cleared when it ends:
      // timers count elapsed time, so a step of the wall clock changes nothing.
      let stop!: (error: APIError) => void;
      let stopped: APIError | undefined;
      const onStop = (error: APIError) => {
        stopped = error;
        stop(error);
        controller?.abort(error);
      };
      const timer = timeoutMs === Infinity ? undefined : setTimeout(() => onStop(new APITimeoutError(timeoutMs, target())), timeoutMs);
      const onAbort = () => onStop(new APIUserAbortError(signal!.reason));
      signal?.addEventListener("abort", onAbort);

      let result: RawAnswer | undefined;
      let failure: APIConnectionError | undefined;
      try {
        result = await new Promise<RawAnswer>((resolve, reject) => {
          stop = reject;
          request(method, path, attemptInit).then(resolve, reject);
        });
      } catch (error) {
        const cause = stopped ?? error;
        if (!(cause instanceof APIConnectionError)) throw cause;
        failure = cause;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      }
      if (parseJson && result && result.data !== undefined) result.data = parseBody(result.data as string, result.response);

      // A request with a key (or an idempotent method) may be sent again
      // whatever happened to the last attempt; one without may only when it
      // never left.
      const repeatable = idempotent || key != null;
      const status = result?.response.status ?? 0;
      const retryable = failure ? repeatable || neverSent(failure) : repeatable && (RETRY_STATUSES.has(status) || status >= 500);
      if (!retryable || retry >= maxRetries) {
        if (failure) throw failure;
        return result!;
      }
      await sleep((result && retryAfterDelay(result.response.headers)) ?? backoffDelay(retry), signal);
    }
  };
}

/** Throws a TypeError naming the option, its rule and the value given, when `problem` finds one. */
export function checkOption(where: string, name: string, value: unknown, problem: (value: unknown) => string | undefined): void {
  const rule = problem(value);
  if (rule === undefined) return;
  const shown = typeof value === "number" || value === undefined ? String(value) : JSON.stringify(value);
  throw new TypeError(`${where} \`${name}\` ${rule}, got ${shown}.`);
}

function parseBody(text: string, response: Response): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new APIError(`${response.status}: the answer's body is not valid JSON.`, { status: response.status, body: text, headers: response.headers, cause });
  }
}

/**
 * `METHOD URL` for an error message, without the query's values (they may
 * hold secrets), as in `GET https://api.example.com/items?cursor=…`.
 */
function describeRequest(method: string, url: string): string {
  const { origin, pathname, searchParams } = new URL(url);
  const names = [...new Set(searchParams.keys())].map((name) => `${name}=…`);
  return `${method} ${origin}${pathname}${names.length ? `?${names.join("&")}` : ""}`;
}

/**
 * Why a request got no answer, from what `fetch` threw: the system's error
 * code (ECONNREFUSED, ENOTFOUND, …) found down the chain of causes (or in an
 * AggregateError's first error), or else the error's name and the messages
 * down the chain, as in `TypeError: fetch failed: bad port`.
 */
function failureReason(error: unknown): string {
  const messages = [];
  for (
    let next = error as { code?: unknown; errors?: Array<{ code?: unknown }>; message?: unknown; cause?: unknown } | undefined, depth = 0;
    next && depth < 5;
    next = next.cause as typeof next, depth++
  ) {
    const code = next.code ?? next.errors?.[0]?.code;
    if (typeof code === "string") return code;
    messages.push(next.message ?? next);
  }
  return [(error as Error | undefined)?.name ?? "Error", ...messages].join(": ");
}

/** A rejection of `fetch` or of reading the body: the request got no (whole) answer. */
function connectionError(cause: unknown, what: string): never {
  throw cause instanceof APIError ? cause : new APIConnectionError(`Connection error: ${what} (${failureReason(cause)}).`, cause);
}

/** A random UUID v4 (Web Crypto: Node 19+, browsers, Deno, Bun, edge). */
const newIdempotencyKey = () => crypto.randomUUID();

function neverSent(error: APIConnectionError): boolean {
  const cause = error.cause as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = cause?.cause?.code ?? cause?.code;
  return typeof code === "string" && NOT_SENT_CODES.has(code);
}

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
