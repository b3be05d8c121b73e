// Renders results/results.json as results/RESULTS.md: the headline figures against
// their targets, then a section per benchmark with the command that
// reproduces it. A pure function of the results, so the test can check that
// the committed Markdown matches the committed JSON.
import type { BundleSizes } from "@billing-api/guardrails/bundle-size";
import { type DocsResult, renderDocsMarkdown } from "./docs-render.ts";
import { table } from "./markdown.ts";
import { type MockResult, renderMockMarkdown } from "./mock-load.ts";
import type { OverheadResult } from "./overhead.ts";
import type { PipelineResult } from "./pipeline.ts";
import { renderScaleMarkdown, type ScaleResult } from "./scale.ts";

/** What each benchmark returns, by name. */
export interface BenchmarkResults {
  overhead: OverheadResult;
  size: BundleSizes;
  pipeline: PipelineResult;
  scale: ScaleResult;
  mock: MockResult;
  docs: DocsResult;
}
export type BenchmarkName = keyof BenchmarkResults;
/** A benchmark's result as results.json records it: with the day it was measured. */
export type Measured<T> = { measured_at: string } & T;
/** The benchmarks' results as results.json records them; one not run yet is not there. */
export type MeasuredResults = { [Name in BenchmarkName]?: Measured<BenchmarkResults[Name]> };

export interface Machine {
  cpus: number;
  cpu_model: string;
  memory_gb: number;
  os: string;
  node: string;
}

/** results/results.json. */
export interface Results {
  generated_by: string;
  machine: Machine;
  client_vs_openapi_fetch: number | null;
  client_vs_raw_fetch_http: number | null;
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
  docs: "Docs",
};

/** The benchmarks' names, in the order of BENCHMARKS (the order of results.json and RESULTS.md). */
export const BENCHMARK_NAMES = Object.keys(BENCHMARKS) as BenchmarkName[];

export const isBenchmarkName = (name: string): name is BenchmarkName => Object.hasOwn(BENCHMARKS, name);

const reproduce = (name: BenchmarkName) => `Reproduce: \`pnpm bench --only=${name}\` (all of them: \`pnpm bench\`).`;
const bytes = (n: number) => `${n.toLocaleString("en-US")} B`;
const ms = (n: number) => `${Number(n).toLocaleString("en-US", { maximumFractionDigits: 1 })} ms`;

function renderOverhead(result: OverheadResult): string {
  const parts = [
    `Medians of ${result.rounds} interleaved rounds of ${result.time_per_round_ms} ms per contender; each ratio is the median of the per-round ratios. In-process, \`fetch\` answers at once, so only client-side work is measured; loopback calls a minimal \`node:http\` server on 127.0.0.1.`,
  ];
  for (const scenario of result.scenarios) {
    parts.push(
      `**${scenario.name}**`,
      table(
        ["contender", "median per call", "× bare openapi-fetch", "× raw fetch"],
        scenario.rows.map((row) => [row.contender, `${row.median_us.toFixed(2)} µs`, row.vs_openapi_fetch.toFixed(3), row.vs_raw_fetch.toFixed(3)]),
      ),
    );
  }
  parts.push(
    "What the client adds to each call: a per-attempt timeout (a timer of its own, armed and cleared per attempt), the caller's abort, an idempotency key on POST, and one extra promise around openapi-fetch's call so that an attempt can end even when `fetch` ignores its signal. It builds no `Request` or `Response` of its own. Over loopback, bare openapi-fetch itself costs about 1.05-1.08× raw `fetch`, most of the 1.1× allowed there.",
  );
  return parts.join("\n\n");
}

