// The workflows guardrail bites: copies of the repository's ci.yml, each with one
// seeded problem (an action pinned to a tag, a job without a timeout, YAML that
// does not parse, a key the workflow schema does not know, a long run: step, no
// top-level permissions), fail naming the file and the problem; the real
// workflows pass.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_RUN_LINES, WORKFLOWS_DIR, workflows } from "../src/workflows.ts";

const scratch = mkdtempSync(join(tmpdir(), "workflows-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ci = readFileSync(join(WORKFLOWS_DIR, "ci.yml"), "utf8");

/** A folder holding ci.yml with `edit` applied, and nothing else. */
function ciWith(name: string, edit: (text: string) => string): string {
  const edited = edit(ci);
  expect(edited, `the seeded edit "${name}" changed nothing`).not.toBe(ci);
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "ci.yml"), edited);
  return dir;
}

describe("workflows", () => {
  it("passes the repository's workflows", () => {
    const result = workflows();
    expect(result.ok, result.output).toBe(true);
    for (const file of readdirSync(WORKFLOWS_DIR)) {
      expect(result.output).toContain(file);
    }
  });

  it("fails on an action pinned to a tag, naming the file, the line and the action", () => {
    const dir = ciWith("unpinned", (text) =>
      text.replace(/actions\/checkout@[0-9a-f]{40} # v[\d.]+/, "actions/checkout@v4"),
    );
    const result = workflows({ dir });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/ci\.yml: line \d+: actions\/checkout@v4 is not pinned to a commit/);
  });

  it("fails on a SHA without its version comment", () => {
    const dir = ciWith("no-version-comment", (text) =>
      text.replace(/(actions\/checkout@[0-9a-f]{40}) # v[\d.]+/, "$1"),
    );
    const result = workflows({ dir });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/ci\.yml: line \d+: actions\/checkout@[0-9a-f]{40} has no version comment/);
  });

  it("fails on a job without timeout-minutes, naming the file and the job", () => {
    const dir = ciWith("no-timeout", (text) => text.replace(/^ {4}timeout-minutes: \d+\n/m, ""));
    const result = workflows({ dir });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/ci\.yml: job "test" has no timeout-minutes/);
  });

  it("fails on YAML that does not parse, naming the file and where", () => {
    const dir = ciWith("not-yaml", (text) => text.replace("branches: [main]", "branches: [main"));
    const result = workflows({ dir });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/ci\.yml: action-validator: line \d+, column \d+: .*\(not valid YAML\)/);
  });

  it("fails on a workflow the schema rejects, naming the file, the path and the key", () => {
    const dir = ciWith("schema", (text) => text.replace(/^ {4}runs-on: /m, "    runs_on: "));
    const result = workflows({ dir });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(
      /ci\.yml: action-validator: \/jobs\/test: Additional property 'runs_on' is not allowed/,
    );
  });

  it(`fails on a run: step of more than ${MAX_RUN_LINES} lines of shell`, () => {
    const script = ["echo one", "echo two", "echo three", "echo four"].map((line) => `          ${line}`).join("\n");
    const dir = ciWith("long-run", (text) => text.replace("        run: pnpm build\n", `        run: |\n${script}\n`));
    const result = workflows({ dir });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/ci\.yml: job "test", step "Build": 4 lines of shell/);
  });

  it("fails on a workflow without top-level permissions", () => {
    const dir = ciWith("no-permissions", (text) => text.replace(/^permissions: \{\}\n/m, ""));
    const result = workflows({ dir });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/ci\.yml: no top-level permissions/);
  });
});
