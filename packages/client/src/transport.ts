// The one layer under both call styles: a `fetch` that authenticates, adds an
// idempotency key, times out each attempt, and retries what is safe to retry.
import { APIConnectionError, APIError, APITimeoutError, APIUserAbortError } from "./errors.js";

export type Fetch = (request: Request) => Promise<Response>;

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
  /** Milliseconds one attempt may take, answer body included. */
  timeoutMs?: number;
  /** Retries after the first attempt. */
  maxRetries?: number;
}

export interface TransportSettings {
  token: string;
  fetch: Fetch;
  maxRetries: number;
  timeoutMs: number;
}

const RETRY_STATUSES = new Set([408, 409, 429]);
/** Methods that may be repeated without changing the outcome, key or no key. */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
/** Statuses whose answers have no body (the Response constructor refuses one). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
/** Connection errors that prove the request never left: safe to retry without a key. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
const MAX_RETRY_AFTER_MS = 60_000;

/** Delay before retry number `retry` (0-based): 0.5 s doubling to 8 s, less up to 25% jitter. */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  return Math.min(INITIAL_DELAY_MS * 2 ** retry, MAX_DELAY_MS) * (1 - random() * 0.25);
}

/** The wait the server asks for, in ms, when it asks for one of at most 60 s. */
export function retryAfterDelay(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  const retryAfter = headers.get("retry-after");
  let delay: number | undefined;
  if (ms !== null && ms.trim() !== "" && Number.isFinite(Number(ms))) {
    delay = Number(ms);
  } else if (retryAfter !== null && retryAfter.trim() !== "") {
    delay = Number.isFinite(Number(retryAfter)) ? Number(retryAfter) * 1000 : Date.parse(retryAfter) - now;
  }
  return delay !== undefined && Number.isFinite(delay) && delay >= 0 && delay <= MAX_RETRY_AFTER_MS ? delay : undefined;
}

/** Returns a `fetch` that applies `settings`, adjusted by one call's `options`. */
export function createTransport(settings: TransportSettings) {
  return (options: RequestOptions = {}): Fetch =>
    (request) =>
      send(request, {
        ...settings,
        maxRetries: options.maxRetries ?? settings.maxRetries,
        timeoutMs: options.timeoutMs ?? settings.timeoutMs,
        idempotencyKey: options.idempotencyKey,
      });
}

type Attempt = { response: Response; error?: undefined } | { response?: undefined; error: APIConnectionError };

async function send(
  request: Request,
  settings: TransportSettings & { idempotencyKey: string | null | undefined },
): Promise<Response> {
  const method = request.method.toUpperCase();
  const headers = new Headers(request.headers);
  headers.set("authorization", `Bearer ${settings.token}`);
  if (settings.idempotencyKey === null) headers.delete("idempotency-key");
  else if (settings.idempotencyKey !== undefined) headers.set("idempotency-key", settings.idempotencyKey);
  else if (method === "POST" && !headers.has("idempotency-key")) headers.set("idempotency-key", newIdempotencyKey());

  // A request with a key (or an idempotent method) may be sent again whatever
  // happened to the last attempt; one without may only when it never left.
  const repeatable = headers.has("idempotency-key") || IDEMPOTENT_METHODS.has(method);
  const body = request.body === null ? undefined : await request.arrayBuffer();
  const signal = request.signal;

  for (let retry = 0; ; retry++) {
    if (signal.aborted) throw new APIUserAbortError(signal.reason);
    const attempt = await sendOnce(
      (attemptSignal) => new RedactedRequest(request.url, { method, headers, body, redirect: request.redirect, signal: attemptSignal }),
      signal,
      settings,
    );
    const retryable = attempt.error
      ? repeatable || neverSent(attempt.error)
      : repeatable && (RETRY_STATUSES.has(attempt.response.status) || attempt.response.status >= 500);
    if (!retryable || retry >= settings.maxRetries) {
      if (attempt.error) throw attempt.error;
      return attempt.response;
    }
    const delay = (attempt.response && retryAfterDelay(attempt.response.headers)) ?? backoffDelay(retry);
    await sleep(delay, signal);
  }
}

/** One attempt, answer body read in full, within the timeout. Never throws but for the caller's abort. */
async function sendOnce(
  makeRequest: (signal: AbortSignal) => Request,
  callerSignal: AbortSignal,
  settings: TransportSettings,
): Promise<Attempt> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(callerSignal.reason);
  callerSignal.addEventListener("abort", onAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, settings.timeoutMs);
  try {
    const response = await settings.fetch(makeRequest(controller.signal));
    const payload = NULL_BODY_STATUSES.has(response.status) ? null : await readBody(response, controller.signal);
    const headers = new Headers(response.headers);
    if (payload !== null) headers.set("content-length", String(payload.byteLength));
    return { response: new Answer(payload, { status: response.status, statusText: response.statusText, headers }) };
  } catch (error) {
    if (callerSignal.aborted) throw new APIUserAbortError(callerSignal.reason);
    return { error: timedOut ? new APITimeoutError(settings.timeoutMs) : new APIConnectionError(undefined, error) };
  } finally {
    clearTimeout(timer);
    callerSignal.removeEventListener("abort", onAbort);
  }
}

/** A random UUID v4. Web Crypto's when the runtime has it (Node 19+, browsers, Deno, Bun, edge). */
function newIdempotencyKey(): string {
  const webCrypto = globalThis.crypto as Crypto | undefined;
  if (webCrypto?.randomUUID) return webCrypto.randomUUID();
  // Node 18 has no global Web Crypto: the key must be unique, not secret.
  const bytes = Array.from({ length: 16 }, () => Math.floor(Math.random() * 256));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The whole body, or the signal's reason as soon as it aborts (whatever `fetch` made the answer). */
function readBody(response: Response, signal: AbortSignal): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    response
      .arrayBuffer()
      .then(resolve, reject)
      .finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function neverSent(error: APIConnectionError): boolean {
  const cause = error.cause as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = cause?.cause?.code ?? cause?.code;
  return typeof code === "string" && NOT_SENT_CODES.has(code);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError(signal.reason));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * An answer read in full. Its length is declared, so openapi-fetch parses it
 * with `json()`, which fails with an `APIError` (status, headers, raw body)
 * rather than a bare SyntaxError when the body is not JSON.
 */
class Answer extends Response {
  override async json(): Promise<unknown> {
    const text = await this.text();
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new APIError(`${this.status}: the answer's body is not valid JSON.`, {
        status: this.status,
        body: text,
        headers: this.headers,
        cause,
      });
    }
  }
}

/** A Request whose printed and serialized forms hide the Authorization header. */
class RedactedRequest extends Request {
  [Symbol.for("nodejs.util.inspect.custom")]() {
    const headers = Object.fromEntries([...this.headers].map(([k, v]) => [k, k === "authorization" ? "[redacted]" : v]));
    return { method: this.method, url: this.url, headers };
  }
  toJSON() {
    return { method: this.method, url: this.url };
  }
  override toString() {
    return `Request ${this.method} ${this.url}`;
  }
}
