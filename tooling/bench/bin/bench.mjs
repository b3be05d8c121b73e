#!/usr/bin/env node
// `pnpm bench [--only=overhead,size,...]`: runs the benchmarks on this
// machine, merges their results into results/results.json and renders
// results/RESULTS.md. `pnpm bench --render` only renders the Markdown again.
// Benchmarks measure; they never pass or fail anything (the size budget is
// enforced by `pnpm check`).
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem, type, release } from "node:os";
import { fileURLToPath } from "node:url";
import { benchDocs } from "../src/docs-render.mjs";
import { benchMock } from "../src/mock-load.mjs";
import { benchOverhead } from "../src/overhead.mjs";
import { benchPipeline } from "../src/pipeline.mjs";
import { BENCHMARKS, renderResults } from "../src/report.mjs";
import { benchScale } from "../src/scale.mjs";
import { measureBundleSizes } from "@billing-api/guardrails/bundle-size";

const RUNNERS = {
  overhead: () => benchOverhead(),
  size: () => measureBundleSizes(),
  pipeline: () => benchPipeline(),
  scale: () => benchScale(),
  mock: () => benchMock(),
  docs: () => benchDocs(),
};

const resultsFile = fileURLToPath(new URL("../results/results.json", import.meta.url));
const markdownFile = fileURLToPath(new URL("../results/RESULTS.md", import.meta.url));

const args = process.argv.slice(2).filter((arg) => arg !== "--");
const renderOnly = args.includes("--render");
const onlyArg = args.find((arg) => arg.startsWith("--only="));
const unknownArgs = args.filter((arg) => arg !== "--render" && !arg.startsWith("--only="));
const selected = renderOnly ? [] : onlyArg ? onlyArg.slice("--only=".length).split(",").filter(Boolean) : Object.keys(RUNNERS);
const unknown = [...unknownArgs, ...selected.filter((name) => !(name in RUNNERS))];
if (unknown.length > 0) {
  console.error(`Unknown: ${unknown.join(", ")}. Usage: pnpm bench [--only=${Object.keys(RUNNERS).join(",")}] | pnpm bench --render`);
  process.exit(2);
}

let results;
try {
  results = JSON.parse(readFileSync(resultsFile, "utf8"));
} catch (error) {
  if (error.code !== "ENOENT") throw error;
  results = { benchmarks: {} };
}
const cpu = cpus();
if (!renderOnly)
  results.machine = {
    cpus: cpu.length,
    cpu_model: cpu[0]?.model.trim() ?? "unknown",
    memory_gb: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.versions.node,
  };

const started = performance.now();
for (const name of selected) {
  console.log(`▶ ${BENCHMARKS[name]} (${name})`);
  const start = performance.now();
  const result = await RUNNERS[name]();
  results.benchmarks[name] = { measured_at: new Date().toISOString().slice(0, 10), ...result };
  console.log(`  done in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}

// The figures the issue names, at the top level where tools look for them.
const { overhead, size } = results.benchmarks;
const ordered = {
  generated_by: "pnpm bench (tooling/bench/bin/bench.mjs)",
  machine: results.machine,
  client_vs_openapi_fetch: overhead?.client_vs_openapi_fetch ?? null,
  client_vs_raw_fetch_http: overhead?.client_vs_raw_fetch_http ?? null,
  client_gzip_bytes: size?.client_gzip_bytes ?? null,
  openapi_fetch_gzip_bytes: size?.openapi_fetch_gzip_bytes ?? null,
  benchmarks: Object.fromEntries(
    Object.keys(BENCHMARKS)
      .filter((name) => results.benchmarks[name])
      .map((name) => [name, results.benchmarks[name]]),
  ),
};
writeFileSync(resultsFile, `${JSON.stringify(ordered, null, 2)}\n`);
writeFileSync(markdownFile, renderResults(ordered));
console.log(`\nWrote tooling/bench/results/results.json and RESULTS.md in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
if (overhead) console.log(`client_vs_openapi_fetch ${ordered.client_vs_openapi_fetch}, client_vs_raw_fetch_http ${ordered.client_vs_raw_fetch_http}`);
if (size) console.log(`client_gzip_bytes ${ordered.client_gzip_bytes}, openapi_fetch_gzip_bytes ${ordered.openapi_fetch_gzip_bytes}`);
