// The fields an error answer names: the API's `ErrorBody.details`, as the mock
// fills them in from the real violations (one per field and rule, the most
// specific first), and as the client hands them over in
// `UnprocessableEntityError.details`.
import { APIError } from "@billing-api/client";
import type { Outcome } from "./mock-client.ts";

export interface Detail {
  field: string;
  message: string;
}

/** A request location: `["request", "body", "add_ons", "0", "quantity"]`, `["request", "path", "company_id"]`. */
export type Location = readonly string[];

/**
 * The `details[].field` the API writes for a location: body fields as a dotted
 * path with indexes in brackets (`add_ons[0].quantity`), parameters prefixed
 * with where they go (`path.company_id`).
 */
export function fieldName(location: Location): string {
  const [, where, ...rest] = location;
  const dotted = rest.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), "");
  return where === "body" ? dotted : [where, dotted].filter(Boolean).join(".");
}

/** The details of an error answer: what the client threw (operation style) or the error body (path style). */
export function details(outcome: Outcome): Detail[] {
  if (outcome.thrown instanceof APIError) return outcome.thrown.details;
  const body = outcome.body as { details?: Detail[] } | undefined;
  return body?.details ?? [];
}

/** Whether a detail names `missing` as a required field absent from the object at `parent`. */
export function reportsMissing(found: Detail[], parent: Location, missing: string): boolean {
  const field = fieldName([...parent, missing]);
  return found.some((d) => d.field === field && d.message === "is required");
}

/** Whether a detail is about exactly `location`. */
export function reportsAt(found: Detail[], location: Location): boolean {
  const field = fieldName(location);
  return found.some((d) => d.field === field);
}

/** Details printed one per line, for failure messages. */
export const describeDetails = (found: Detail[]) => found.map((d) => `  ${d.field}: ${d.message}`).join("\n") || "  (none)";

/** Problems the mock found in its own answer (a generated body that breaks the spec), from its `sl-violations` header. */
export function responseViolations(headers: Headers): Array<{ location: string[]; message: string }> {
  const header = headers.get("sl-violations");
  return header ? (JSON.parse(header) as Array<{ location: string[]; message: string }>) : [];
}
