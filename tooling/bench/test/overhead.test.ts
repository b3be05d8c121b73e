// A short run of the overhead benchmark: every contender must make the real
// call (the benchmark checks each answer before timing) and every figure must
// be a measurement. The figures themselves are not judged here.
import { describe, expect, it } from "vitest";
import { benchOverhead } from "../src/overhead.ts";

describe("overhead benchmark", () => {
  it("times all four contenders in-process and over loopback, GET and POST", async () => {
    const result = await benchOverhead({ rounds: 1, timeMs: 20 });
    expect(result.scenarios.map((s) => s.name)).toEqual(["in-process GET", "in-process POST", "loopback HTTP GET", "loopback HTTP POST"]);
    for (const scenario of result.scenarios) {
      expect(scenario.rows.map((row) => row.contender)).toEqual(["raw fetch", "bare openapi-fetch", "client, operation style", "client, path style"]);
      for (const row of scenario.rows) expect(row.median_us).toBeGreaterThan(0);
    }
    expect(Number.isFinite(result.client_vs_openapi_fetch)).toBe(true);
    expect(Number.isFinite(result.client_vs_raw_fetch_http)).toBe(true);
  });
});
