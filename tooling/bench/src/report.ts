// Renders results/results.json as results/RESULTS.md: the headline figures against
// their targets, then a section per benchmark with the command that
// reproduces it. A pure function of the results, so the test can check that
// the committed Markdown matches the committed JSON.
import type { BundleSizes } from "@billing-api/guardrails/bundle-size";
import { type DevLoopResult, renderDevLoopMarkdown } from "./dev-loop.ts";
import { type DocsResult, renderDocsMarkdown } from "./docs-render.ts";
import { table } from "./markdown.ts";
import { type MockResult, renderMockMarkdown } from "./mock-load.ts";
import { renderMockStartupMarkdown, type StartupResult } from "./mock-startup.ts";
import { CONTENDERS, MEASURING_FLAGS, type OverheadResult, type OverheadVerdict, type Transport } from "./overhead-model.ts";
import type { PipelineResult } from "./pipeline.ts";
import { renderScaleMarkdown, type ScaleResult } from "./scale.ts";
import type { SizeBenchResult } from "./size.ts";

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
const bytes = (n: number) => `${n.toLocaleString("en-US")} B`;
const ms = (n: number) => `${Number(n).toLocaleString("en-US", { maximumFractionDigits: 1 })} ms`;

const ratio = (n: number) => `${n.toFixed(3)}×`;
const us = (n: number) => `${n.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} µs`;
const count = (n: number) => n.toLocaleString("en-US");
const TRANSPORTS: Record<Transport, string> = { "in-process": "in-process", loopback: "over loopback" };

/** "✓ met" or "✗ not met", by the ratio of medians; says so when amortizing GC would flip it. */
function overheadVerdict(verdict: OverheadVerdict): string {
  const main = verdict.met ? "✓ met" : "✗ not met";
  return verdict.met === verdict.met_gc_amortized ? main : `${main} (${verdict.met_gc_amortized ? "met" : "not met"} with GC amortized)`;
}

/** Which operations the GET and POST are, and the GET answer's size, when the result records them. */
function getAnswer({ calls }: OverheadResult): string {
  if (!calls) {
    return "";
  }
  const kb = (calls.GET.answer_bytes / 1000).toFixed(1);
  return ` (the GET is \`${calls.GET.operation}\`, the spec's first read by id, and the POST \`${calls.POST.operation}\`, its first create; the GET's answer is ${kb} kB of JSON, so parsing it is a large share of every in-process GET)`;
}

function renderOverhead(result: OverheadResult): string {
  const { rounds } = result;
  const parts = [
    `Per-call alternation: each round calls every contender once, in a fresh random order (seed ${result.seed}); ${count(rounds.in_process)} rounds per in-process scenario and ${count(rounds.loopback)} per loopback one, after ${count(rounds.warmup_in_process)} and ${count(rounds.warmup_loopback)} untimed warm-up rounds; a scenario stops early at its time budget (the rounds it ran are given). Each contender has its own openapi-fetch instance, client, transport and \`fetch\`. In-process, \`fetch\` answers at once with a fresh \`Response\`, so only the caller's own work is timed; over loopback each contender has its own port (its own connection pool) on a \`node:http\` server in a child process on 127.0.0.1. Every contender's request (method, path, token, content type, idempotency key, body) and answer are checked before timing; the answers are the spec's examples${getAnswer(result)}.`,
    `GC: the calls run in a measuring process started with \`${MEASURING_FLAGS.join(" ")}\`, so a collection runs inside the call whose allocation triggered it rather than as a task between calls; each pause a \`PerformanceObserver\` reports is charged to the call it fell in. Latencies are wall-clock with those pauses in; "GC per 1,000 calls" is the pause time charged to the contender (ms per 1,000 calls, which is also µs per call), and "with GC amortized" is (median + GC per call) over the same for bare openapi-fetch. Ratios are ratios of medians from this one run; "spread" is the lowest and highest ratio over ${rounds.blocks} blocks of consecutive rounds. A contender's GC figure rests on the pauses that fell in its calls (given in brackets): with n of them it is good to about ±1/√n (±18% at 30), which is why the verdicts go by the medians and the GC-amortized ratio is shown beside them.`,
  ];
  for (const scenario of result.scenarios) {
    parts.push(
      `**${scenario.name}**: ${count(scenario.rounds)} rounds in ${ms(scenario.wall_ms)}; GC between calls ${ms(scenario.harness_gc_ms)}.`,
      table(
        ["contender", "median", "p90", "× bare openapi-fetch", "spread", "GC per 1,000 calls", "× bare openapi-fetch, GC amortized", "× raw fetch"],
        scenario.rows.map((row) => [
          CONTENDERS[row.contender],
          us(row.median_us),
          us(row.p90_us),
          ratio(row.vs_openapi_fetch),
          `${row.vs_openapi_fetch_spread[0].toFixed(3)}–${row.vs_openapi_fetch_spread[1].toFixed(3)}`,
          `${row.gc_ms_per_1000_calls.toFixed(2)} ms (${row.gc_pauses} pauses)`,
          ratio(row.vs_openapi_fetch_gc_amortized),
          ratio(row.vs_raw_fetch),
        ]),
        ["left", "right", "right", "right", "right", "right", "right", "right"],
      ),
    );
  }
  parts.push(
    "The targets (issue 17), each the worse of GET and POST against bare openapi-fetch; the loopback target is read as applying to every client contender:",
    table(
      ["contender", "transport", "target", "measured", "with GC amortized", "verdict"],
      result.verdicts.map((verdict) => [
        CONTENDERS[verdict.contender],
        TRANSPORTS[verdict.transport],
        `≤ ${verdict.bound.toFixed(2)}×`,
        ratio(verdict.measured),
        ratio(verdict.measured_gc_amortized),
        overheadVerdict(verdict),
      ]),
    ),
    `The benchmark took ${result.duration_s} s; the 1-minute load average was ${result.load_average_1m.start} when it began and ${result.load_average_1m.end} when it ended.`,
  );
  return parts.join("\n\n");
}

