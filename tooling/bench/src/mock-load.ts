// How fast the mock starts, how much load it takes for two representative
// requests (autocannon, on 127.0.0.1 only), and how long the contract suite
// takes from a cold start.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type MockOptions, type RunningMock, startMock } from "@billing-api/mock";
import autocannon from "autocannon";
import { table } from "./markdown.ts";
import { median, round } from "./stats.ts";

const STARTUP_RUNS = 3;
const CONTRACT_TESTS_DIR = dirname(fileURLToPath(import.meta.resolve("@billing-api/contract-tests/package.json")));
const CONTRACT_SUITE_TIMEOUT_MS = 10 * 60_000;
const AUTH = { Authorization: "Bearer test_bench" };

interface Scenario {
  name: string;
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadRow {
  name: string;
  method: string;
  path: string;
  connections: number;
  duration_s: number;
  requests_per_s: number;
  warm_up_s: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  non_2xx: number;
  errors: number;
  timeouts: number;
}

export interface MockResult {
  startup_ms: { median: number; runs: number[] };
  load: LoadRow[];
  contract_suite: { wall_ms: number; tests: number };
}

const SCENARIOS: Scenario[] = [
  {
    name: "get checkout",
    method: "GET",
    path: "/companies/cmp_4Nq7XbT2kLw9RcV3/checkout/pro_9Tx4KbW7mLq2",
    headers: AUTH,
  },
  {
    name: "create checkout session",
    method: "POST",
    path: "/checkout-sessions",
    headers: { ...AUTH, "content-type": "application/json" },
    body: JSON.stringify({ customer_id: "cus_3XbQ9mLk2Vt8RnY5Pw1Hd4", plan_version_id: "plv_7n42DGM5Tflk9n8mt7Fhc7" }),
  },
];

/**
 * Measures the mock: start-up time (median of 3 cold starts), throughput and
 * latency under autocannon for a GET and a POST, and the contract suite's wall time.
 * Every mock it starts is stopped before it returns or throws.
 */
const WARM_UP_S = 3;

export async function benchMock({
  durationS = 10,
  connections = 10,
  log = console.log,
}: {
  durationS?: number;
  connections?: number;
  log?: (message: string) => void;
} = {}): Promise<MockResult> {
  const running = new Set<RunningMock>();
  const start = async (options: MockOptions) => {
    const mock = await startMock(options);
    running.add(mock);
    return mock;
  };
  const stop = async (mock: RunningMock) => {
    running.delete(mock);
    await mock.stop();
  };

  try {
    const startupRuns: number[] = [];
    for (let run = 1; run <= STARTUP_RUNS; run++) {
      const began = performance.now();
      const mock = await start({ logLevel: "warn" });
      startupRuns.push(round(performance.now() - began, 1));
      await stop(mock);
      log(`Mock start-up ${run}/${STARTUP_RUNS}: ${startupRuns.at(-1)} ms`);
    }

    const mock = await start({ logLevel: "warn" });
    const load: LoadRow[] = [];
    for (const scenario of SCENARIOS) {
      const url = new URL(scenario.path, mock.url);
      if (url.hostname !== "127.0.0.1") {
        throw new Error(`Refusing to load ${url.href}: only 127.0.0.1 is a target.`);
      }
      await expectSuccess(url, scenario);
      // The mock (Node's JIT) speeds up over its first seconds of load: a short
      // unmeasured run first, so the measured one sees it warm.
      await autocannon({
        url: url.href,
        connections,
        duration: WARM_UP_S,
        method: scenario.method,
        headers: scenario.headers,
        body: scenario.body,
      });
      log(`Loading ${scenario.method} ${scenario.path}: ${connections} connections for ${durationS} s…`);
      const result = await autocannon({
        url: url.href,
        connections,
        duration: durationS,
        method: scenario.method,
        headers: scenario.headers,
        body: scenario.body,
      });
      load.push({
        name: scenario.name,
        method: scenario.method,
        path: scenario.path,
        connections,
        duration_s: durationS,
        requests_per_s: round(result.requests.mean, 1),
        warm_up_s: WARM_UP_S,
        p50_ms: result.latency.p50,
        p99_ms: result.latency.p99,
        requests: result.requests.total,
        non_2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
      });
      const row = load.at(-1)!;
      log(`  ${row.requests_per_s} req/s, p50 ${row.p50_ms} ms, p99 ${row.p99_ms} ms`);
    }
    // The suite starts a mock of its own; ours would only compete with it for the CPU.
    await stop(mock);

    log("Running the contract suite…");
    const contractSuite = await runContractSuite();
    log(`  ${contractSuite.tests} tests in ${contractSuite.wall_ms} ms`);

    return {
      startup_ms: { median: round(median(startupRuns), 1), runs: startupRuns },
      load,
      contract_suite: contractSuite,
    };
  } finally {
    await Promise.all([...running].map((mock) => mock.stop()));
  }
}

/** One request of the scenario, which must answer 2xx before any load is sent. */
async function expectSuccess(url: URL, { method, headers, body }: Scenario): Promise<void> {
  const response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(
      `${method} ${url.pathname} answered ${response.status} instead of 2xx, so it is not benchmarked:\n${text.slice(0, 1_000)}`,
    );
  }
}

