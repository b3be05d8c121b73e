// `pnpm test`: runs every package's tests through turbo (which first lints,
// bundles, checks generated files and builds what they need), then every
// guardrail through `pnpm check`, then adds up Vitest's JSON results and the
// guardrails and ends with the line CI reads: "N passed, N failed".
//
// One package's failure does not stop the others: turbo runs with
// --continue=dependencies-successful, so only the tasks that need a failed
// task are left out. Its run summary (--summarize) tells which tasks ran and
// how they exited; a package whose tests could not run, or whose run failed
// outside any test, is named with the reason and counts as one failure.
// The summaries stay in .turbo/runs/ (ignored by git), as turbo prints.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, relative as relativeTo } from "node:path";
import { ROOT, workspacePackageDirs } from "@billing-api/repository";

/** The parts of turbo's dry run and run summary read here. */
interface TurboTask {
  taskId: string;
  dependencies?: string[];
  logFile?: string;
  execution?: { exitCode?: number | null };
}
/** The parts of Vitest's JSON report read here. */
interface VitestReport {
  success: boolean;
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { status: string; title: string; ancestorTitles: string[] }[];
  }[];
}

const RESULTS = ".vitest-results.json";
const RUNS = join(ROOT, ".turbo", "runs");
const LOG_LINES = 8;

const packageDirs = workspacePackageDirs()
  .map((dir) => relativeTo(ROOT, dir))
  .map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(join(ROOT, dir, "package.json"), "utf8")) as {
      name: string;
      scripts?: Record<string, string>;
    },
  }))
  .filter(({ manifest }) => manifest.scripts?.test);

for (const { dir } of packageDirs) {
  rmSync(join(ROOT, dir, RESULTS), { force: true });
}

const turboEnv = { ...process.env, TURBO_TELEMETRY_DISABLED: "1" };
// Arguments go to turbo: `pnpm test --force` runs every task again, cache or not.
const turboRun = ["exec", "turbo", "run", "test", "--continue=dependencies-successful", ...process.argv.slice(2)];

// The task graph (each task's dependencies and log file); the run summary
// lists only the tasks that ran, so this is how a skipped test finds its cause.
const dryRun = spawnSync("pnpm", [...turboRun, "--dry-run=json"], {
  cwd: ROOT,
  encoding: "utf8",
  env: turboEnv,
  maxBuffer: 64 * 1024 * 1024,
});
const graph = new Map(
  parseJson<{ tasks?: TurboTask[] }>(dryRun.stdout)?.tasks?.map((task) => [task.taskId, task]) ?? [],
);

const listRuns = () => (existsSync(RUNS) ? readdirSync(RUNS).filter((name) => name.endsWith(".json")) : []);
const runsBefore = new Set(listRuns());

const turbo = spawnSync("pnpm", [...turboRun, "--summarize"], {
  cwd: ROOT,
  stdio: "inherit",
  env: turboEnv,
});
const turboExit = turbo.status ?? turbo.signal;

// The summary this run wrote: the newest one that was not there before.
const summaryName = listRuns()
  .filter((name) => !runsBefore.has(name))
  .sort((a, b) => statSync(join(RUNS, b)).mtimeMs - statSync(join(RUNS, a)).mtimeMs)[0];
const summary = summaryName ? parseJson<{ tasks?: TurboTask[] }>(readFileSync(join(RUNS, summaryName), "utf8")) : null;
const executions = new Map(
  summary?.tasks?.flatMap((t) => (t.execution ? [[t.taskId, t.execution] as const] : [])) ?? [],
);
// A task's exit code in this run: undefined if it did not run, "?" if it ended without one.
const exitOf = (taskId: string): number | "?" | undefined => {
  const execution = executions.get(taskId);
  return execution ? (execution.exitCode ?? "?") : undefined;
};
const logFileOf = (taskId: string): string | undefined =>
  graph.get(taskId)?.logFile ?? summary?.tasks?.find((t) => t.taskId === taskId)?.logFile;

function parseJson<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

