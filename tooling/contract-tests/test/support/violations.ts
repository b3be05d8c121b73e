// The details of an error answer as the suite reads them: what the client threw
// (operation style) or the error body (path style), the mock's own wording of a
// missing field, and the problems the mock reports in its own answers.
import { APIError } from "@billing-api/client";
import { type Detail, fieldName, type Location } from "../../src/fields.ts";
import type { Outcome } from "./mock-client.ts";

/** The details of an error answer: what the client threw (operation style) or the error body (path style). */
export function details(outcome: Outcome): Detail[] {
  if (outcome.thrown instanceof APIError) {
    return outcome.thrown.details;
  }
  const body = outcome.body as { details?: Detail[] } | undefined;
  return body?.details ?? [];
}

/**
 * Whether a detail names `missing` as a required field absent from the object
 * at `parent`, in the mock's own words (`is required`, as its README
 * documents). Mock mode only: the contract leaves `message` free, and server
 * mode reads only `field`.
 */
export function reportsMissing(found: Detail[], parent: Location, missing: string): boolean {
  const field = fieldName([...parent, missing]);
  return found.some((d) => d.field === field && d.message === "is required");
}

/** Problems the mock found in its own answer (a generated body that breaks the spec), from its `sl-violations` header. */
export function responseViolations(headers: Headers): Array<{ location: string[]; message: string }> {
  const header = headers.get("sl-violations");
  return header ? (JSON.parse(header) as Array<{ location: string[]; message: string }>) : [];
}
