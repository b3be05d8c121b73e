// The `owasp` check: Spectral, run in-process, with `spectral:oas` (recommended) and the OWASP API
// Security ruleset (@stoplight/spectral-owasp-ruleset), both imported from node_modules: nothing is
// downloaded (Spectral's CLI would resolve an npm `extends` through a CDN; this never takes that path).
//
// Every finding is placed on a side of the contract by its JSON path in the bundled document:
// - request:  under an operation's (or path's) `requestBody` or `parameters`, components/parameters,
//             components/requestBodies, or a component reachable by $ref from any of those (a shape
//             shared by requests and responses counts as request);
// - response: under `responses`, components/responses, components/headers, or a component reachable
//             only from those;
// - document: everything else (info, servers, security, tags, operation fields, unreferenced components).
//
// It fails on any request-side error, and on a rule with findings (any side, any severity) that the
// section "## Spectral and OWASP findings" of openapi/README.md does not name; it prints the current
// table in that section's shape, ready to paste.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inRepo } from "@billing-api/repository";
import spectralCore from "@stoplight/spectral-core";
import owaspRuleset from "@stoplight/spectral-owasp-ruleset";
import spectralParsers from "@stoplight/spectral-parsers";
import { oas } from "@stoplight/spectral-rulesets";
import type { CheckResult } from "./checks.ts";
import { formatPath, type Side, sideOf } from "./owasp-sides.ts";
import type { Json } from "./spec-graph.ts";
import { SPEC_DIR, SPEC_JSON } from "./subjects.ts";

const { Document, Spectral } = spectralCore;

export { formatPath, type Side, SPEC_JSON, sideOf };
export const SPEC_README = join(SPEC_DIR, "README.md");
/** The README section that names every rule with remaining findings. */
export const FINDINGS_HEADING = "## Spectral and OWASP findings";

export type Severity = "error" | "warn" | "info" | "hint";
const SIDES: readonly Side[] = ["request", "response", "document"];
const SEVERITIES: readonly Severity[] = ["error", "warn", "info", "hint"];

export interface Finding {
  rule: string;
  severity: Severity;
  side: Side;
  /** The JSON path in the bundled document, as `a.b.c` with `["…"]` for keys that need it. */
  path: string;
  message: string;
}

/** Findings by the spec's text: one process (the tests) lints the same text once. */
const linted = new Map<string, Promise<Finding[]>>();

/** Spectral with `spectral:oas` and the OWASP ruleset, on the spec at `spec` (JSON), every finding placed on its side. */
export function spectralFindings(spec: string): Promise<Finding[]> {
  const text = readFileSync(spec, "utf8");
  let findings = linted.get(text);
  if (!findings) {
    findings = lint(text, spec);
    linted.set(text, findings);
  }
  return findings;
}

async function lint(text: string, spec: string): Promise<Finding[]> {
  const spectral = new Spectral();
  // `spectral:oas` in a ruleset file means the oas ruleset's recommended rules.
  spectral.setRuleset({ extends: [[oas as never, "recommended"], owaspRuleset as never] });
  const results = await spectral.run(new Document(text, spectralParsers.Json, spec));
  const side = sideOf(JSON.parse(text) as Record<string, Json>);
  return results
    .map((result) => ({
      rule: String(result.code),
      severity: SEVERITIES[result.severity] ?? "hint",
      side: side(result.path),
      path: formatPath(result.path),
      message: result.message,
    }))
    .sort(
      (a, b) =>
        a.rule.localeCompare(b.rule) || SIDES.indexOf(a.side) - SIDES.indexOf(b.side) || a.path.localeCompare(b.path),
    );
}

/** The text of the README's findings section (up to the next `## ` heading), or undefined. */
export function findingsSection(readme: string): string | undefined {
  const start = readme.split("\n").findIndex((line) => line.trim() === FINDINGS_HEADING);
  if (start < 0) {
    return undefined;
  }
  const lines = readme.split("\n").slice(start + 1);
  const end = lines.findIndex((line) => /^##?\s/.test(line));
  return (end < 0 ? lines : lines.slice(0, end)).join("\n");
}

/** Whether `text` names `rule` as a whole name (so `…-integer-limit` is not found in `…-integer-limit-legacy`). */
export function names(text: string, rule: string): boolean {
  const escaped = rule.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\w:-])${escaped}($|[^\\w:-])`).test(text);
}

/** The "why it stays" of each rule's row in the section's table. */
function reasons(section: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    const rule = /^`([^`]+)`$/.exec(cells[1] ?? "")?.[1];
    if (rule && cells.length >= 4) {
      found.set(rule, cells[cells.length - 2]!);
    }
  }
  return found;
}

