import type { DevLoopResult } from "./dev-loop.ts";
import { renderDevLoopMarkdown } from "./dev-loop-report.ts";
import { type DocsResult, renderDocsMarkdown } from "./docs-render.ts";
import { table } from "./markdown.ts";
import { type MockResult, renderMockMarkdown } from "./mock-load.ts";
import { renderMockStartupMarkdown, type StartupResult } from "./mock-startup.ts";
import { CONTENDERS, type OverheadResult } from "./overhead-model.ts";
import { overheadVerdict, renderOverhead, TRANSPORTS } from "./overhead-report.ts";
import type { PipelineResult } from "./pipeline.ts";
import { bytes, count, ms, ratio } from "./report-format.ts";
import { renderScaleMarkdown, type ScaleResult } from "./scale.ts";
import type { SizeBenchResult } from "./size.ts";
import { renderSize } from "./size-report.ts";

/** What each benchmark returns, by name. */
export interface BenchmarkResults {
  overhead: OverheadResult;
  size: SizeBenchResult;
  pipeline: PipelineResult;
  scale: ScaleResult;
  mock: MockResult;
  startup: StartupResult;
  docs: DocsResult;
  dev: DevLoopResult;
}
export type BenchmarkName = keyof BenchmarkResults;
/** A benchmark's result as results.json records it: with the day it was measured and how busy the machine was then. */
export type Measured<T> = {
  measured_at: string;
  /** The 1, 5 and 15 minute load averages when this benchmark began (other jobs included); not recorded before 2026-12-04. */
  load_average?: [number, number, number];
} & T;
/** The benchmarks' results as results.json records them; one not run yet is not there. */
export type MeasuredResults = { [Name in BenchmarkName]?: Measured<BenchmarkResults[Name]> };

export interface Machine {
  cpus: number;
  cpu_model: string;
  memory_gb: number;
  os: string;
  node: string;
  /** Recorded before 2026-12-04 for the whole file; each benchmark's own `load_average` replaces it. */
  load_average?: [number, number, number];
}

/** results/results.json. */
export interface Results {
  generated_by: string;
  machine: Machine;
  /** The worst client contender (any style) against bare openapi-fetch, in-process, GET and POST. */
  client_vs_openapi_fetch: number | null;
  /** The same over loopback HTTP. */
  client_vs_openapi_fetch_http: number | null;
  /** The worst client contender against raw fetch over loopback HTTP. */
  client_vs_raw_fetch_http: number | null;
  /** The real client's apps, gzipped: one operation function, createBillingClient, bare openapi-fetch. */
  operation_gzip_bytes: number | null;
  client_gzip_bytes: number | null;
  openapi_fetch_gzip_bytes: number | null;
  benchmarks: MeasuredResults;
}

export const BENCHMARKS: Record<BenchmarkName, string> = {
  overhead: "Per-call overhead",
  size: "Bundle size",
  pipeline: "Pipeline",
  scale: "Scale",
  mock: "Mock server and contract suite",
  startup: "Mock start-up against spec size",
  docs: "Docs",
  dev: "Edit loop (`pnpm dev`)",
};

/** The benchmarks' names, in the order of BENCHMARKS (the order of results.json and RESULTS.md). */
export const BENCHMARK_NAMES = Object.keys(BENCHMARKS) as BenchmarkName[];

export const isBenchmarkName = (name: string): name is BenchmarkName => Object.hasOwn(BENCHMARKS, name);

const reproduce = (name: BenchmarkName) => `Reproduce: \`pnpm bench --only=${name}\` (all of them: \`pnpm bench\`).`;
function renderPipeline(result: PipelineResult): string {
  return [
    table(
      ["run", "median", "runs"],
      [
        [
          "cold `pnpm build` (`turbo run build --force`)",
          ms(result.cold_build_ms.median),
          result.cold_build_ms.runs.map(ms).join(", "),
        ],
        ["cached `pnpm build`", ms(result.cached_build_ms.median), result.cached_build_ms.runs.map(ms).join(", ")],
      ],
    ),
    `Each stage inside the cold build (median of ${result.runs}; from turbo's run summary):`,
    table(
      ["stage", "turbo tasks", "median"],
      result.stages.map((stage) => [
        stage.stage,
        stage.tasks.map((task) => `\`${task}\``).join(", "),
        ms(stage.median_ms),
      ]),
    ),
    result.note,
  ].join("\n\n");
}

