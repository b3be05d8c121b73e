// The one layer under every call style: each call becomes one or more
// attempts, each with an idempotency key, a timeout that covers the answer's
// body, and a retry when that is safe. An attempt is openapi-fetch's `request`
// (path style, and operations while middleware is registered) or one Request
// built here from the operation's precompiled path (operations otherwise).
// What each costs next to bare openapi-fetch: tooling/bench/results/RESULTS.md.
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
  /**
   * Headers for this call only, over the client's (such as `Prefer` against the
   * mock). `Authorization` is refused: the token is the client's.
   */
  headers?: Record<string, string>;
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
 * What one attempt runs: it sends its request through `send` (which adds the
 * key and the signal), calls `answered` once `fetch` has answered (so that a
 * failure after it is a lost body, not a lost request), and reads the answer.
 */
type Attempt = (send: (request: Request) => Promise<Response>, answered: () => void) => Promise<RawAnswer>;

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

/** Refuses per-call `headers` that are not an object of strings, or that set Authorization; never shows a value (it may be a secret). */
function checkHeaders(value: unknown): void {
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
 * Runs a call as attempts of `attempt`, with idempotency keys, a timeout per
 * attempt and retries when they are safe. Resolves to the last attempt's
 * `{ data, error, response }`, or throws an `APIError` when no attempt got an
 * answer. Both call styles go through it.
 */
async function runAttempts<T>(
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
  const idempotent = IDEMPOTENT_METHODS.has(method);
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
    const timer = timeoutMs === Infinity ? undefined : setTimeout(() => onStop(new APITimeoutError(timeoutMs, target())), timeoutMs);
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
      const cause = controller.signal.aborted && controller.signal.reason instanceof APIError ? controller.signal.reason : error;
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

    // A request with a key (or an idempotent method) may be sent again
    // whatever happened to the last attempt; one without may only when it
    // never left.
    const repeatable = idempotent || key != null;
    const status = result?.response.status ?? 0;
    const retryable = failure ? repeatable || neverSent(failure) : repeatable && (RETRY_STATUSES.has(status) || status >= 500);
    if (!retryable || retry >= maxRetries) {
      if (failure) {
        throw failure;
      }
      return finish(result!);
    }
    await sleep((result && retryAfterDelay(result.response.headers)) ?? backoffDelay(retry), signal);
  }
}

/**
 * Path style: `send(method, path, init, options)` is openapi-fetch's `request`
 * with retries, idempotency keys and timeouts. Success bodies are read as text
 * inside the attempt (so within its timeout) and parsed here, so a body that is
 * not JSON becomes an APIError that keeps the text.
 */
export function createSender(request: RawRequest, settings: TransportSettings) {
  /** The attempt's answer with its body parsed (kept as openapi-fetch gave it when the caller chose another `parseAs`). */
  const parsed = (answer: RawAnswer) => {
    if (answer.data !== undefined) {
      answer.data = parseBody(answer.data as string, answer.response);
    }
    return answer;
  };
  const asGiven = (answer: RawAnswer) => answer;
  return function send(method: string, path: string, init: Record<string, unknown>, options: RequestOptions = {}): Promise<RawAnswer> {
    try {
      checkHeaders(options.headers);
    } catch (error) {
      // A promise that rejects, like every other failure of a call.
      return Promise.reject(error);
    }
    const parseJson = init.parseAs === undefined || init.parseAs === "json";
    const signal = options.signal ?? (init.signal as AbortSignal | undefined);
    const callOptions = signal === options.signal ? options : { ...options, signal };
    const headers = options.headers ? { ...(init.headers as Record<string, string> | undefined), ...options.headers } : init.headers;
    const attempt: Attempt = (send, answered) =>
      request(method, path, {
        ...init,
        headers,
        parseAs: parseJson ? "text" : init.parseAs,
        fetch: (outgoing: Request) =>
          send(outgoing).then((response) => {
            answered();
            return response;
          }),
      });
    return runAttempts(method, path, settings, callOptions, attempt, parseJson ? parsed : asGiven);
  };
}

/** The parts of an operation's path: literal text at even indices, parameter names at odd ones. */
export type PathParts = readonly string[];

/** What an operation call takes, as openapi-fetch names it. */
export interface OperationCall {
  path?: object;
  query?: object;
  body?: unknown;
}

/**
 * Operation style without openapi-fetch: builds one Request from the
 * operation's precompiled path, sends it through `runAttempts` and reads the
 * answer as openapi-fetch would (an empty body is `undefined`; an error body is
 * JSON when it parses, else its text).
 */
