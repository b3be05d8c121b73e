// What a server-mode run is asked and what it reports: its options, each case
// as sent and answered, and the report.

import { type Operation, spec } from "../spec.ts";
import type { Problem } from "./answer-checks.ts";
import type { Request } from "./proxy.ts";

export interface ContractOptions {
  /** The server's base URL (its `/api/v1`, if it has one, included). */
  target: string;
  /** The bearer token the server accepts. Never printed or written. */
  token: string;
  /** Allow a target other than 127.0.0.1, ::1 or localhost. */
  allowRemote?: boolean;
  /** Only these operations (by operationId); all of them when absent. */
  operations?: readonly string[];
  /** Headers the server may send that neither the spec nor HTTP accounts for (a platform's, a proxy's): not noted. */
  allowHeaders?: readonly string[];
  /** Called after each case, for progress. */
  onCase?: (result: CaseResult) => void;
}

/** What one case sent, as a report shows it: the token is never shown. */
export interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The body as sent, cut at 2,000 characters. */
  body?: string;
}

export interface CaseResult {
  operation: string;
  /** What the case is, e.g. `example CreateCheckoutFullRequest`, `customer_id is missing`. */
  name: string;
  /** The statuses that pass. */
  expected: number[];
  sent: Sent;
  /** The status that came back. */
  got: number;
  /** What broke the contract: any one fails the case. */
  problems: Problem[];
  /** What the spec does not document yet does not forbid (headers beyond the spec's and HTTP's own): never a failure. */
  notes: Problem[];
  /** The server answered 501: it does not implement the operation (yet). Neither passed nor failed; the answer is Prism's mock, so nothing of it is checked. */
  notImplemented?: true;
}

export interface ContractReport {
  target: string;
  spec: { title: string; version: string };
  results: CaseResult[];
  /** Documented statuses no case asked for and no answer had, by operation: what this run did not reach (403, 429 and 500 need accounts, load or faults a suite cannot cause). */
  notExercised: Record<string, number[]>;
  passed: number;
  failed: number;
  /** Cases the server answered 501 (not implemented). */
  notImplemented: number;
}

const BODY_SHOWN = 2_000;

/** A request as a report shows it: the token (or a wrong one) replaced by a placeholder, the body cut at 2,000 characters. */
export function sentAs(request: Request, token: string): Sent {
  const headers = { ...request.headers };
  if (headers.authorization) {
    headers.authorization =
      headers.authorization === `Bearer ${token}` ? "Bearer <the token>" : "Bearer <a wrong token>";
  }
  const text =
    request.body === undefined
      ? undefined
      : typeof request.body === "string"
        ? request.body
        : JSON.stringify(request.body);
  return {
    method: request.method.toUpperCase(),
    path: request.path,
    headers,
    ...(text === undefined ? {} : { body: text.slice(0, BODY_SHOWN) }),
  };
}

/** The report of a run against `target`: every case, the tally, and the documented statuses no case reached. */
export function reportOf(target: string, selected: readonly Operation[], results: CaseResult[]): ContractReport {
  const failed = results.filter((r) => r.problems.length > 0).length;
  const notImplemented = results.filter((r) => r.notImplemented).length;
  const info = (spec.info ?? {}) as { title?: string; version?: string };
  const notExercised: Record<string, number[]> = {};
  for (const operation of selected) {
    const reached = new Set(results.filter((r) => r.operation === operation.id).flatMap((r) => [...r.expected, r.got]));
    const missing = operation.responses.map((r) => r.status).filter((status) => !reached.has(status));
    if (missing.length) {
      notExercised[operation.id] = missing;
    }
  }
  return {
    target,
    spec: { title: info.title ?? "", version: info.version ?? "" },
    results,
    notExercised,
    passed: results.length - failed - notImplemented,
    failed,
    notImplemented,
  };
}
