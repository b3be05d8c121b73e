// The workflows guardrail: every file in .github/workflows is a valid GitHub
// Actions workflow, and keeps the house rules that no schema knows.
//
// Validity is action-validator's (@action-validator/cli from npm: the
// SchemaStore workflow schema compiled into WebAssembly with the validator, so
// nothing is fetched when it runs). The house rules are read here, from the
// text (comments matter) and from the parsed YAML:
//   - every `uses:` names a full 40-character commit SHA, with the release it is in a `# vX` comment;
//   - the workflow sets `permissions` at the top (jobs ask for what they need);
//   - every job has `timeout-minutes`;
//   - no `run:` step holds more than MAX_RUN_LINES lines of shell: logic belongs in a script of the repository.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inRepo, ROOT } from "@billing-api/repository";
import yaml from "js-yaml";
import type { CheckResult } from "./checks.ts";
import { bin, ownManifest } from "./tools.ts";

export const WORKFLOWS_DIR = join(ROOT, ".github/workflows");
/** More lines of shell than this in one `run:` step is logic, and belongs in a script. */
export const MAX_RUN_LINES = 3;

/** The action-validator CLI and its version. */
function validator(): { cli: string; version: string } {
  return {
    cli: bin("@action-validator/cli", "action-validator"),
    version: ownManifest("@action-validator/cli").version,
  };
}

/** One error as action-validator reports it: `states` holds the alternatives of a oneOf/anyOf that all failed. */
interface ValidationError {
  code: string;
  title: string;
  detail?: string;
  path?: string;
  location?: { line: number; column: number };
  states?: { errors: ValidationError[] }[];
}

/**
 * The errors that explain a failure, each once. Where every alternative failed
 * (a job is either a job or a call of a reusable workflow), those of the
 * alternatives that came closest, with the fewest errors.
 */
function leaves(errors: ValidationError[]): string[] {
  const found = errors.flatMap((error): string[] => {
    if (error.states?.length) {
      const alternatives = error.states.map((state) => leaves(state.errors));
      const fewest = Math.min(...alternatives.map((found) => found.length));
      return alternatives.filter((found) => found.length === fewest).flat();
    }
    const where = error.location ? `line ${error.location.line}, column ${error.location.column}` : error.path || "/";
    return [`${where}: ${error.detail ?? error.title}${error.code === "parse_error" ? " (not valid YAML)" : ""}`];
  });
  return [...new Set(found)];
}

const SHOWN = 12;

