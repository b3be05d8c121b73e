// Assertions about an answer of the mock: that it is the documented one, with a
// body and headers valid against the spec, and that the client surfaced it as
// the documented typed error.

import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  UnsupportedMediaTypeError,
} from "@billing-api/client";
import { expect } from "vitest";
import { type DocumentedResponse, ERROR_SCHEMA, type Operation } from "../../src/spec.ts";
import { answerErrors, headerErrors } from "../../src/validator.ts";
import type { Outcome } from "./mock-client.ts";

/** The class the client throws for each status the spec documents. */
export const ERROR_CLASSES: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  415: UnsupportedMediaTypeError,
  422: UnprocessableEntityError,
  429: RateLimitError,
  500: InternalServerError,
};

export function documented(operation: Operation, status: number): DocumentedResponse {
  const response = operation.responses.find((r) => r.status === status);
  if (!response) {
    throw new Error(`${operation.id} answered ${status}, which its spec does not document`);
  }
  return response;
}

/** The answer is the documented `status`, its body and every documented header valid against the spec. */
export function expectDocumentedAnswer(operation: Operation, outcome: Outcome, status: number): void {
  const where = `${operation.id} (${outcome.style} style)`;
  expect(outcome.status, `${where}: status; body ${JSON.stringify(outcome.body)?.slice(0, 300)}`).toBe(status);
  const response = documented(operation, status);
  expect(
    answerErrors(response.schema, outcome.body),
    `${where}: body against the ${status} schema, read strictly`,
  ).toEqual([]);
  for (const [name, schema] of Object.entries(response.headers)) {
    const value = outcome.headers.get(name);
    expect(value, `${where}: documented header ${name}`).not.toBeNull();
    expect(headerErrors(schema, value!), `${where}: header ${name}: ${value}`).toEqual([]);
  }
}

/**
 * The answer is the documented error `status` with a valid error body, and in
 * operation style the client threw the matching `APIError` subclass carrying
 * the body's code and details and the request id.
 */
export function expectErrorAnswer(operation: Operation, outcome: Outcome, status: number): void {
  expectDocumentedAnswer(operation, outcome, status);
  expect(answerErrors(ERROR_SCHEMA, outcome.body)).toEqual([]);
  if (outcome.style !== "operation") {
    return;
  }
  const body = outcome.body as { code: string; details?: unknown[] };
  const error = outcome.thrown as APIError;
  expect(error).toBeInstanceOf(ERROR_CLASSES[status] ?? APIError);
  expect(error.status).toBe(status);
  expect(error.code).toBe(body.code);
  expect(error.message).toContain(body.code);
  expect(error.details).toEqual(body.details ?? []);
  expect(error.requestId).toBe(outcome.headers.get("x-request-id") ?? undefined);
}
