// Benchmark 1: what one call costs through each way of calling the API —
// raw fetch, bare openapi-fetch, an operation function on `createTransport`,
// and `createBillingClient` in operation and in path style — for the spec's
// first read by id (GET) and first create (POST), in-process (a `fetch` that
// answers at once with a fresh Response, so only the caller's own work is
// timed) and over loopback HTTP to a server in a child process.
//
// How it stays honest on a shared, noisy machine:
// - per-call alternation: each round calls every contender once, in a fresh
//   random order (a seeded PRNG; the seed is printed and recorded), and a
//   scenario runs thousands of rounds, so drift and the scheduler hit every
//   contender alike;
// - nothing shared: each contender has its own openapi-fetch instance,
//   client, transport and `fetch`, and over loopback its own server port (so
//   its own connection pool);
// - GC counted: the calls run in a measuring process of their own
//   (src/overhead-process.ts), started with V8's GC tasks off
//   (--no-minor-gc-task --no-incremental-marking-task --no-memory-reducer), so
//   a collection runs when an allocation finds the heap full, inside the call
//   that allocated, and not as a task at the next turn of the event loop
//   (between calls in-process; in whichever call waits on I/O over loopback).
//   A PerformanceObserver sees every GC pause of that thread and each pause is
//   charged to the call it fell in (pauses between calls are the harness's).
//   Latencies are wall-clock, pauses included; GC is also reported on its own,
//   as ms per 1,000 calls (= µs per call);
// - every contender's request is checked (method, path, token, content type,
//   idempotency key, body) and its answer compared before anything is timed;
// - ratios are ratios of medians from this one run.
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { end, startLoopbackServer, TSX } from "./overhead-children.ts";
import { contender, inProcessFetch, loopbackFetch, type Probe, verify } from "./overhead-contenders.ts";
import { ANSWERS, BASE_PATH, CALLS, IN_PROCESS_BASE_URL, type Method } from "./overhead-fixture.ts";
import {
  CLIENT_CONTENDERS,
  CONTENDER_IDS,
  type ContenderId,
  MEASURING_FLAGS,
  type OverheadOptions,
  type OverheadResult,
  type OverheadRow,
  type OverheadScenario,
  type OverheadVerdict,
  TARGETS,
  type Transport,
} from "./overhead-model.ts";
import { collectGarbage, runRounds } from "./overhead-rounds.ts";
import { summarise, type Timeline, watchGc } from "./overhead-timeline.ts";
import { type Random, round, seededRandom } from "./stats.ts";

export * from "./overhead-model.ts";
export { chargeGc, type Pause, type Timeline } from "./overhead-timeline.ts";

/** Runs one scenario: builds every contender anew, checks each, warms up, then times `rounds` rounds. */
async function scenario(
  transport: Transport,
  method: Method,
  baseUrls: readonly string[],
  {
    rounds,
    warmup,
    budgetMs,
    blocks,
    random,
  }: { rounds: number; warmup: number; budgetMs: number; blocks: number; random: Random },
): Promise<OverheadScenario> {
  const probes = CONTENDER_IDS.map((): Probe => ({ recording: false, last: undefined }));
  const calls = CONTENDER_IDS.map((id, index) =>
    contender(
      id,
      method,
      baseUrls[index]!,
      transport === "in-process" ? inProcessFetch(method, probes[index]!) : loopbackFetch(),
    ),
  );
  for (const [index, id] of CONTENDER_IDS.entries()) {
    await verify(id, method, calls[index]!, transport === "in-process" ? probes[index] : undefined);
  }

  const started = performance.now();
  const deadline = started + budgetMs;
  await runRounds(calls, warmup, random, started + budgetMs / 4);
  const size = rounds * calls.length;
  const timeline: Timeline = {
    who: new Uint8Array(size),
    starts: new Float64Array(size),
    ends: new Float64Array(size),
    count: 0,
  };
  // Every scenario's timed rounds start from a collected heap (the measuring process has --expose-gc).
  collectGarbage();
  const gc = watchGc();
  const measuredStart = performance.now();
  const measured = await runRounds(calls, rounds, random, deadline, timeline);
  const wallMs = performance.now() - measuredStart;
  const pauses = await gc.stop();
  const { rows, harnessGcMs } = summarise(CONTENDER_IDS, timeline, pauses, blocks);
  return {
    name: `${transport} ${method}`,
    transport,
    method,
    warmup_rounds: warmup,
    rounds: measured,
    wall_ms: round(wallMs, 0),
    harness_gc_ms: harnessGcMs,
    rows,
  };
}

/** The worst of `ratio` over GET and POST for a contender and transport. */
function worst(
  scenarios: readonly OverheadScenario[],
  transport: Transport,
  contenders: readonly ContenderId[],
  ratio: (row: OverheadRow) => number,
): number {
  const values = scenarios
    .filter((s) => s.transport === transport)
    .flatMap((s) => s.rows)
    .filter((row) => contenders.includes(row.contender))
    .map(ratio);
  return Math.max(...values);
}

/**
 * Runs the four scenarios (in-process GET and POST, loopback GET and POST) in
 * this process and judges the targets. Bounded: each scenario stops at
 * `scenarioBudgetMs` whatever its rounds. Run by src/overhead-process.ts, in a
 * process started by `benchOverhead` with the flags that make GC attribution
 * honest; call `benchOverhead`.
 */
