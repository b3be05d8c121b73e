// Benchmark 3: `pnpm build` with no turbo cache (every task runs) and fully
// cached, and how long each stage takes inside the cold build, read from
// turbo's own run summary (`--summarize`).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "@billing-api/repository";
import { median, round } from "./stats.ts";

/** The parts of turbo's run summary (`.turbo/runs/*.json`) read here. */
interface TurboRunSummary {
  execution: { startTime: number; endTime: number; cached: number; attempted: number };
  tasks: Array<{ taskId: string; execution: { startTime: number; endTime: number }; cache: { status: string } }>;
}

interface TaskTime {
  task: string;
  stage: string;
  ms: number;
  cache: string;
}

interface BuildRun {
  wallMs: number;
  turboMs: number;
  cached: number;
  attempted: number;
  tasks: TaskTime[];
}

export interface PipelineResult {
  runs: number;
  cold_build_ms: { median: number; runs: number[] };
  cached_build_ms: { median: number; runs: number[] };
  tasks: number;
  stages: Array<{ stage: string; tasks: string[]; median_ms: number; runs_ms: number[] }>;
  note: string;
}

const runsDir = join(ROOT, ".turbo", "runs");

/** Which stage a turbo task belongs to: the docs build is a stage of its own. */
function stageOf(taskId: string): string {
  // A turbo task id is always `package#task`.
  const [pkg, task] = taskId.split("#") as [string, string];
  return pkg === "@billing-api/docs" && task === "build" ? "docs" : task;
}

/** Runs `turbo run build` (with `--force` for a cold run) and returns its wall time and the per-task times. */
function turboBuild({ force }: { force: boolean }): BuildRun {
  rmSync(runsDir, { recursive: true, force: true });
  const args = [
    "exec",
    "turbo",
    "run",
    "build",
    "--summarize",
    "--output-logs=errors-only",
    ...(force ? ["--force"] : []),
  ];
  const start = performance.now();
  const result = spawnSync("pnpm", args, {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
  });
  const wallMs = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(`pnpm ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  }
  const [summaryFile] = readdirSync(runsDir);
  const summary = JSON.parse(readFileSync(join(runsDir, summaryFile!), "utf8")) as TurboRunSummary;
  rmSync(runsDir, { recursive: true, force: true });
  const tasks = summary.tasks.map((task) => ({
    task: task.taskId,
    stage: stageOf(task.taskId),
    ms: task.execution.endTime - task.execution.startTime,
    cache: task.cache.status,
  }));
  return {
    wallMs,
    turboMs: summary.execution.endTime - summary.execution.startTime,
    cached: summary.execution.cached,
    attempted: summary.execution.attempted,
    tasks,
  };
}

export async function benchPipeline({
  runs = 3,
  log = console.log,
}: {
  runs?: number;
  log?: (message: string) => void;
} = {}): Promise<PipelineResult> {
  const cold: BuildRun[] = [];
  const warm: BuildRun[] = [];
  for (let i = 0; i < runs; i++) {
    log(`  cold build ${i + 1}/${runs}`);
    cold.push(turboBuild({ force: true }));
    log(`  cached build ${i + 1}/${runs}`);
    warm.push(turboBuild({ force: false }));
  }
  const notCached = warm.filter((run) => run.cached !== run.attempted);
  if (notCached.length > 0) {
    throw new Error(
      `A second build right after a first was not fully cached: ${JSON.stringify(notCached[0]!.tasks.filter((t) => t.cache !== "HIT"))}`,
    );
  }

  const stages = ["lint", "bundle", "generate", "build", "docs"].map((stage) => {
    const perRun = cold.map((run) =>
      run.tasks.filter((task) => task.stage === stage).reduce((sum, task) => sum + task.ms, 0),
    );
    const tasks = [...new Set(cold[0]!.tasks.filter((task) => task.stage === stage).map((task) => task.task))];
    return { stage, tasks, median_ms: round(median(perRun)), runs_ms: perRun };
  });
  return {
    runs,
    cold_build_ms: { median: round(median(cold.map((run) => run.wallMs))), runs: cold.map((run) => round(run.wallMs)) },
    cached_build_ms: {
      median: round(median(warm.map((run) => run.wallMs))),
      runs: warm.map((run) => round(run.wallMs)),
    },
    tasks: cold[0]!.tasks.length,
    stages,
    note: "Stage times are summed task times inside the cold build; generate runs the types and client generators side by side, so the stages add up to more than the wall time.",
  };
}