/** Runs `vitest run` in the contract-tests package with this Node, and returns its wall time and passed-test count. */
function runContractSuite(): Promise<MockResult["contract_suite"]> {
  const require = createRequire(join(CONTRACT_TESTS_DIR, "package.json"));
  const vitestPackageJson = require.resolve("vitest/package.json");
  const { bin } = require(vitestPackageJson) as { bin: { vitest: string } };
  const vitestBin = join(dirname(vitestPackageJson), bin.vitest);

  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn(process.execPath, [vitestBin, "run"], {
      cwd: CONTRACT_TESTS_DIR,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding("utf8");
      stream.on("data", (chunk) => (output += chunk));
    }
    const timer = setTimeout(() => child.kill("SIGTERM"), CONTRACT_SUITE_TIMEOUT_MS);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      const wallMs = round(performance.now() - began, 0);
      const plain = output.replace(/\x1b\[[0-9;]*m/g, "");
      const passed = plain.match(/Tests\s+(\d+) passed/);
      if (code !== 0 || !passed) {
        const why = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
        reject(new Error(`The contract suite ${why} after ${wallMs} ms:\n${plain.slice(-4_000)}`));
        return;
      }
      resolve({ wall_ms: wallMs, tests: Number(passed[1]) });
    });
  });
}

/** Markdown tables of a `benchMock` result. */
export function renderMockMarkdown(result: MockResult): string {
  const { startup_ms: startup, load, contract_suite: suite } = result;
  const numbers = (count: number): Array<"left" | "right"> => ["left", ...Array<"right">(count).fill("right")];
  return [
    table(
      ["Mock start-up (spawn to first answer)", "ms"],
      [
        [`median of ${startup.runs.length}`, startup.median],
        ["runs", startup.runs.join(", ")],
      ],
      numbers(1),
    ),
    "",
    `The mock (Prism's validator in its own server), log level warn, static examples, on 127.0.0.1; autocannon, after ${load[0]?.warm_up_s ?? 0} s of unmeasured warm-up per request.`,
    "",
    table(
      [
        "Request",
        "Connections",
        "Duration (s)",
        "Requests/s (mean)",
        "p50 (ms)",
        "p99 (ms)",
        "Requests",
        "Non-2xx",
        "Errors",
        "Timeouts",
      ],
      load.map((row) => [
        `\`${row.method} ${row.path}\``,
        row.connections,
        row.duration_s,
        row.requests_per_s,
        row.p50_ms,
        row.p99_ms,
        row.requests,
        row.non_2xx,
        row.errors,
        row.timeouts,
      ]),
      numbers(9),
    ),
    "",
    table(
      ["Contract suite", "Wall time (ms)", "Tests passed"],
      [["`vitest run` in tooling/contract-tests", suite.wall_ms, suite.tests]],
      numbers(2),
    ),
  ].join("\n");
}
