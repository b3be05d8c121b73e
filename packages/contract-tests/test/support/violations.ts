// Prism lists every reason it rejected a request in the `sl-violations` header.
// Past about 8 kB it cuts the list and prefixes "Too many violations!", so the
// entries are read one by one and a cut-off last entry is dropped.

export interface Violation {
  location: string[];
  code: string | number;
  message: string;
}

const ENTRY = /\{"location":\[[^\]]*\],"severity":"[A-Za-z]+","code":(?:"[^"]*"|\d+),"message":"(?:[^"\\]|\\.)*"\}/g;

export function violations(headers: Headers): Violation[] {
  const header = headers.get("sl-violations");
  if (!header) return [];
  return [...header.matchAll(ENTRY)].map((match) => JSON.parse(match[0]) as Violation);
}

export function wasCut(headers: Headers): boolean {
  return headers.get("sl-violations")?.startsWith("Too many violations!") ?? false;
}

/** A request location as Prism writes it: `["request", "body", "add_ons", "0", "quantity"]`. */
export type Location = readonly string[];

export const sameLocation = (a: Location, b: Location) => a.length === b.length && a.every((part, i) => part === b[i]);

/** Whether a violation reports `name` missing from the object at `parent`. */
export function reportsMissing(found: Violation[], parent: Location, name: string): boolean {
  return found.some((v) => v.code === "required" && sameLocation(v.location, parent) && v.message.includes(`'${name}'`));
}

/** Whether a violation is about exactly `location`. */
export function reportsAt(found: Violation[], location: Location): boolean {
  return found.some((v) => sameLocation(v.location, location));
}

/** Violations printed one per line, for failure messages. */
export const describeViolations = (found: Violation[]) =>
  found.map((v) => `  ${v.location.join(".")} [${v.code}] ${v.message}`).join("\n") || "  (none)";
