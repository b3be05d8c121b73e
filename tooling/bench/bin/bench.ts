// `pnpm bench [--only=overhead,size,...]`: runs the benchmarks on this
// machine, merges their results into results/results.json and renders
// results/RESULTS.md. `pnpm bench --render` only renders the Markdown again.
// Benchmarks measure; they never pass or fail anything (the size budget is
// enforced by `pnpm check`).
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem, type } from "node:os";
import { fileURLToPath } from "node:url";
import { benchDevLoop } from "../src/dev-loop.ts";
import { benchDocs } from "../src/docs-render.ts";
import { benchMock } from "../src/mock-load.ts";
import { benchMockStartup } from "../src/mock-startup.ts";
import { benchOverhead } from "../src/overhead.ts";
import { benchPipeline } from "../src/pipeline.ts";
import {
  BENCHMARK_NAMES,
  BENCHMARKS,
  type BenchmarkName,
  type BenchmarkResults,
  isBenchmarkName,
  type Machine,
  type Measured,
  type MeasuredResults,
  type Results,
  renderResults,
} from "../src/report.ts";
import { benchScale } from "../src/scale.ts";
import { benchSize } from "../src/size.ts";

const RUNNERS: { [Name in BenchmarkName]: () => Promise<BenchmarkResults[Name]> } = {
  overhead: () => benchOverhead(),
  size: () => benchSize(),
  pipeline: () => benchPipeline(),
  scale: () => benchScale(),
  mock: () => benchMock(),
  startup: () => benchMockStartup(),
  docs: () => benchDocs(),
  dev: () => benchDevLoop(),
};

const resultsFile = fileURLToPath(new URL("../results/results.json", import.meta.url));
const markdownFile = fileURLToPath(new URL("../results/RESULTS.md", import.meta.url));

const args = process.argv.slice(2).filter((arg) => arg !== "--");
const renderOnly = args.includes("--render");
const onlyArg = args.find((arg) => arg.startsWith("--only="));
const unknownArgs = args.filter((arg) => arg !== "--render" && !arg.startsWith("--only="));
const selected = renderOnly
  ? []
  : onlyArg
    ? onlyArg.slice("--only=".length).split(",").filter(Boolean)
    : Object.keys(RUNNERS);
const unknown = [...unknownArgs, ...selected.filter((name) => !isBenchmarkName(name))];
if (unknown.length > 0) {
  console.error(
    `Unknown: ${unknown.join(", ")}. Usage: pnpm bench [--only=${Object.keys(RUNNERS).join(",")}] | pnpm bench --render`,
  );
  process.exit(2);
}

/** What results.json holds before this run: nothing at all, the first time. */
type Recorded = Pick<Results, "benchmarks"> & { machine?: Machine };

let results: Recorded;
try {
  results = JSON.parse(readFileSync(resultsFile, "utf8")) as Recorded;
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
    throw error;
  }
  results = { benchmarks: {} };
}
const cpu = cpus();
if (!renderOnly) {
  results.machine = {
    cpus: cpu.length,
    cpu_model: cpu[0]?.model.trim() ?? "unknown",
    memory_gb: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.versions.node,
  };
}

/** Runs one benchmark and records its result, with the day it was measured and the load when it began. */
async function run<Name extends BenchmarkName>(name: Name, benchmarks: MeasuredResults): Promise<void> {
  const measured_at = new Date().toISOString().slice(0, 10);
  const load_average = loadavg().map((load) => Number(load.toFixed(2))) as [number, number, number];
  const result: Measured<BenchmarkResults[Name]> = { measured_at, load_average, ...(await RUNNERS[name]()) };
  // The same type: TypeScript does not follow the name through the mapped type here.
  benchmarks[name] = result as MeasuredResults[Name];
}

const started = performance.now();
for (const name of selected.filter(isBenchmarkName)) {
  console.log(`▶ ${BENCHMARKS[name]} (${name})`);
  const start = performance.now();
  await run(name, results.benchmarks);
  console.log(`  done in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}

// The figures the issue names, at the top level where tools look for them.
const { overhead, size } = results.benchmarks;
if (!results.machine) {
  throw new Error(`${resultsFile} records no machine: run \`pnpm bench\` to measure first.`);
}
const ordered: Results = {
  generated_by: "pnpm bench (tooling/bench/bin/bench.ts)",
  machine: results.machine,
  client_vs_openapi_fetch: overhead?.client_vs_openapi_fetch ?? null,
  client_vs_openapi_fetch_http: overhead?.client_vs_openapi_fetch_http ?? null,
  client_vs_raw_fetch_http: overhead?.client_vs_raw_fetch_http ?? null,
  operation_gzip_bytes: size?.real.operation_gzip_bytes ?? null,
  client_gzip_bytes: size?.real.client_gzip_bytes ?? null,
  openapi_fetch_gzip_bytes: size?.real.openapi_fetch_gzip_bytes ?? null,
  benchmarks: Object.fromEntries(
    BENCHMARK_NAMES.filter((name) => results.benchmarks[name]).map((name) => [name, results.benchmarks[name]]),
  ),
};
writeFileSync(resultsFile, `${JSON.stringify(ordered, null, 2)}\n`);
writeFileSync(markdownFile, renderResults(ordered));
console.log(
  `\nWrote tooling/bench/results/results.json and RESULTS.md in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
);
if (overhead) {
  console.log(
    `client_vs_openapi_fetch ${ordered.client_vs_openapi_fetch}, client_vs_openapi_fetch_http ${ordered.client_vs_openapi_fetch_http}, client_vs_raw_fetch_http ${ordered.client_vs_raw_fetch_http}`,
  );
  for (const verdict of overhead.verdicts) {
    console.log(
      `  ${verdict.contender} ${verdict.transport}: ${verdict.measured}× (GC amortized ${verdict.measured_gc_amortized}×), target ≤ ${verdict.bound}×: ${verdict.met ? "met" : "not met"}`,
    );
  }
}
if (size) {
  console.log(
    `operation_gzip_bytes ${ordered.operation_gzip_bytes}, client_gzip_bytes ${ordered.client_gzip_bytes}, openapi_fetch_gzip_bytes ${ordered.openapi_fetch_gzip_bytes}`,
  );
}
