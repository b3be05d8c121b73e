// results/RESULTS.md is rendered from results/results.json: the committed pair
// must agree, and the figures the issue names must be there as numbers.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderResults } from "../src/report.ts";

const read = (file: string) => readFileSync(new URL(`../results/${file}`, import.meta.url), "utf8");
const results = JSON.parse(read("results.json"));

describe("results/results.json and results/RESULTS.md", () => {
  it("records the headline figures as numbers", () => {
    for (const key of [
      "client_vs_openapi_fetch",
      "client_vs_openapi_fetch_http",
      "client_vs_raw_fetch_http",
      "operation_gzip_bytes",
      "client_gzip_bytes",
      "openapi_fetch_gzip_bytes",
    ]) {
      expect(typeof results[key], key).toBe("number");
    }
  });

  it("has a result for every benchmark", () => {
    expect(Object.keys(results.benchmarks)).toEqual([
      "overhead",
      "size",
      "pipeline",
      "scale",
      "mock",
      "startup",
      "docs",
      "dev",
    ]);
  });

  it("RESULTS.md is what results.json renders to", () => {
    const rendered = renderResults(results);
    expect(
      read("RESULTS.md") === rendered,
      "tooling/bench/results/RESULTS.md is stale. Fix: run `pnpm bench --render` (or `pnpm bench` to measure again), then commit.",
    ).toBe(true);
  });
});