export async function measureOverhead({
  inProcessRounds = 20_000,
  loopbackRounds = 3_000,
  warmupRounds = { inProcess: 2_000, loopback: 300 },
  scenarioBudgetMs = 15_000,
  blocks = 10,
  seed = crypto.getRandomValues(new Uint32Array(1))[0]!,
  log = console.log,
}: OverheadOptions = {}): Promise<OverheadResult> {
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  log(`overhead: call order seed ${seed} (repeat with benchOverhead({ seed: ${seed} }))`);
  const random = seededRandom(seed);
  const scenarios: OverheadScenario[] = [];
  const report = (s: OverheadScenario) =>
    log(
      `overhead: ${s.name}, ${s.rounds} rounds in ${s.wall_ms} ms: ${s.rows.map((row) => `${row.contender} ${row.median_us} µs (${row.vs_openapi_fetch}×, GC ${row.gc_ms_per_1000_calls} ms/1k)`).join(", ")}`,
    );
  const inProcessUrls = CONTENDER_IDS.map(() => IN_PROCESS_BASE_URL);
  for (const method of ["GET", "POST"] as const) {
    const s = await scenario("in-process", method, inProcessUrls, {
      rounds: inProcessRounds,
      warmup: warmupRounds.inProcess,
      budgetMs: scenarioBudgetMs,
      blocks,
      random,
    });
    report(s);
    scenarios.push(s);
  }
  const server = await startLoopbackServer(CONTENDER_IDS.length);
  try {
    log(
      `overhead: loopback server, PID ${server.pid}, on 127.0.0.1 ports ${server.ports.join(", ")} (one per contender)`,
    );
    const urls = server.ports.map((port) => `http://127.0.0.1:${port}${BASE_PATH}`);
    for (const method of ["GET", "POST"] as const) {
      const s = await scenario("loopback", method, urls, {
        rounds: loopbackRounds,
        warmup: warmupRounds.loopback,
        budgetMs: scenarioBudgetMs,
        blocks,
        random,
      });
      report(s);
      scenarios.push(s);
    }
  } finally {
    await server.stop();
  }

  const verdicts = TARGETS.map(({ contender, transport, bound }): OverheadVerdict => {
    const measured = worst(scenarios, transport, [contender], (row) => row.vs_openapi_fetch);
    const measuredGcAmortized = worst(scenarios, transport, [contender], (row) => row.vs_openapi_fetch_gc_amortized);
    return {
      contender,
      transport,
      bound,
      measured,
      measured_gc_amortized: measuredGcAmortized,
      met: measured <= bound,
      met_gc_amortized: measuredGcAmortized <= bound,
    };
  });
  return {
    seed,
    calls: {
      GET: {
        operation: CALLS.GET.operation.id,
        path: CALLS.GET.template,
        answer_bytes: Buffer.byteLength(ANSWERS.GET.json),
      },
      POST: {
        operation: CALLS.POST.operation.id,
        path: CALLS.POST.template,
        answer_bytes: Buffer.byteLength(ANSWERS.POST.json),
      },
    },
    rounds: {
      in_process: inProcessRounds,
      loopback: loopbackRounds,
      warmup_in_process: warmupRounds.inProcess,
      warmup_loopback: warmupRounds.loopback,
      blocks,
    },
    scenarios,
    verdicts,
    client_vs_openapi_fetch: worst(scenarios, "in-process", CLIENT_CONTENDERS, (row) => row.vs_openapi_fetch),
    client_vs_openapi_fetch_http: worst(scenarios, "loopback", CLIENT_CONTENDERS, (row) => row.vs_openapi_fetch),
    client_vs_raw_fetch_http: worst(scenarios, "loopback", CLIENT_CONTENDERS, (row) => row.vs_raw_fetch),
    duration_s: round((performance.now() - started) / 1000, 1),
    load_average_1m: { start: round(loadAtStart, 2), end: round(loadavg()[0]!, 2) },
  };
}

const MEASURING_PROCESS = fileURLToPath(new URL("./overhead-process.ts", import.meta.url));
/** What the measuring process says over IPC. */
export type MeasuringMessage = { log: string } | { result: OverheadResult } | { error: string };

/**
 * Benchmark 1 of `pnpm bench`: runs `measureOverhead` in a process of its own
 * (fresh heap and JIT, the GC flags of MEASURING_FLAGS), which in turn runs
 * the loopback server in a process of its own; relays its log lines and
 * returns its result. The measuring process is ended by its PID if it
 * outlives its answer.
 */
export async function benchOverhead({ log = console.log, ...options }: OverheadOptions = {}): Promise<OverheadResult> {
  const child = spawn(process.execPath, [...MEASURING_FLAGS, "--import", TSX, MEASURING_PROCESS], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<number | string | null>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal)),
  );
  const pid = child.pid;
  try {
    if (pid === undefined) {
      throw new Error("overhead: the measuring process did not start.");
    }
    const result = await new Promise<OverheadResult>((resolve, reject) => {
      child.on("message", (message: MeasuringMessage) => {
        if ("log" in message) {
          log(message.log);
        } else if ("result" in message) {
          resolve(message.result);
        } else {
          reject(new Error(`overhead: the measuring process failed: ${message.error}`));
        }
      });
      exited.then((status) =>
        reject(new Error(`overhead: the measuring process exited (${status}) without a result.`)),
      );
      child.send({ options });
    });
    return result;
  } finally {
    if (pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const timer = setTimeout(() => end(pid, "SIGKILL"), 5_000);
      end(pid, "SIGTERM");
      await exited;
      clearTimeout(timer);
    }
  }
}
