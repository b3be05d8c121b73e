// What server mode checks of every answer: its status is one the operation
// documents (and the one the case expects), its body is valid against that
// status's schema read strictly (no undocumented field), every documented
// header it carries is valid and those marked `required: true` are there,
// and Prism's proxy found nothing wrong either way. Headers that neither the
// spec nor HTTP itself accounts for are notes, not problems: the spec lists
// the headers it documents and says nothing of others.
import { type Detail, fieldName, type Location, reportsAt } from "../fields.ts";
import type { Operation } from "../spec.ts";
import { answerProblems, headerErrors, shownValue } from "../validator.ts";
import type { Exchange } from "./proxy.ts";

/** One thing that broke, as a report names it. */
export interface Problem {
  /** What kind of rule: `status`, `undocumented-status`, `schema:<keyword>`, `undocumented-field`, `header`, `details`, `prism-request`, `prism-answer`, `replay`, `upstream-501`… (and `undocumented-header` for a note) */
  rule: string;
  /** Where: a JSON pointer into the body, `header <name>`, or empty for the answer as a whole. */
  path: string;
  expected: string;
  got: string;
}

/** What a case expects of its answer. */
export interface Expectation {
  /** The statuses that pass (all documented by the operation). */
  statuses: readonly number[];
  /** The request is valid: Prism must find nothing wrong with it. */
  validRequest: boolean;
  /** For a request that breaks one rule: a 422 must name this field in `details`. */
  names?: { at: Location; missing?: string | undefined };
}

/**
 * Headers any HTTP server may send whatever the API documents: message framing,
 * caching, CORS, transport security. Any other header the spec does not
 * document is noted.
 */
const HTTP_HEADERS = new Set([
  "accept-ranges",
  "age",
  "alt-svc",
  "cache-control",
  "connection",
  "content-encoding",
  "content-language",
  "content-length",
  "content-security-policy",
  "content-type",
  "date",
  "etag",
  "expires",
  "keep-alive",
  "last-modified",
  "pragma",
  "referrer-policy",
  "server",
  "strict-transport-security",
  "transfer-encoding",
  "vary",
  "via",
  "x-content-type-options",
  "x-frame-options",
]);
const isHttpHeader = (name: string) => HTTP_HEADERS.has(name) || name.startsWith("access-control-");

/**
 * The headers of `exchange` that neither its documented response nor HTTP
 * accounts for, nor `allowHeaders` (a proxy's, a platform's): notes for the
 * report, never a failure.
 */
export function undocumentedHeaders(
  operation: Operation,
  exchange: Exchange,
  { allowHeaders = [] }: { allowHeaders?: readonly string[] } = {},
): Problem[] {
  const response = operation.responses.find((r) => r.status === exchange.status);
  if (!response) {
    return [];
  }
  const allowed = new Set(allowHeaders.map((name) => name.toLowerCase()));
  return Object.keys(exchange.headers)
    .filter((name) => !Object.hasOwn(response.headers, name) && !isHttpHeader(name) && !allowed.has(name))
    .map((name) => ({
      rule: "undocumented-header",
      path: `header ${name}`,
      expected: "a header the spec documents",
      got: shownValue(exchange.headers[name]),
    }));
}

/**
 * Every problem of `exchange` as an answer of `operation` to a request
 * expecting `expectation`; empty when it keeps the contract.
 */
export function answerChecks(operation: Operation, exchange: Exchange, expectation: Expectation): Problem[] {
  const problems: Problem[] = [];
  const add = (rule: string, path: string, expected: string, got: string) =>
    problems.push({ rule, path, expected, got });
  const documentedStatuses = operation.responses.map((r) => r.status);
  const response = operation.responses.find((r) => r.status === exchange.status);

  if (exchange.upstream501) {
    add(
      "upstream-501",
      "",
      "a documented answer",
      "501, which Prism's proxy replaces with a mocked answer (stoplightio/prism#1963): the server does not implement this",
    );
  }
  if (expectation.validRequest) {
    for (const v of exchange.requestViolations) {
      add("prism-request", v.path, "a request the spec accepts (the suite's own)", v.message);
    }
  }
  if (!response) {
    add(
      "undocumented-status",
      "",
      `a status ${operation.id} documents (${documentedStatuses.join(", ")})`,
      String(exchange.status),
    );
  } else if (!expectation.statuses.includes(exchange.status)) {
    add("status", "", expectation.statuses.join(" or "), `${exchange.status}${describeError(exchange.body)}`);
  }
  if (response) {
    for (const p of answerProblems(response.schema, exchange.body)) {
      add(p.rule === "undocumented-field" ? p.rule : `schema:${p.rule}`, p.path, p.expected, p.got);
    }
    for (const [name, schema] of Object.entries(response.headers)) {
      const value = exchange.headers[name];
      if (value === undefined) {
        if (response.requiredHeaders.includes(name)) {
          add(
            "header",
            `header ${name}`,
            `the ${name} header, which the ${exchange.status} response requires`,
            "(absent)",
          );
        }
        continue;
      }
      for (const error of headerErrors(schema, value)) {
        add("header", `header ${name}`, error.replace(/^\(root\) /, ""), shownValue(value));
      }
    }
    for (const v of exchange.answerViolations) {
      add("prism-answer", v.path, "an answer Prism's validator accepts", v.message);
    }
  }
  if (expectation.names && exchange.status === 422) {
    const details = ((exchange.body as { details?: Detail[] } | null)?.details ?? []) as Detail[];
    // A missing field is named at itself: it is the field that failed validation.
    const { at, missing } = expectation.names;
    const location = missing === undefined ? at : [...at, missing];
    if (!reportsAt(details, location)) {
      add(
        "details",
        "/details",
        `an entry for ${fieldName(location)}${missing === undefined ? "" : " (missing)"}`,
        shownValue(details.map((d) => d.field)),
      );
    }
  }
  return problems;
}

/** `: CODE message` of an error body, for a status that was not expected. */
function describeError(body: unknown): string {
  const error = body as { code?: unknown; message?: unknown } | null;
  return error && typeof error === "object" && typeof error.code === "string"
    ? ` (${error.code}: ${String(error.message ?? "").slice(0, 100)})`
    : "";
}
