// Operation style without openapi-fetch: one Request built from the
// operation's precompiled path, sent through the attempt loop and read as
// openapi-fetch would read it.
import { readAnswer, settle } from "./answer.js";
import { type CallOptions, checkHeaders, type TransportSettings } from "./options.js";
import { queryString } from "./query.js";
import { RedactedRequest } from "./redaction.js";
import { type Attempt, runAttempts } from "./transport.js";

/** The parts of an operation's path: literal text at even indices, parameter names at odd ones. */
export type PathParts = readonly string[];

/** What an operation call takes, as openapi-fetch names it. */
export interface OperationCall {
  path?: object;
  query?: object;
  body?: unknown;
}

/** The URL of one operation call, query included; throws a TypeError naming a path parameter that is missing. */
function buildUrl(operationId: string, baseUrl: string, parts: PathParts, input: OperationCall): string {
  let url = baseUrl + parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const value = (input.path as Record<string, unknown> | undefined)?.[parts[i]!];
    if (value === undefined || value === null || value === "") {
      throw new TypeError(
        `${operationId}: the path parameter \`${parts[i]}\` is required, got ${value === "" ? '""' : String(value)}.`,
      );
    }
    url += encodeURIComponent(String(value)) + parts[i + 1];
  }
  if (input.query) {
    url += queryString(input.query as Record<string, unknown>);
  }
  return url;
}

/** Sends operation calls as Requests built here, with `authorization` and the client's settings. */
export function createDirectCall(baseUrl: string, authorization: string, settings: TransportSettings) {
  return function call(
    operationId: string,
    method: string,
    parts: PathParts,
    input: OperationCall,
    options: CallOptions = {},
  ): Promise<unknown> {
    let url: string;
    let body: string | undefined;
    try {
      checkHeaders(options.headers);
      url = buildUrl(operationId, baseUrl, parts, input);
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
      return readAnswer(method, response);
    };
    // `send` records the URL as the attempt starts, before anything can fail, so the path here is only a fallback.
    return runAttempts(method, parts[0]!, settings, options, attempt, (answer) => settle(answer, options));
  };
}
