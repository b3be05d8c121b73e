// A short run of the overhead benchmark: every contender must make the real
// call (the benchmark checks each request and answer before timing), every
// figure must be a measurement, and the loopback server must be gone
// afterwards. The figures themselves are not judged here; GC attribution and
// the request check are tested on their own.
import { describe, expect, it } from "vitest";
import { benchOverhead, CONTENDER_IDS, chargeGc, TARGETS, type Timeline } from "../src/overhead.ts";
import {
  ANSWERS,
  AUTHORIZATION,
  CALLS,
  POST_BODY_JSON,
  REQUEST_PATHS,
  requestProblem,
} from "../src/overhead-fixture.ts";

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("overhead benchmark", () => {
  it("times all five contenders in-process and over loopback, GET and POST, and ends its server", async () => {
    const lines: string[] = [];
    const result = await benchOverhead({
      inProcessRounds: 200,
      loopbackRounds: 30,
      warmupRounds: { inProcess: 20, loopback: 5 },
      seed: 17,
      log: (line) => lines.push(line),
    });
    expect(result.seed).toBe(17);
    expect(lines[0]).toContain("seed 17");
    expect(result.scenarios.map((s) => s.name)).toEqual([
      "in-process GET",
      "in-process POST",
      "loopback GET",
      "loopback POST",
    ]);
    for (const scenario of result.scenarios) {
      expect(scenario.rows.map((row) => row.contender)).toEqual(CONTENDER_IDS);
      for (const row of scenario.rows) {
        expect(row.calls).toBe(scenario.rounds);
        expect(row.median_us).toBeGreaterThan(0);
        expect(row.gc_ms_per_1000_calls).toBeGreaterThanOrEqual(0);
        expect(Number.isFinite(row.vs_openapi_fetch_gc_amortized)).toBe(true);
      }
      expect(scenario.rows.find((row) => row.contender === "openapi-fetch")?.vs_openapi_fetch).toBe(1);
    }
    expect(result.verdicts.map(({ contender, transport, bound }) => ({ contender, transport, bound }))).toEqual(
      TARGETS,
    );
    for (const key of [
      "client_vs_openapi_fetch",
      "client_vs_openapi_fetch_http",
      "client_vs_raw_fetch_http",
    ] as const) {
      expect(Number.isFinite(result[key]), key).toBe(true);
    }
    const pid = Number(lines.find((line) => line.includes("loopback server"))?.match(/PID (\d+)/)?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(isRunning(pid)).toBe(false);
  });
});

describe("chargeGc", () => {
  // Three calls: contender 1 at [10, 20], contender 0 at [21, 30], contender 1 at [32, 40].
  const timeline: Timeline = {
    who: Uint8Array.from([1, 0, 1]),
    starts: Float64Array.from([10, 21, 32]),
    ends: Float64Array.from([20, 30, 40]),
    count: 3,
  };

  it("charges a pause to the call it began in, and one between calls to the harness", () => {
    const charged = chargeGc(
      timeline,
      [
        { start: 12, duration: 1 },
        { start: 20.5, duration: 0.25 },
        { start: 25, duration: 2 },
        { start: 39, duration: 0.5 },
      ],
      2,
    );
    expect(charged).toEqual({ per_contender_ms: [2, 1.5], per_contender_pauses: [1, 2], harness_ms: 0.25 });
  });

  it("leaves out pauses before the first call and after the last", () => {
    expect(
      chargeGc(
        timeline,
        [
          { start: 5, duration: 3 },
          { start: 41, duration: 3 },
        ],
        2,
      ),
    ).toEqual({
      per_contender_ms: [0, 0],
      per_contender_pauses: [0, 0],
      harness_ms: 0,
    });
  });
});

describe("requestProblem", () => {
  const headers = (values: Record<string, string>) => (name: string) => values[name];
  const post = { authorization: AUTHORIZATION, "content-type": "application/json", "idempotency-key": "key-1" };

  it("accepts the calls every contender must make", () => {
    expect(requestProblem("GET", REQUEST_PATHS.GET, headers({ authorization: AUTHORIZATION }), "")).toBeUndefined();
    expect(requestProblem("POST", REQUEST_PATHS.POST, headers(post), POST_BODY_JSON)).toBeUndefined();
    expect(REQUEST_PATHS.GET).toContain(CALLS.GET.path.id);
  });

  it("calls the spec's first read by id and first create, with their examples (for this spec getCheckout and createCheckoutSession)", () => {
    expect([CALLS.GET.operation.id, CALLS.POST.operation.id]).toEqual(["getCheckout", "createCheckoutSession"]);
    expect(REQUEST_PATHS).toEqual({
      GET: "/api/v1/companies/cmp_4Nq7XbT2kLw9RcV3/checkout/pro_9Tx4KbW7mLq2",
      POST: "/api/v1/checkout-sessions",
    });
    expect(JSON.parse(POST_BODY_JSON)).toMatchObject({
      customer_id: expect.any(String),
      plan_version_id: expect.any(String),
    });
    expect(JSON.parse(ANSWERS.GET.json)).toHaveProperty("id", CALLS.GET.path.id);
  });

  it("refuses a call that does less", () => {
    expect(requestProblem("GET", REQUEST_PATHS.GET, headers({}), "")).toMatch(/Authorization/);
    expect(
      requestProblem("POST", REQUEST_PATHS.POST, headers({ ...post, "idempotency-key": "" }), POST_BODY_JSON),
    ).toMatch(/Idempotency-Key/);
    expect(
      requestProblem("POST", REQUEST_PATHS.POST, headers({ ...post, "content-type": "text/plain" }), POST_BODY_JSON),
    ).toMatch(/content-type/);
    expect(requestProblem("POST", REQUEST_PATHS.POST, headers(post), "{}")).toMatch(/body/);
    expect(requestProblem("GET", `${REQUEST_PATHS.GET}x`, headers({ authorization: AUTHORIZATION }), "")).toMatch(
      /expected/,
    );
  });
});
