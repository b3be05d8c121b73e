// Sends one request of an operation to the mock through @billing-api/client,
// in either call style, and reports what came back in one shape. Every answer
// is recorded for the coverage report.

import { APIError, createBillingClient, type WithResponse } from "@billing-api/client";
import { inject } from "vitest";
import type { Operation } from "../../src/spec.ts";
import { recordExercised } from "./coverage.ts";

export type Style = "path" | "operation";
export const STYLES: readonly Style[] = ["path", "operation"];

export const TEST_TOKEN = "test_token_contract_suite";

/**
 * How long one request may wait for the shared mock: a backstop for a mock that stopped
 * answering, not a measure. Every test file sends to the one mock at once, and it answers one
 * request at a time (a dynamic proposal takes it a third of a second of CPU); beside stress-ng
 * --cpu 8 and other builds, a request waited behind the others for more than 15 s.
 */
export const MOCK_PATIENCE_MS = 300_000;

export interface RequestParts {
  path?: Record<string, string>;
  body?: unknown;
  /** The `Prefer` header Prism reads: `code=…`, `example=…`, `dynamic=true`, `seed=…`. */
  prefer?: string;
  /** Edits the request just before it leaves (drop the token, change the content type, …). */
  transform?: (request: Request) => Request;
}

export interface Outcome {
  style: Style;
  status: number;
  /** The parsed answer body: the data of a success, the error body otherwise. */
  body: unknown;
  headers: Headers;
  /** Operation style only: what the method threw (an `APIError` subclass for an error answer). */
  thrown?: unknown;
}

type PathStyleCall = (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
type OperationStyleCall = (input: object, options?: object) => Promise<unknown>;

export async function send(operation: Operation, style: Style, parts: RequestParts = {}): Promise<Outcome> {
  const client = createBillingClient({
    token: TEST_TOKEN,
    baseUrl: inject("mockUrl"),
    maxRetries: 0,
    timeoutMs: MOCK_PATIENCE_MS,
    fetch: async (request, init) => {
      const answer = await fetch(parts.transform ? parts.transform(request) : request, init);
      recordExercised({ operation: operation.id, status: answer.status, style });
      return answer;
    },
  });
  const input = { path: parts.path, body: parts.body };
  // `Prefer` goes with the call, as a user sends it: a header of its own, in either style.
  const headers = parts.prefer ? { Prefer: parts.prefer } : undefined;

  if (style === "path") {
    const call = (client as unknown as Record<string, PathStyleCall>)[operation.method.toUpperCase()]!;
    const { data, error, response } = await call(operation.path, {
      params: { path: input.path },
      body: input.body,
      headers,
    });
    return { style, status: response.status, body: data ?? error, headers: response.headers };
  }

  const method = (client as unknown as Record<string, OperationStyleCall>)[operation.id];
  if (!method) {
    throw new Error(`The client has no method ${operation.id}: regenerate it with \`pnpm generate\`.`);
  }
  try {
    const {
      data,
      status,
      headers: answered,
    } = (await method(input, { headers, withResponse: true })) as WithResponse<unknown>;
    return { style, status, body: data, headers: answered };
  } catch (thrown) {
    if (!(thrown instanceof APIError) || thrown.status === undefined) {
      throw thrown;
    }
    return { style, status: thrown.status, body: thrown.rawBody, headers: thrown.headers!, thrown };
  }
}

/** A copy of the request with one header set, or removed when `value` is null. */
export function withHeader(name: string, value: string | null) {
  return (request: Request): Request => {
    const copy = new Request(request);
    if (value === null) {
      copy.headers.delete(name);
    } else {
      copy.headers.set(name, value);
    }
    return copy;
  };
}

/** A copy of the request with another body and content type, sent as is. */
export function withRawBody(body: string, contentType = "application/json") {
  return (request: Request): Request => {
    const headers = new Headers(request.headers);
    headers.set("content-type", contentType);
    return new Request(request.url, { method: request.method, headers, body });
  };
}
