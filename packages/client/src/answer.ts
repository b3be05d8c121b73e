// Reading an attempt's answer as openapi-fetch would, and settling it into
// what an operation call returns: its data, or the typed error of its status.
import { APIError } from "./errors.js";
import type { CallOptions } from "./options.js";

/** An attempt's answer as openapi-fetch gives it. */
export interface RawAnswer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** A success body as JSON (an empty one is `undefined`); a body that is not JSON is an APIError that keeps the text. */
export function parseBody(text: string, response: Response): unknown {
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

/** Reads `response` whole: no body for 204, HEAD or an empty one; a success body parsed; an error body as JSON when it parses, else its text. */
export async function readAnswer(method: string, response: Response): Promise<RawAnswer> {
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
