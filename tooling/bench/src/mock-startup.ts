// How the mock's start-up grows with the spec, against stock Prism
// (`prism mock` of @stoplight/prism-cli, whose loader the mock replaced with
// its own): synthesized specs of 5, 200 and 2,000 operations, and one of 500
// with cycles (src/synthesize-spec.ts, `cyclic`), each bundled by Redocly as
// the repo bundles its own spec. For each, the time from spawning the server
// to its first HTTP answer, the CPU it used until then and its resident
// memory after that answer (both from /proc). Servers listen on 127.0.0.1.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, startMock } from "@billing-api/mock";
import { table } from "./markdown.ts";
import { binPath, runNode } from "./node-tool.ts";
import { median, round } from "./stats.ts";
import { synthesizeSpec } from "./synthesize-spec.ts";

const SCRATCH_ROOT = fileURLToPath(new URL("../.startup-tmp/", import.meta.url));
const REDOCLY = binPath("@redocly/cli", "redocly");
const PRISM = binPath("@stoplight/prism-cli", "prism");
const SPECS = [
  { operations: 5, cyclic: false, runs: 3 },
  { operations: 200, cyclic: false, runs: 3 },
  { operations: 2000, cyclic: false, runs: 1 },
  { operations: 500, cyclic: true, runs: 1 },
];
/** A start-up is given up past this much CPU (startMock's own limit) or wall time, so that the benchmark stays bounded. */
const GIVE_UP_CPU_MS = 30_000;
const GIVE_UP_WALL_MS = 180_000;

export interface StartupRun {
  answered: boolean;
  /** From spawn to the first answer (or to giving up). */
  wall_ms: number;
  cpu_ms: number | null;
  rss_mb: number | null;
}

export interface StartupRow {
  operations: number;
  cyclic: boolean;
  spec_bytes: number;
  /** Each the median of its runs; a server that did not answer in one run counts as not answering. */
  mock: StartupRun & { runs: StartupRun[] };
  prism_cli: StartupRun & { runs: StartupRun[] };
  /** The mock's figure over stock prism-cli's; null where prism-cli did not answer. */
  ratio: { wall: number; cpu: number | null; rss: number | null } | null;
}

export interface StartupResult {
  prism_cli_version: string;
  give_up: { cpu_ms: number; wall_ms: number };
  specs: StartupRow[];
}

/** CPU time (user + system, ms) and resident memory (MB) of a process, from /proc; nulls without it. */
function usage(pid: number): { cpu_ms: number | null; rss_mb: number | null } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return {
      cpu_ms: (Number(fields[11]) + Number(fields[12])) * 10,
      rss_mb: rss ? round(Number(rss[1]) / 1024, 1) : null,
    };
  } catch {
    return { cpu_ms: null, rss_mb: null };
  }
}

/** Stock prism-cli on `spec`: spawned on one free port of 127.0.0.1 (it takes no port 0), polled until it answers anything. */
async function startPrismCli(spec: string): Promise<StartupRun> {
  // prism-cli needs a port: one the OS says is free, picked right before it starts.
  const port = await freePort();
  const began = performance.now();
  const child = spawn(process.execPath, [PRISM, "mock", "-h", "127.0.0.1", "-p", String(port), "-v", "error", spec], {
    stdio: "ignore",
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    for (;;) {
      const wall = performance.now() - began;
      const { cpu_ms } = usage(child.pid!);
      if (child.exitCode !== null) {
        throw new Error(`prism-cli exited with ${child.exitCode} on ${spec}`);
      }
      if ((cpu_ms ?? 0) > GIVE_UP_CPU_MS || wall > GIVE_UP_WALL_MS) {
        return { answered: false, wall_ms: round(wall, 0), ...usage(child.pid!) };
      }
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(5_000) });
        await response.arrayBuffer();
        return { answered: true, wall_ms: round(performance.now() - began, 0), ...usage(child.pid!) };
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    child.kill("SIGKILL");
    await exited;
  }
}

/** The mock on `spec`, through startMock (which waits for its first answer), with the same limits. */
async function startOurMock(spec: string): Promise<StartupRun> {
  const began = performance.now();
  try {
    const mock = await startMock({ specPath: spec, readyCpuMs: GIVE_UP_CPU_MS, readyTimeoutMs: GIVE_UP_WALL_MS });
    const run = { answered: true, wall_ms: round(performance.now() - began, 0), ...usage(mock.pid) };
    await mock.stop();
    return run;
  } catch (error) {
    if (!/CPU without answering|did not answer/.test((error as Error).message)) {
      throw error;
    }
    return { answered: false, wall_ms: round(performance.now() - began, 0), cpu_ms: null, rss_mb: null };
  }
}

function summary(runs: StartupRun[]): StartupRun & { runs: StartupRun[] } {
  const of = (pick: (run: StartupRun) => number | null) => {
    const values = runs.map(pick).filter((value): value is number => value !== null);
    return values.length ? round(median(values), 1) : null;
  };
  return {
    answered: runs.every((run) => run.answered),
    wall_ms: of((run) => run.wall_ms)!,
    cpu_ms: of((run) => run.cpu_ms),
    rss_mb: of((run) => run.rss_mb),
    runs,
  };
}

