// A refusal is the API's own ErrorBody: a documented code by status, and
// `details` naming the fields that were actually wrong (from Prism's diagnostics).
/** What `detailsOf` reads of one of Prism's validation results (an `IPrismDiagnostic`). */
export interface Diagnostic {
  path?: readonly string[] | undefined;
  code?: string | number | undefined;
  message: string;
}

/** One entry of an `ErrorBody`'s `details`. */
export interface Detail {
  field: string;
  message: string;
}

/** The documented error codes, by status. */
export const CODES: Readonly<Record<number, string>> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "BAD_REQUEST",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "UNPROCESSABLE_ENTITY",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
};

export class Refusal extends Error {
  status: number;
  details: Detail[] | undefined;
  headers: Record<string, string> | undefined;

  constructor(
    status: number,
    message: string,
    { details, headers }: { details?: Detail[] | undefined; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = status;
    this.details = details;
    this.headers = headers;
  }
}

/** A JSON path for `details[].field`: `add_ons[0].quantity`. Parameters are prefixed with where they go (`path.company_id`). */
function fieldName(location: readonly string[]): string {
  const [where, ...rest] = location;
  const dotted = rest.reduce(
    (path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part),
    "",
  );
  return where === "body" ? dotted : [where, dotted].filter(Boolean).join(".");
}

/** Prism's diagnostics as `details`: one per field and rule, the most specific first. */
export function detailsOf(diagnostics: readonly Diagnostic[]): Detail[] {
  const seen = new Map<string, Detail & { depth: number }>();
  for (const { path = [], code, message } of diagnostics) {
    let location: readonly (string | undefined)[] = path;
    let text = String(message).replace(/^Request (?:body|path|query|header)(?: (?:parameter|property) \S+)? /, "");
    const missing = code === "required" && /required property '([^']+)'/.exec(message);
    const extra = code === "additionalProperties" && /found '([^']+)'/.exec(message);
    if (missing) {
      [location, text] = [[...path, missing[1]], "is required"];
    } else if (extra) {
      [location, text] = [[...path, extra[1]], "is not a property of this object"];
    }
    const field = fieldName(location.map(String)) || "body";
    const key = `${field}\n${text}`;
    if (!seen.has(key)) {
      seen.set(key, { field, message: text, depth: location.length });
    }
  }
  return [...seen.values()].sort((a, b) => b.depth - a.depth).map(({ field, message }) => ({ field, message }));
}