type AppName = keyof BundleSizes["apps"];
const APP_LABELS: Record<AppName, string> = {
  operation: "one operation function (`createTransport` and the operation's function)",
  client: "`createBillingClient`",
  "openapi-fetch": "bare openapi-fetch",
};
const APP_NAMES = Object.keys(APP_LABELS) as AppName[];

function renderSize(result: SizeBenchResult): string {
  const { real, synthesized } = result;
  const largest = synthesized.at(-1);
  const limits: Record<AppName, string> = {
    operation: `target ${bytes(real.target_gzip_bytes)}, budget ${bytes(real.budget_gzip_bytes)}`,
    client: `budget ${bytes(real.client_budget_gzip_bytes)}`,
    "openapi-fetch": "",
  };
  const modules = [...new Set(APP_NAMES.flatMap((name) => real.apps[name].modules.map((entry) => entry.module)))];
  const moduleBytes = (name: AppName, module: string) => {
    const entry = real.apps[name].modules.find((item) => item.module === module);
    return entry ? bytes(entry.minified_bytes) : "";
  };
  const parts = [
    `Three apps, each making one call${real.call ? ` (\`${real.call.operation}\`, the spec's first read by id)` : " (the spec's first read by id)"}, bundled by ${real.bundler}.`,
    `**The real client** (${real.operations} operations):`,
    table(
      ["app", "minified", "gzipped", "limits"],
      APP_NAMES.map((name) => [APP_LABELS[name], bytes(real.apps[name].minified_bytes), bytes(real.apps[name].gzip_bytes), limits[name]]),
      ["left", "right", "right", "left"],
    ),
    real.operation_gzip_bytes <= real.target_gzip_bytes
      ? `The operation app is within the target of ${bytes(real.target_gzip_bytes)}.`
      : `**The operation app is over the target of ${bytes(real.target_gzip_bytes)} by ${bytes(real.operation_gzip_bytes - real.target_gzip_bytes)}.**`,
    "What each module puts in each app (minified, before gzip):",
    table(
      ["module", ...APP_NAMES.map((name) => APP_LABELS[name])],
      modules.map((module) => [`\`${module}\``, ...APP_NAMES.map((name) => moduleBytes(name, module))]),
      ["left", "right", "right", "right"],
    ),
  ];
  if (largest) {
    const growth = (name: AppName) => largest.sizes.apps[name].gzip_bytes - real.apps[name].gzip_bytes;
    const signed = (n: number) => `${n >= 0 ? "+" : "−"}${bytes(Math.abs(n))}`;
    parts.push(
      "**Against the number of operations**: the same apps bundled against clients generated from synthesized specs (`src/synthesize-spec.ts`), gzipped (minified in brackets):",
      table(
        [
          "app",
          `real, ${real.operations} ops`,
          ...synthesized.map((size) => `${count(size.operations)} ops`),
          `change, ${real.operations} → ${count(largest.operations)} ops`,
        ],
        APP_NAMES.map((name) => [
          APP_LABELS[name],
          `${bytes(real.apps[name].gzip_bytes)} (${bytes(real.apps[name].minified_bytes)})`,
          ...synthesized.map((size) => `${bytes(size.sizes.apps[name].gzip_bytes)} (${bytes(size.sizes.apps[name].minified_bytes)})`),
          signed(growth(name)),
        ]),
        ["left", ...synthesized.map((): "right" => "right"), "right", "right"],
      ),
      `From ${real.operations} to ${count(largest.operations)} operations the operation app changes by ${signed(growth("operation"))} gzipped (a bundler keeps only the operation it imports), while the \`createBillingClient\` app grows by ${signed(growth("client"))}, about ${(growth("client") / (largest.operations - real.operations)).toFixed(1)} B per operation (it carries every operation's function and method).`,
      `How a synthesized client is built: ${result.build}. ${
        largest.sizes.call
          ? `The apps call each synthesized spec's own first read by id (\`${largest.sizes.call.operation}\` in the largest).`
          : "One get-by-id operation of each synthesized spec was renamed as the real spec's and moved to its path, so the same app sources bundled against it; the operation count stayed the same."
      }`,
      table(
        ["spec", "bundled spec", "generated operations.ts", "generate", "build"],
        synthesized.map((size) => [
          `${count(size.operations)} ops`,
          bytes(size.spec_bytes),
          bytes(size.generated_bytes),
          ms(size.generate_ms),
          ms(size.build_ms),
        ]),
        ["left", "right", "right", "right", "right"],
      ),
    );
  }
  parts.push(
    `\`pnpm check\` fails when the operation app exceeds ${bytes(real.budget_gzip_bytes)} or the \`createBillingClient\` app ${bytes(real.client_budget_gzip_bytes)} gzipped (\`tooling/guardrails/src/bundle-size.ts\`).`,
  );
  return parts.join("\n\n");
}