export function createDirectCall(baseUrl: string, authorization: string, settings: TransportSettings) {
  return function call(operationId: string, method: string, parts: PathParts, input: OperationCall, options: CallOptions = {}): Promise<unknown> {
    let url = baseUrl + parts[0];
    let body: string | undefined;
    try {
      checkHeaders(options.headers);
      for (let i = 1; i < parts.length; i += 2) {
        const value = (input.path as Record<string, unknown> | undefined)?.[parts[i]!];
        if (value === undefined || value === null || value === "") {
          throw new TypeError(`${operationId}: the path parameter \`${parts[i]}\` is required, got ${value === "" ? '""' : String(value)}.`);
        }
        url += encodeURIComponent(String(value)) + parts[i + 1];
      }
      if (input.query) {
        url += queryString(input.query as Record<string, unknown>);
      }
      body = input.body === undefined ? undefined : JSON.stringify(input.body);
    } catch (error) {
      // A promise that rejects, like every other failure of a call.
      return Promise.reject(error);
    }
    const headers: Record<string, string> = { ...options.headers, authorization };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
    }
    const attempt: Attempt = async (send, answered) => {
      const response = await send(new RedactedRequest(url, { method, headers, body }));
      answered();
      if (response.status === 204 || method === "HEAD" || response.headers.get("content-length") === "0") {
        await response.body?.cancel();
        return { response };
      }
      const text = await response.text();
      if (response.ok) {
        return { data: parseBody(text, response), response };
      }
      let error: unknown = text;
      try {
        error = JSON.parse(text);
      } catch {}
      return { error, response };
    };
    // `send` records the URL as the attempt starts, before anything can fail, so the path here is only a fallback.
    return runAttempts(method, parts[0]!, settings, options, attempt, (answer) => settle(answer, options));
  };
}

/** Per-call settings of an operation, and `withResponse` to get the answer's status, headers and request id with the data. */
export interface CallOptions extends RequestOptions {
  withResponse?: boolean;
}

/** An operation's data (with its answer, when asked), or the typed error of an error status. */
export function settle({ data, error, response }: RawAnswer, options: CallOptions | undefined): unknown {
  if (error !== undefined || !response.ok) {
    throw APIError.fromResponse(response.status, error, response.headers);
  }
  if (!options?.withResponse) {
    return data;
  }
  const { status, headers } = response;
  return { data, response, status, headers, requestId: headers.get("x-request-id") ?? undefined };
}

/** `?a=1&b=x&b=y&c[d]=2`: openapi-fetch's default query (arrays exploded, objects as deepObject), undefined and null left out. */
function queryString(query: Record<string, unknown>): string {
  const pairs: string[] = [];
  const add = (name: string, value: unknown) => {
    if (value === undefined || value === null) {
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) {
        add(name, item);
      }
    } else if (typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        add(`${name}[${key}]`, inner);
      }
    } else {
      pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
    }
  };
  for (const [name, value] of Object.entries(query)) {
    add(name, value);
  }
  return pairs.length ? `?${pairs.join("&")}` : "";
}

/** A Request whose printed and serialized forms leave out its headers, and so the token. */
export class RedactedRequest extends Request {
  toJSON() {
    return { method: this.method, url: this.url };
  }
  [Symbol.for("nodejs.util.inspect.custom")]() {
    return this.toJSON();
  }
}

/** Throws a TypeError naming the option, its rule and the value given, when `problem` finds one. */
export function checkOption(where: string, name: string, value: unknown, problem: (value: unknown) => string | undefined): void {
  const rule = problem(value);
  if (rule === undefined) {
    return;
  }
  const shown = typeof value === "number" || value === undefined ? String(value) : JSON.stringify(value);
  throw new TypeError(`${where} \`${name}\` ${rule}, got ${shown}.`);
}

function parseBody(text: string, response: Response): unknown {
  if (text === "") {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new APIError(`${response.status}: the answer's body is not valid JSON.`, {
      status: response.status,
      rawBody: text,
      headers: response.headers,
      cause,
    });
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
    if (typeof code === "string") {
      return code;
    }
    messages.push(next.message ?? next);
  }
  return [(error as Error | undefined)?.name ?? "Error", ...messages].join(": ");
}

/** A rejection of `fetch` or of reading the body: the request got no (whole) answer. */
function connectionError(cause: unknown, what: string): APIConnectionError {
  return new APIConnectionError(`Connection error: ${what} (${failureReason(cause)}).`, cause);
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
