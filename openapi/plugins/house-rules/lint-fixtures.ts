// Lints small specs with one house rule switched on, through the Redocly CLI
// that `pnpm lint` runs, and answers what the rule reported on each spec.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A spec's files: path under its folder (openapi.yaml is the root) -> the parsed YAML (written as JSON, which YAML reads). */
export type SpecFiles = Record<string, unknown>;
export type Finding = { message: string; file: string; pointer: string };

const PLUGIN = fileURLToPath(new URL("../house-rules.js", import.meta.url));
const REDOCLY = fileURLToPath(new URL("../../node_modules/.bin/redocly", import.meta.url));

/** A root document with `paths` and, if given, `components`. */
export function document(
  paths: Record<string, unknown>,
  components?: Record<string, unknown>,
): Record<string, unknown> {
  return { openapi: "3.1.0", info: { title: "Fixture", version: "1.0.0" }, paths, ...(components && { components }) };
}

type Report = {
  problems: { ruleId: string; message: string; location: { source: { ref: string }; pointer: string }[] }[];
};

/**
 * Lints every spec of `specs` (name -> files) in one Redocly run with only
 * `house/<rule>` on, and answers each spec's findings of that rule.
 */
export async function lintWithRule(rule: string, specs: Record<string, SpecFiles>): Promise<Record<string, Finding[]>> {
  const dir = mkdtempSync(join(tmpdir(), `house-${rule}-`));
  try {
    for (const [name, files] of Object.entries(specs)) {
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, name, path)), { recursive: true });
        writeFileSync(join(dir, name, path), JSON.stringify(content, null, 2));
      }
    }
    writeFileSync(
      join(dir, "redocly.yaml"),
      JSON.stringify({ telemetry: "off", extends: [], plugins: [PLUGIN], rules: { [`house/${rule}`]: "error" } }),
    );
    const roots = Object.keys(specs).map((name) => `${name}/openapi.yaml`);
    const { stdout, stderr, code } = await run(
      REDOCLY,
      ["lint", "--config", "redocly.yaml", "--format=json", ...roots],
      dir,
    );
    // One JSON report per spec, written one after another.
    const reports = stdout.split(/(?<=^\})(?=\{)/m).filter((part) => part.trim());
    if (reports.length !== roots.length) {
      throw new Error(
        `redocly lint exited ${code} with ${reports.length} reports for ${roots.length} specs:\n${stderr}`,
      );
    }
    const found: Record<string, Finding[]> = Object.fromEntries(Object.keys(specs).map((name) => [name, []]));
    for (const report of reports.map((text) => JSON.parse(text) as Report)) {
      for (const problem of report.problems) {
        if (problem.ruleId !== `house/${rule}`) {
          throw new Error(`${problem.ruleId} reported, but only house/${rule} is on: ${problem.message}`);
        }
        const at = problem.location[0]!;
        const [name, ...file] = at.source.ref.split("/");
        found[name!]!.push({ message: problem.message, file: file.join("/"), pointer: at.pointer });
      }
    }
    return found;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(
  command: string,
  args: string[],
  cwd: string,
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout, stderr, code }));
  });
}

/**
 * vitest's limit for a hook that lints: a few small specs take about a second
 * on an idle machine; the limit is for one four times oversubscribed, where a
 * Node start-up alone has taken ten.
 */
export const LINT_LIMIT_MS = 120_000;