// Every guardrail, through the one entry point maintainers use. Each counts as one result.
const check = spawnSync("pnpm", ["check"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
process.stdout.write(check.stdout ?? "");
const checkSummary = /pnpm check: (\d+) passed, (\d+) failed/.exec(check.stdout ?? "");

// Values never to print: secret-looking environment variables, bearer tokens.
const secrets = Object.entries(process.env)
  .filter(
    ([name, value]) => /TOKEN|SECRET|PASSW|API_?KEY|PRIVATE|CREDENTIAL|AUTH/i.test(name) && (value?.length ?? 0) >= 6,
  )
  .map(([, value]) => value as string);
const redact = (line: string): string =>
  secrets
    .reduce((text, secret) => text.split(secret).join("[redacted]"), line)
    .replace(/\bBearer\s+[\w.~+/=-]{6,}/gi, "Bearer [redacted]");

// The last meaningful lines of a task's log: no colours, banners, blank lines,
// Vitest's closing summary or stack frames inside node_modules.
function logTail(taskId: string): string[] {
  const logFile = logFileOf(taskId);
  const file = logFile && join(ROOT, logFile);
  if (!file || !existsSync(file)) {
    return [];
  }
  return readFileSync(file, "utf8")
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "")
    .split(/\r?\n/)
    .map((line) => line.replace(/⎯+/g, "").trimEnd())
    .filter((line) => line.trim() && !/^[\s\-=_~*─━│|^]*$/.test(line))
    .filter((line) => !/^> |ELIFECYCLE|JSON report written to|^\s*(include|exclude):/.test(line))
    .filter((line) => !/^\s*(RUN\s+v\d|Test Files\s|Tests\s|Type Errors\s|Start at\s|Duration\s)/.test(line))
    .filter((line) => !/^\s*(❯|at)\s.*(node_modules|node:internal)/.test(line))
    .filter((line) => !/^\s*\d*\s*\|/.test(line)) // source excerpts under a stack frame
    .filter(
      (line) =>
        !/^(\[\d+\/\d+\]$|This error originated in|The latest test that might|This might cause false positive|- The error was thrown|- If the error occurred)/.test(
          line,
        ),
    )
    .slice(-LOG_LINES)
    .map((line) => redact(line.length > 200 ? `${line.slice(0, 197)}...` : line));
}

// Failed tasks a task waited for, directly or not (the ones that kept it from running).
function failedPrerequisites(taskId: string, seen = new Set<string>()): string[] {
  const failed: string[] = [];
  for (const dep of graph.get(taskId)?.dependencies ?? []) {
    if (seen.has(dep)) {
      continue;
    }
    seen.add(dep);
    const exit = exitOf(dep);
    if (exit !== undefined && exit !== 0) {
      failed.push(dep);
    } else {
      failed.push(...failedPrerequisites(dep, seen));
    }
  }
  return failed;
}

let passed = 0;
let failed = 0;
let skipped = 0;
const rows: string[] = [];
const explained = new Map<string, string[]>(); // taskId -> log lines, printed once below the table
const explain = (taskId: string) => {
  if (!explained.has(taskId)) {
    explained.set(taskId, logTail(taskId));
  }
};
const exitText = (exit: number | string | null | undefined) => (exit === undefined ? "did not run" : `exit ${exit}`);
const relative = (dir: string, file: string) => file.replace(`${join(ROOT, dir)}/`, "");

for (const { dir, manifest } of packageDirs) {
  const name = manifest.name;
  const testId = `${name}#test`;
  const testExit = exitOf(testId);
  const file = join(ROOT, dir, RESULTS);
  const result = existsSync(file) ? parseJson<VitestReport>(readFileSync(file, "utf8")) : null;

  // Could not run: no results, or Vitest ran no test at all. One failure.
  if (!result || result.numTotalTests === 0) {
    failed += 1;
    let reason: string;
    if (!summary) {
      reason = `no ${RESULTS}, and turbo ended (${exitText(turboExit)}) without a run summary (see its output above)`;
    } else if (testExit === undefined) {
      const blockers = failedPrerequisites(testId);
      blockers.forEach(explain);
      reason = blockers.length
        ? blockers.map((id) => `${id} failed (${exitText(exitOf(id))})`).join(", ")
        : "turbo did not run its tests";
    } else {
      explain(testId);
      if (result) {
        reason = `Vitest ran no tests (${exitText(testExit)})`;
      } else if (testExit !== 0) {
        reason = `${testId} failed before Vitest wrote ${RESULTS} (${exitText(testExit)})`;
      } else {
        reason = `${testId} ended with exit 0 but wrote no readable ${RESULTS}`;
      }
    }
    rows.push(`  ${name}: could not run, counted as 1 failure: ${reason}`);
    continue;
  }

  // A run can fail outside any test: a file that does not load, a failing hook,
  // an unhandled error. Count it once, with the reason.
  const brokenFiles = result.testResults.filter(
    (f) => f.status === "failed" && !f.assertionResults.some((t) => t.status === "failed"),
  );
  const runFailed =
    brokenFiles.length > 0 ||
    (result.numFailedTests === 0 && (!result.success || (testExit !== undefined && testExit !== 0)));
  passed += result.numPassedTests;
  failed += result.numFailedTests + (runFailed ? 1 : 0);
  skipped += result.numPendingTests + result.numTodoTests;
  rows.push(
    `  ${name}: ${result.numPassedTests} passed, ${result.numFailedTests + (runFailed ? 1 : 0)} failed` +
      (runFailed ? ` (the run itself failed, counted as 1 failure${summary ? `; ${exitText(testExit)}` : ""})` : ""),
  );
  for (const f of brokenFiles) {
    const message = redact((f.message || "failed outside any test").split("\n")[0] ?? "");
    rows.push(`    ✖ ${relative(dir, f.name)}: ${message}`);
  }
  if (runFailed && !brokenFiles.length && summary) {
    explain(testId);
  }
  // The failed tests by name (Vitest printed the details above).
  const failedTests = result.testResults.flatMap((f) =>
    f.assertionResults
      .filter((t) => t.status === "failed")
      .map((t) => redact([relative(dir, f.name), ...t.ancestorTitles, t.title].join(" > "))),
  );
  for (const test of failedTests.slice(0, 10)) {
    rows.push(`    ✖ ${test}`);
  }
  if (failedTests.length > 10) {
    rows.push(`    … and ${failedTests.length - 10} more`);
  }
}

if (checkSummary) {
  passed += Number(checkSummary[1]);
  failed += Number(checkSummary[2]);
  rows.push(`  pnpm check (guardrails): ${checkSummary[1]} passed, ${checkSummary[2]} failed`);
  if (check.status !== 0 && checkSummary[2] === "0") {
    failed += 1;
    rows.push(`  pnpm check exited ${check.status ?? check.signal} although no guardrail failed, counted as 1 failure`);
  }
} else {
  failed += 1;
  rows.push(`  pnpm check (guardrails): did not finish (exit ${check.status ?? check.signal}), counted as 1 failure`);
}

// A failed task that explains no package above, or a turbo failure nothing above accounts for.
const unexplained = [...executions.keys()].filter((id) => exitOf(id) && !explained.has(id) && !id.endsWith("#test"));
for (const taskId of unexplained) {
  failed += 1;
  explain(taskId);
  rows.push(`  ${taskId}: failed (exit ${exitOf(taskId)}), counted as 1 failure`);
}
if (turboExit !== 0 && failed === 0) {
  failed = 1;
  rows.push(`  turbo exited ${turboExit}${summary ? "" : " without a run summary"}, counted as 1 failure`);
}

console.log(`\nTest results by package:\n${rows.join("\n")}`);
const logs = [...explained].map(([taskId, lines]) => {
  const head = `  ${taskId} (${exitText(exitOf(taskId))}; full log: ${logFileOf(taskId) ?? "none"}):`;
  return [head, ...(lines.length ? lines : ["(its log is empty)"]).map((line) => `    ${line}`)].join("\n");
});
if (logs.length) {
  console.log(`\nWhy (the last lines of each failed task's log):\n${logs.join("\n")}`);
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
// exitCode, not exit(): the failure logs above can be long, and exit() would cut what a pipe has not read yet.
process.exitCode = turboExit === 0 && check.status === 0 && failed === 0 ? 0 : 1;
