// The report of a server-mode run, as text for a person: per operation and
// expected status, how many cases passed, and for each failing case what was
// sent and what broke (where, which rule, expected and got), and how many the
// server answered 501 (not implemented: neither passed nor failed); then the headers
// the spec does not document, which are notes, not failures. The same results
// are written as JSON by the CLI.
import type { CaseResult, ContractReport } from "./results.ts";

const PROBLEMS_SHOWN = 8;
const BODY_SHOWN = 300;

function describeCase(result: CaseResult): string[] {
  const lines = [`      ✗ ${result.name}`];
  const body =
    result.sent.body === undefined
      ? ""
      : `  ${result.sent.body.length > BODY_SHOWN ? `${result.sent.body.slice(0, BODY_SHOWN)}…` : result.sent.body}`;
  lines.push(`        sent  ${result.sent.method} ${result.sent.path}${body}`);
  lines.push(`        got   ${result.got} (expected ${result.expected.join(" or ")})`);
  for (const problem of result.problems.slice(0, PROBLEMS_SHOWN)) {
    lines.push(
      `        ${problem.rule}${problem.path ? `  ${problem.path}` : ""}: expected ${problem.expected}; got ${problem.got}`,
    );
  }
  if (result.problems.length > PROBLEMS_SHOWN) {
    lines.push(`        … and ${result.problems.length - PROBLEMS_SHOWN} more (see the JSON report)`);
  }
  return lines;
}

/** The report as text: a line per operation × expected status, then the failing cases under it. */
export function formatReport(report: ContractReport): string {
  const lines = [
    `Contract of ${report.spec.title} ${report.spec.version} against ${report.target}, through Prism's validation proxy`,
  ];
  const byOperation = new Map<string, Map<string, CaseResult[]>>();
  for (const result of report.results) {
    const statuses = byOperation.get(result.operation) ?? new Map<string, CaseResult[]>();
    byOperation.set(result.operation, statuses);
    const key = result.expected.join("|");
    statuses.set(key, [...(statuses.get(key) ?? []), result]);
  }
  for (const [operation, statuses] of byOperation) {
    lines.push(operation);
    for (const [status, results] of statuses) {
      const failed = results.filter((r) => r.problems.length > 0);
      const missing = results.filter((r) => r.notImplemented).length;
      const passed = results.length - failed.length - missing;
      const mark = failed.length ? "✗" : missing ? "–" : "✓";
      const notImplemented = missing ? `; ${missing} not implemented (the server answered 501)` : "";
      lines.push(
        `  ${mark} ${status.replaceAll("|", " or ")}  ${passed} of ${results.length} cases passed${notImplemented}`,
      );
      for (const result of failed) {
        lines.push(...describeCase(result));
      }
    }
  }
  const noted = new Map<string, number>();
  for (const note of report.results.flatMap((r) => r.notes)) {
    noted.set(note.path, (noted.get(note.path) ?? 0) + 1);
  }
  if (noted.size) {
    lines.push(
      "",
      "Headers the spec does not document (not failures: the spec says nothing of other headers; --allow-header leaves one out):",
    );
    for (const [where, count] of noted) {
      lines.push(`  ${where.replace(/^header /, "")}: on ${count} answer${count === 1 ? "" : "s"}`);
    }
  }
  const unreached = Object.entries(report.notExercised);
  if (unreached.length) {
    lines.push("", "Documented statuses this run did not reach (not checked):");
    for (const [operation, statuses] of unreached) {
      lines.push(`  ${operation}: ${statuses.join(", ")}`);
    }
  }
  const lacking = [...new Set(report.results.filter((r) => r.notImplemented).map((r) => r.operation))];
  const notImplemented = report.notImplemented
    ? `, ${report.notImplemented} not implemented (501 from ${lacking.join(", ")})`
    : "";
  lines.push("", `${report.passed} passed, ${report.failed} failed${notImplemented}`);
  return lines.join("\n");
}