const RENDERERS: { [Name in BenchmarkName]: (result: BenchmarkResults[Name]) => string } = {
  overhead: renderOverhead,
  size: renderSize,
  pipeline: renderPipeline,
  scale: (result) => renderScaleMarkdown(result).trim(),
  mock: renderMockMarkdown,
  startup: renderMockStartupMarkdown,
  docs: renderDocsMarkdown,
  dev: renderDevLoopMarkdown,
};

function headline(results: Results): string {
  const overhead = results.benchmarks.overhead;
  const size = results.benchmarks.size;
  const rows: string[][] = [];
  if (overhead) {
    for (const verdict of overhead.verdicts) {
      rows.push([
        `${CONTENDERS[verdict.contender]} ${TRANSPORTS[verdict.transport]}, × bare openapi-fetch (worse of GET and POST)`,
        `${ratio(verdict.measured)} (${ratio(verdict.measured_gc_amortized)} with GC amortized)`,
        `≤ ${verdict.bound.toFixed(2)}×`,
        overheadVerdict(verdict),
      ]);
    }
  }
  if (size) {
    const { real } = size;
    const largest = size.synthesized.at(-1);
    rows.push([
      "`operation_gzip_bytes` (app with one operation function)",
      bytes(real.operation_gzip_bytes),
      `≤ ${bytes(real.target_gzip_bytes)}`,
      real.operation_gzip_bytes <= real.target_gzip_bytes ? "✓ met" : "✗ not met",
    ]);
    if (largest) {
      rows.push([
        `the same app, client generated from ${count(largest.operations)} operations`,
        bytes(largest.sizes.operation_gzip_bytes),
        "",
        "",
      ]);
    }
    rows.push(["`client_gzip_bytes` (same call through `createBillingClient`)", bytes(real.client_gzip_bytes), "", ""]);
    if (largest) {
      rows.push([
        `the same app, client generated from ${count(largest.operations)} operations`,
        bytes(largest.sizes.client_gzip_bytes),
        "",
        "",
      ]);
    }
    rows.push([
      "`openapi_fetch_gzip_bytes` (same call, bare openapi-fetch)",
      bytes(real.openapi_fetch_gzip_bytes),
      "",
      "",
    ]);
  }
  return table(["figure", "measured", "target", "verdict"], rows);
}

/** A benchmark's section: its title, when it was measured and how to measure it again, and its tables. */
function section<Name extends BenchmarkName>(name: Name, result: Measured<BenchmarkResults[Name]>): string {
  const load = result.load_average
    ? `, at a load average of ${result.load_average.join(", ")} (1, 5, 15 min) when it began`
    : "";
  return [
    `## ${BENCHMARKS[name]}`,
    `Measured ${result.measured_at}${load}. ${reproduce(name)}`,
    RENDERERS[name](result),
  ].join("\n\n");
}

export function renderResults(results: Results): string {
  const machine = results.machine;
  const sections = BENCHMARK_NAMES.flatMap((name) => {
    const result = results.benchmarks[name];
    return result ? [section(name, result)] : [];
  });
  return [
    "<!-- @generated by `pnpm bench` from tooling/bench/results/results.json. Do not edit: run `pnpm bench` (or `pnpm bench --only=<name>`) and commit both files. -->",
    "# Benchmark results",
    `Machine: ${machine.cpus} × ${machine.cpu_model}, ${machine.memory_gb} GB, ${machine.os}, Node ${machine.node}. Shared and noisy: compare figures within one run, not across runs; each section says how busy the machine was when it was measured.`,
    headline(results),
    ...sections,
    "",
  ].join("\n\n");
}
