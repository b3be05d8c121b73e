// Path style: openapi-fetch's `request` with retries, idempotency keys and
// timeouts. Success bodies are read as text inside the attempt (so within its
// timeout) and parsed here, so a body that is not JSON becomes an APIError
// that keeps the text.
import { parseBody, type RawAnswer } from "./answer.js";
import { checkHeaders, type RequestOptions, type TransportSettings } from "./options.js";
import { type Attempt, runAttempts } from "./transport.js";

/** openapi-fetch's `request`, seen untyped: the callers' types come from the spec. */
export type RawRequest = (method: string, path: string, init: Record<string, unknown>) => Promise<RawAnswer>;

/** `send(method, path, init, options)`: one path-style call through `request`. */
export function createSender(request: RawRequest, settings: TransportSettings) {
  /** The attempt's answer with its body parsed (kept as openapi-fetch gave it when the caller chose another `parseAs`). */
  const parsed = (answer: RawAnswer) => {
    if (answer.data !== undefined) {
      answer.data = parseBody(answer.data as string, answer.response);
    }
    return answer;
  };
  const asGiven = (answer: RawAnswer) => answer;
  return function send(
    method: string,
    path: string,
    init: Record<string, unknown>,
    options: RequestOptions = {},
  ): Promise<RawAnswer> {
    try {
      checkHeaders(options.headers);
    } catch (error) {
      // A promise that rejects, like every other failure of a call.
      return Promise.reject(error);
    }
    const parseJson = init.parseAs === undefined || init.parseAs === "json";
    const signal = options.signal ?? (init.signal as AbortSignal | undefined);
    const callOptions = signal === options.signal ? options : { ...options, signal };
    const headers = options.headers
      ? { ...(init.headers as Record<string, string> | undefined), ...options.headers }
      : init.headers;
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
