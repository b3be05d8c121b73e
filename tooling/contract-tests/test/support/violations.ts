// The details of an error answer as the suite reads them: what the client threw
// (operation style) or the error body (path style), and the problems the mock
// reports in its own answers.
import { APIError } from "@billing-api/client";
import type { Detail } from "../../src/fields.ts";
import type { Outcome } from "./mock-client.ts";

/** The details of an error answer: what the client threw (operation style) or the error body (path style). */
export function details(outcome: Outcome): Detail[] {
  if (outcome.thrown instanceof APIError) return outcome.thrown.details;
  const body = outcome.body as { details?: Detail[] } | undefined;
  return body?.details ?? [];
}

/** Problems the mock found in its own answer (a generated body that breaks the spec), from its `sl-violations` header. */
export function responseViolations(headers: Headers): Array<{ location: string[]; message: string }> {
  const header = headers.get("sl-violations");
  return header ? (JSON.parse(header) as Array<{ location: string[]; message: string }>) : [];
}
