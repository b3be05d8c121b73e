// The fields an error answer names: the API's `ErrorBody.details`, one per
// field and rule, each `field` written as ErrorDetail says (`add_ons[0].quantity`,
// `path.company_id`), and where a request's violation must be reported.
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