const divide = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : round(a / b, 3));

/** Runs each spec's start-ups, the mock and prism-cli alternately, and returns medians and ratios. */
export async function benchMockStartup({
  log = console.log,
}: {
  log?: (line: string) => void;
} = {}): Promise<StartupResult> {
  mkdirSync(SCRATCH_ROOT, { recursive: true });
  const rows: StartupRow[] = [];
  try {
    for (const { operations, cyclic, runs } of SPECS) {
      const dir = mkdtempSync(join(SCRATCH_ROOT, `${operations}${cyclic ? "-cyclic" : ""}-`));
      try {
        synthesizeSpec({ operations, dir, cyclic });
        const spec = join(dir, "dist", "openapi.json");
        await runNode(
          "startup benchmark: bundle",
          [REDOCLY, "bundle", "openapi.yaml", "--output", spec, "--config", "redocly.yaml"],
          dir,
        );
        const mock: StartupRun[] = [];
        const prism: StartupRun[] = [];
        for (let run = 1; run <= runs; run++) {
          mock.push(await startOurMock(spec));
          prism.push(await startPrismCli(spec));
          const line = (name: string, { answered, wall_ms, cpu_ms, rss_mb }: StartupRun) =>
            `${name} ${answered ? "answered" : "gave up"} after ${wall_ms} ms (${cpu_ms} ms CPU, ${rss_mb} MB)`;
          log(
            `startup: ${operations}${cyclic ? " cyclic" : ""} operations, run ${run}/${runs}: ${line("mock", mock.at(-1)!)}; ${line("prism-cli", prism.at(-1)!)}`,
          );
        }
        const [ours, stock] = [summary(mock), summary(prism)];
        rows.push({
          operations,
          cyclic,
          spec_bytes: statSync(spec).size,
          mock: ours,
          prism_cli: stock,
          ratio: stock.answered
            ? {
                wall: divide(ours.wall_ms, stock.wall_ms)!,
                cpu: divide(ours.cpu_ms, stock.cpu_ms),
                rss: divide(ours.rss_mb, stock.rss_mb),
              }
            : null,
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    try {
      rmdirSync(SCRATCH_ROOT);
    } catch {
      // Not empty or already gone: someone else's files, leave them.
    }
  }
  const { version } = JSON.parse(readFileSync(join(PRISM, "../../package.json"), "utf8")) as { version: string };
  return { prism_cli_version: version, give_up: { cpu_ms: GIVE_UP_CPU_MS, wall_ms: GIVE_UP_WALL_MS }, specs: rows };
}

/** Markdown of a `benchMockStartup` result. */
export function renderMockStartupMarkdown(result: StartupResult): string {
  const figure = (run: StartupRun, value: number | null, unit: string) =>
    value === null ? "–" : `${run.answered ? "" : "> "}${value.toLocaleString("en-US")} ${unit}`;
  const times = (ratio: number | null) => (ratio === null ? "–" : `${ratio.toFixed(3)}×`);
  const rows = result.specs.map((row) => [
    `${row.operations.toLocaleString("en-US")}${row.cyclic ? ", cyclic" : ""}`,
    `${row.spec_bytes.toLocaleString("en-US")} B`,
    figure(row.mock, row.mock.wall_ms, "ms"),
    figure(row.mock, row.mock.cpu_ms, "ms"),
    figure(row.mock, row.mock.rss_mb, "MB"),
    row.prism_cli.answered
      ? figure(row.prism_cli, row.prism_cli.wall_ms, "ms")
      : `no answer (given up after ${row.prism_cli.wall_ms.toLocaleString("en-US")} ms)`,
    figure(row.prism_cli, row.prism_cli.cpu_ms, "ms"),
    row.prism_cli.answered ? figure(row.prism_cli, row.prism_cli.rss_mb, "MB") : "–",
    times(row.ratio?.wall ?? null),
    times(row.ratio?.cpu ?? null),
    times(row.ratio?.rss ?? null),
    String(row.mock.runs.length),
  ]);
  return [
    `From spawn to the first HTTP answer, the CPU used until then and the resident memory after it (/proc), for the mock (\`startMock\`, port 0) and stock \`prism mock\` of @stoplight/prism-cli ${result.prism_cli_version} (the same prism-http, 5.12.0; given one free port on 127.0.0.1 picked right before it starts, since it takes no port 0), alternately, on synthesized specs bundled by Redocly; medians of the runs. A start-up is given up past ${result.give_up.cpu_ms / 1000} s of CPU or ${result.give_up.wall_ms / 1000} s of wall time.`,
    table(
      [
        "operations",
        "bundled spec",
        "mock: wall",
        "mock: CPU",
        "mock: RSS",
        "prism-cli: wall",
        "prism-cli: CPU",
        "prism-cli: RSS",
        "wall ×",
        "CPU ×",
        "RSS ×",
        "runs",
      ],
      rows,
      ["left", ...Array<"right">(11).fill("right")],
    ),
  ].join("\n\n");
}