function renderSize(result: BundleSizes): string {
  const app = (name: keyof BundleSizes["apps"]) => result.apps[name];
  return [
    `An app making one \`getCheckout\` call, bundled by ${result.bundler}.`,
    table(
      ["app", "minified", "gzipped"],
      [
        ["with @billing-api/client", bytes(app("client").minified_bytes), bytes(result.client_gzip_bytes)],
        ["with bare openapi-fetch", bytes(app("openapi-fetch").minified_bytes), bytes(result.openapi_fetch_gzip_bytes)],
        ["what the client adds", bytes(app("client").minified_bytes - app("openapi-fetch").minified_bytes), bytes(result.client_layer_gzip_bytes)],
        [
          "for scale: openapi-fetch plus bare operation methods (no retries, keys, timeouts, typed errors or checks)",
          "",
          bytes(result.operation_methods_only_gzip_bytes),
        ],
      ],
    ),
    result.client_gzip_bytes < result.target_gzip_bytes
      ? `Within the target of ${bytes(result.target_gzip_bytes)}.`
      : `**Over the target of ${bytes(result.target_gzip_bytes)} by ${bytes(result.client_gzip_bytes - result.target_gzip_bytes)}.** openapi-fetch alone takes ${bytes(result.openapi_fetch_gzip_bytes)} and bare operation methods on it ${bytes(result.operation_methods_only_gzip_bytes)}, which leaves ${bytes(result.target_gzip_bytes - result.operation_methods_only_gzip_bytes)} for option checks, retries with backoff and Retry-After, idempotency keys, per-attempt timeouts, abort, the typed error classes and the redacted request; they take ${bytes(result.client_gzip_bytes - result.operation_methods_only_gzip_bytes)}.`,
    "What each module puts in the client app (minified, before gzip):",
    table(
      ["module", "minified"],
      app("client").modules.map((entry) => [`\`${entry.module}\``, bytes(entry.minified_bytes)]),
    ),
    `\`pnpm check\` fails when the client app exceeds its budget of ${bytes(result.budget_gzip_bytes)} gzipped (\`tooling/guardrails/src/bundle-size.ts\`).`,
  ].join("\n\n");
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
  docs: renderDocsMarkdown,
};

function headline(results: Results): string {
  const overhead = results.benchmarks.overhead;
  const size = results.benchmarks.size;
  const verdict = (met: boolean) => (met ? "✓ met" : "✗ missed");
  const rows: string[][] = [];
  // bench.ts copies the top-level figures from these two results: they are numbers wherever the results are.
  if (overhead) {
    rows.push([
      "`client_vs_openapi_fetch` (in-process, worse style, GET and POST)",
      `${results.client_vs_openapi_fetch!.toFixed(3)}×`,
      `≤ ${overhead.targets.client_vs_openapi_fetch}×`,
      verdict(results.client_vs_openapi_fetch! <= overhead.targets.client_vs_openapi_fetch),
    ]);
    rows.push([
      "`client_vs_raw_fetch_http` (loopback, worse style, GET and POST)",
      `${results.client_vs_raw_fetch_http!.toFixed(3)}×`,
      `≤ ${overhead.targets.client_vs_raw_fetch_http}×`,
      verdict(results.client_vs_raw_fetch_http! <= overhead.targets.client_vs_raw_fetch_http),
    ]);
  }
  if (size) {
    rows.push([
      "`client_gzip_bytes` (app with the client)",
      bytes(results.client_gzip_bytes!),
      `< ${bytes(size.target_gzip_bytes)}`,
      verdict(results.client_gzip_bytes! < size.target_gzip_bytes),
    ]);
    rows.push(["`openapi_fetch_gzip_bytes` (same app, bare openapi-fetch)", bytes(results.openapi_fetch_gzip_bytes!), "", ""]);
  }
  return table(["figure", "measured", "target", ""], rows);
}

/** A benchmark's section: its title, when it was measured and how to measure it again, and its tables. */
function section<Name extends BenchmarkName>(name: Name, result: Measured<BenchmarkResults[Name]>): string {
  return [`## ${BENCHMARKS[name]}`, `Measured ${result.measured_at}. ${reproduce(name)}`, RENDERERS[name](result)].join("\n\n");
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
    `Machine: ${machine.cpus} × ${machine.cpu_model}, ${machine.memory_gb} GB, ${machine.os}, Node ${machine.node}. Shared and noisy: compare figures within one run, not across runs.`,
    headline(results),
    ...sections,
    "",
  ].join("\n\n");
}
