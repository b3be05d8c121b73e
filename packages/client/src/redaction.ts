// What a call may show of itself: a Request that prints without its headers
// (so without the token), a target without the query's values, and a
// connection failure's reason.
import { APIConnectionError } from "./errors.js";

/** A Request whose printed and serialized forms leave out its headers, and so the token. */
export class RedactedRequest extends Request {
  toJSON() {
    return { method: this.method, url: this.url };
  }
  [Symbol.for("nodejs.util.inspect.custom")]() {
    return this.toJSON();
  }
}

/**
 * `METHOD URL` for an error message, without the query's values (they may
 * hold secrets), as in `GET https://api.example.com/items?cursor=…`.
 */
export function describeRequest(method: string, url: string): string {
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
    let next = error as
        | { code?: unknown; errors?: Array<{ code?: unknown }>; message?: unknown; cause?: unknown }
        | undefined,
      depth = 0;
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
export function connectionError(cause: unknown, what: string): APIConnectionError {
  return new APIConnectionError(`Connection error: ${what} (${failureReason(cause)}).`, cause);
}
