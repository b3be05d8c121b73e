// The fields an error answer names: the API's `ErrorBody.details`, one per
// field and rule, each `field` written as ErrorDetail says (`add_ons[0].quantity`,
// `path.company_id`, `header.idempotency-key`), and where a request's violation
// must be reported. Only `field` is read: `message` is the server's own words.
export interface Detail {
  field: string;
  message: string;
}

/** A request location: `["request", "body", "add_ons", "0", "quantity"]`, `["request", "path", "company_id"]`, `["request", "header", "idempotency-key"]`. */
export type Location = readonly string[];

/**
 * The `details[].field` the API writes for a location: body fields as a dotted
 * path with indexes in brackets (`add_ons[0].quantity`), parameters prefixed
 * with where they go (`path.company_id`, `header.idempotency-key`).
 */
export function fieldName(location: Location): string {
  const [, where, ...rest] = location;
  const dotted = rest.reduce(
    (path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part),
    "",
  );
  return where === "body" ? dotted : [where, dotted].filter(Boolean).join(".");
}

/**
 * Whether a detail is about exactly `location`, whatever its `message` says
 * (the contract leaves it free: "Why the field was rejected"). A header's name
 * is compared without case, as HTTP compares header names.
 */
export function reportsAt(found: Detail[], location: Location): boolean {
  const field = fieldName(location);
  if (location[1] === "header") {
    return found.some((d) => d.field.startsWith("header.") && d.field.toLowerCase() === field.toLowerCase());
  }
  return found.some((d) => d.field === field);
}

/** Details printed one per line, for failure messages. */
export const describeDetails = (found: Detail[]) =>
  found.map((d) => `  ${d.field}: ${d.message}`).join("\n") || "  (none)";