/** action-validator on one file: its problems, readable ([] when it is valid). */
function validate(cli: string, file: string): string[] {
  const run = spawnSync(process.execPath, [cli, file], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  if (run.status === 0) {
    return [];
  }
  try {
    const { errors } = JSON.parse(run.stderr) as { errors: ValidationError[] };
    const found = leaves(errors);
    const more = found.length > SHOWN ? [`… and ${found.length - SHOWN} more`] : [];
    return [...found.slice(0, SHOWN), ...more].map((line) => `action-validator: ${line}`);
  } catch {
    return [`action-validator exited ${run.status}: ${`${run.stdout}${run.stderr}`.trim()}`];
  }
}

// `uses: owner/repo[/path]@ref  # comment`, in a step or as a job's reusable workflow.
const USES = /^\s*(?:-\s+)?uses:\s*([^#]*?)\s*(#.*)?$/;
const SHA = /^[0-9a-f]{40}$/;
const VERSION_COMMENT = /^#\s*v\d+(\.\d+)*\b/;

/** Every `uses:` of the text is pinned to a commit SHA and says which release that is. */
function pins(text: string): string[] {
  const problems: string[] = [];
  text.split("\n").forEach((line, index) => {
    const match = USES.exec(line);
    if (!match) {
      return;
    }
    const [, value = "", comment] = match;
    const target = value.replace(/^(["'])(.*)\1$/, "$2");
    const at = `line ${index + 1}`;
    if (target.startsWith("./")) {
      return; // an action or workflow of this repository, pinned by the commit itself
    }
    if (target.startsWith("docker://")) {
      if (!/@sha256:[0-9a-f]{64}$/.test(target)) {
        problems.push(`${at}: ${target} is not pinned: name the image by its digest (@sha256:…).`);
      }
      return;
    }
    const ref = target.includes("@") ? target.slice(target.lastIndexOf("@") + 1) : "";
    if (!SHA.test(ref)) {
      problems.push(
        `${at}: ${target} is not pinned to a commit: use the full 40-character SHA of the release, with the version in a comment (uses: ${target.split("@")[0]}@<sha> # v1.2.3).`,
      );
    } else if (!comment || !VERSION_COMMENT.test(comment)) {
      problems.push(
        `${at}: ${target} has no version comment: add "# vX.Y.Z" after it, naming the release that commit is.`,
      );
    }
  });
  return problems;
}

type Mapping = Record<string, unknown>;
const isMapping = (value: unknown): value is Mapping =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The lines of shell a `run:` holds, blank lines and comments aside. */
const shellLines = (run: string): number =>
  run.split("\n").filter((line) => line.trim() && !line.trim().startsWith("#")).length;

/** Permissions at the top, a timeout on every job, and short `run:` steps. */
function structure(workflow: Mapping): string[] {
  const problems: string[] = [];
  if (!("permissions" in workflow)) {
    problems.push(
      "no top-level permissions: start from `permissions: {}` (or `contents: read`) and grant each job what it needs.",
    );
  }
  const jobs = isMapping(workflow.jobs) ? workflow.jobs : {};
  for (const [id, job] of Object.entries(jobs)) {
    if (!isMapping(job)) {
      continue;
    }
    // A job that calls a reusable workflow cannot set a timeout; the called workflow's jobs do.
    if (!("uses" in job) && !("timeout-minutes" in job)) {
      problems.push(
        `job "${id}" has no timeout-minutes: give every job one, so that a hung step cannot hold a runner for six hours.`,
      );
    }
    const steps = Array.isArray(job.steps) ? job.steps : [];
    steps.forEach((step: unknown, index) => {
      if (!isMapping(step) || typeof step.run !== "string") {
        return;
      }
      const lines = shellLines(step.run);
      if (lines > MAX_RUN_LINES) {
        const name = typeof step.name === "string" ? `"${step.name}"` : `#${index + 1}`;
        problems.push(
          `job "${id}", step ${name}: ${lines} lines of shell in run: (at most ${MAX_RUN_LINES}); logic belongs in a script of the repository, which the step calls.`,
        );
      }
    });
  }
  return problems;
}

/**
 * Every `.yml`/`.yaml` file in `dir` (.github/workflows by default) must pass
 * action-validator and the house rules; each problem is reported with the file.
 */
export function workflows({ dir = WORKFLOWS_DIR }: { dir?: string } = {}): CheckResult {
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
    : [];
  if (files.length === 0) {
    return { name: "workflows", ok: false, output: `✖ ${inRepo(dir)} holds no workflow.` };
  }
  const { cli, version } = validator();
  const problems: string[] = [];
  for (const name of files) {
    const file = join(dir, name);
    const text = readFileSync(file, "utf8");
    const found = validate(cli, file);
    let parsed: unknown;
    try {
      parsed = yaml.load(text);
    } catch (error) {
      if (!found.some((line) => line.includes("not valid YAML"))) {
        found.push(`not valid YAML: ${(error as Error).message.split("\n")[0]}`);
      }
    }
    if (isMapping(parsed)) {
      found.push(...structure(parsed));
    }
    found.push(...pins(text));
    problems.push(...found.map((problem) => `${inRepo(file)}: ${problem}`));
  }
  const output = problems.length
    ? problems.map((problem) => `✖ ${problem}`).join("\n")
    : `${files.length} workflows (${files.join(", ")}) valid by action-validator ${version}; every action pinned to a commit SHA with its version, top-level permissions, a timeout on every job, no run: step over ${MAX_RUN_LINES} lines.`;
  return { name: "workflows", ok: problems.length === 0, output };
}