/** Findings per rule: its severity and its count on each side. */
function tally(findings: readonly Finding[]): Map<string, { severity: Severity; counts: Record<Side, number> }> {
  const rows = new Map<string, { severity: Severity; counts: Record<Side, number> }>();
  for (const finding of findings) {
    const row = rows.get(finding.rule) ?? {
      severity: finding.severity,
      counts: { request: 0, response: 0, document: 0 },
    };
    row.counts[finding.side] += 1;
    rows.set(finding.rule, row);
  }
  return rows;
}

/** The section's table, for the findings as they are: one row per rule, its count per side, and why it stays. */
export function findingsTable(findings: readonly Finding[], why: ReadonlyMap<string, string> = new Map()): string {
  const lines = [
    "| rule | severity | request | response | document | why it stays |",
    "| --- | --- | ---: | ---: | ---: | --- |",
  ];
  for (const [rule, { severity, counts }] of tally(findings)) {
    lines.push(
      `| \`${rule}\` | ${severity} | ${counts.request} | ${counts.response} | ${counts.document} | ${why.get(rule) ?? "TODO: why it stays"} |`,
    );
  }
  return lines.join("\n");
}

/** Counts per rule × side × severity, one line each. */
function summary(findings: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const { rule, side, severity } of findings) {
    counts.set(`${rule} ${side} ${severity}`, (counts.get(`${rule} ${side} ${severity}`) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => `${String(count).padStart(4)}  ${key}`).join("\n");
}

/**
 * Spectral (`spectral:oas` + OWASP) on the bundled spec: fails on a request-side error, and on a
 * rule with findings that the README's "Spectral and OWASP findings" section does not name.
 */
export async function owasp({
  spec = SPEC_JSON,
  readme = SPEC_README,
}: {
  spec?: string;
  readme?: string;
} = {}): Promise<CheckResult> {
  let findings: Finding[];
  try {
    findings = await spectralFindings(spec);
  } catch (error) {
    return {
      name: "owasp",
      ok: false,
      output: `✖ Spectral could not lint ${inRepo(spec)} (run \`pnpm bundle\`?): ${(error as Error).message}`,
    };
  }
  const section = findingsSection(readFileSync(readme, "utf8"));
  const problems: string[] = [];

  const requestErrors = findings.filter((f) => f.side === "request" && f.severity === "error");
  if (requestErrors.length) {
    problems.push(
      `${requestErrors.length} request-side error(s): a value a client sends must be bounded and typed.\n${requestErrors
        .map((f) => `  ${f.rule}  ${f.path}\n    ${f.message}`)
        .join("\n")}`,
    );
  }
  const rules = [...new Set(findings.map((f) => f.rule))];
  if (section === undefined) {
    problems.push(`${inRepo(readme)} has no section "${FINDINGS_HEADING}"; add it with the table below.`);
  } else {
    const unnamed = rules.filter((rule) => !names(section, rule));
    if (unnamed.length) {
      problems.push(
        `rule(s) with findings that "${FINDINGS_HEADING}" in ${inRepo(readme)} does not name (fix them, or add a row saying why each stays):\n${unnamed
          .map(
            (rule) =>
              `  ${rule}: ${findings.filter((f) => f.rule === rule).length} finding(s), e.g. ${findings.find((f) => f.rule === rule)!.path}`,
          )
          .join("\n")}`,
      );
    }
  }

  const table = findingsTable(findings, reasons(section ?? ""));
  const stale = section === undefined ? [] : [...reasons(section).keys()].filter((rule) => !rules.includes(rule));
  const output = [
    `${findings.length} finding(s) of spectral:oas + OWASP in ${inRepo(spec)}; per rule × side × severity:`,
    summary(findings) || "  (none)",
    "",
    `The table for "${FINDINGS_HEADING}" (openapi/README.md), as the findings are now:`,
    table,
    ...(stale.length ? ["", `Rows for rules with no finding left (remove them): ${stale.join(", ")}`] : []),
    ...problems.map((p) => `\n✖ ${p}`),
  ].join("\n");
  return { name: "owasp", ok: problems.length === 0, output };
}