function renderPipeline(result: PipelineResult): string {
  return [
    table(
      ["run", "median", "runs"],
      [
        ["cold `pnpm build` (`turbo run build --force`)", ms(result.cold_build_ms.median), result.cold_build_ms.runs.map(ms).join(", ")],
        ["cached `pnpm build`", ms(result.cached_build_ms.median), result.cached_build_ms.runs.map(ms).join(", ")],
      ],
    ),
    `Each stage inside the cold build (median of ${result.runs}; from turbo's run summary):`,
    table(
      ["stage", "turbo tasks", "median"],
      result.stages.map((stage) => [stage.stage, stage.tasks.map((task) => `\`${task}\``).join(", "), ms(stage.median_ms)]),
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
      rows.push([`the same app, client generated from ${count(largest.operations)} operations`, bytes(largest.sizes.operation_gzip_bytes), "", ""]);
    }
    rows.push(["`client_gzip_bytes` (same call through `createBillingClient`)", bytes(real.client_gzip_bytes), "", ""]);
    if (largest) {
      rows.push([`the same app, client generated from ${count(largest.operations)} operations`, bytes(largest.sizes.client_gzip_bytes), "", ""]);
    }
    rows.push(["`openapi_fetch_gzip_bytes` (same call, bare openapi-fetch)", bytes(real.openapi_fetch_gzip_bytes), "", ""]);
  }
  return table(["figure", "measured", "target", "verdict"], rows);
}

/** A benchmark's section: its title, when it was measured and how to measure it again, and its tables. */
function section<Name extends BenchmarkName>(name: Name, result: Measured<BenchmarkResults[Name]>): string {
  const load = result.load_average ? `, at a load average of ${result.load_average.join(", ")} (1, 5, 15 min) when it began` : "";
  return [`## ${BENCHMARKS[name]}`, `Measured ${result.measured_at}${load}. ${reproduce(name)}`, RENDERERS[name](result)].join("\n\n");
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
