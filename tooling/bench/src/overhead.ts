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
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createBillingClient, createTransport, type Fetch, OPERATIONS } from "@billing-api/client";
import createClient from "openapi-fetch";
import {
  ANSWERS,
  AUTHORIZATION,
  BASE_PATH,
  type BenchCall,
  CALLS,
  IN_PROCESS_BASE_URL,
  type Method,
  REQUEST_PATHS,
  requestProblem,
  TOKEN,
} from "./overhead-fixture.ts";
import {
  CLIENT_CONTENDERS,
  CONTENDER_IDS,
  CONTENDERS,
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
import { median, quantile, type Random, round, seededRandom, shuffle } from "./stats.ts";

export * from "./overhead-model.ts";

/** One call of one contender. */
type Call = () => Promise<unknown>;

/** The in-process `fetch` of one contender; when `last` is armed it keeps the request it was handed. */
interface Probe {
  recording: boolean;
  last: Request | undefined;
}

/** A fetch that answers at once with a fresh Response: the in-process scenarios' network. */
function inProcessFetch(method: Method, probe: Probe): Fetch {
  const { status, json } = ANSWERS[method];
  const length = String(Buffer.byteLength(json));
  return async (request) => {
    if (probe.recording) {
      probe.last = request;
    }
    return new Response(json, { status, headers: { "content-type": "application/json", "content-length": length, "x-request-id": "req_bench" } });
  };
}

/** The global fetch, as a contender's own function. */
const loopbackFetch = (): Fetch => (request, init) => fetch(request, init);

/** A call's input as every typed contender passes it: its path parameters and body, a fresh object per call. */
function inputOf({ path, body }: BenchCall): () => object {
  if (body === undefined) {
    return () => ({ path });
  }
  return Object.keys(path).length > 0 ? () => ({ path, body }) : () => ({ body });
}

/** What the benchmark knows of a typed call: the spec chose the operation, so its types are not known here. */
type UntypedCall = (input: object) => Promise<unknown>;
type PathStyle = Record<Method, (template: string, init: object) => Promise<unknown>>;

/** The client's operation function for `call`'s operation; throws when the client has none (built from another spec). */
function operationFunction({ operation }: BenchCall): (transport: ReturnType<typeof createTransport>, input: object) => Promise<unknown> {
  const fn = (OPERATIONS as Record<string, unknown>)[operation.id];
  if (typeof fn !== "function") {
    throw new Error(`overhead: @billing-api/client has no operation function ${operation.id}; run \`pnpm build\`.`);
  }
  return fn as (transport: ReturnType<typeof createTransport>, input: object) => Promise<unknown>;
}

/** openapi-fetch's init for `call`: path parameters, body, and on a POST the idempotency key the clients send. */
function pathStyleInit(call: BenchCall, method: Method, idempotencyKey: boolean): () => object {
  const input = inputOf(call);
  if (method === "GET") {
    return () => ({ params: input() });
  }
  const { body, ...params } = input() as { body?: unknown };
  return idempotencyKey ? () => ({ params, body, headers: { "Idempotency-Key": crypto.randomUUID() } }) : () => ({ params, body });
}

/** One contender's call of `method`, on an instance of its own. */
function contender(id: ContenderId, method: Method, baseUrl: string, fetch: Fetch): Call {
  const call = CALLS[method];
  switch (id) {
    case "raw-fetch": {
      const url = `${baseUrl}${REQUEST_PATHS[method].slice(BASE_PATH.length)}`;
      const read = async (response: Response) => {
        if (!response.ok) {
          throw new Error(`raw fetch: ${response.status} ${await response.text()}`);
        }
        return response.json();
      };
      if (method === "GET") {
        return async () => read(await fetch(new Request(url, { headers: { Authorization: AUTHORIZATION } })));
      }
      return async () =>
        read(
          await fetch(
            new Request(url, {
              method: "POST",
              headers: { Authorization: AUTHORIZATION, "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
              body: JSON.stringify(call.body),
            }),
          ),
        );
    }
    case "openapi-fetch": {
      const client = createClient({ baseUrl, fetch, headers: { Authorization: AUTHORIZATION } }) as unknown as PathStyle;
      const init = pathStyleInit(call, method, true);
      return () => client[method](call.template, init());
    }
    case "operation": {
      const transport = createTransport({ token: TOKEN, baseUrl, fetch });
      const fn = operationFunction(call);
      const input = inputOf(call);
      return () => fn(transport, input());
    }
    case "client-operation": {
      const billing = createBillingClient({ token: TOKEN, baseUrl, fetch }) as unknown as Record<string, UntypedCall>;
      const id = call.operation.id;
      if (typeof billing[id] !== "function") {
        throw new Error(`overhead: createBillingClient has no method ${id}; run \`pnpm build\`.`);
      }
      const input = inputOf(call);
      return () => billing[id]!(input());
    }
    case "client-path": {
      const billing = createBillingClient({ token: TOKEN, baseUrl, fetch }) as unknown as PathStyle;
      const init = pathStyleInit(call, method, false);
      return () => billing[method](call.template, init());
    }
  }
}

/**
 * Makes one call of a contender and checks it: the answer's data must be the
 * example, and (in-process, where the request is at hand) the request must be
 * the one every contender sends. Throws naming the contender otherwise.
 */
async function verify(id: ContenderId, method: Method, call: Call, probe: Probe | undefined): Promise<void> {
  if (probe) {
    probe.recording = true;
  }
  let value: unknown;
  try {
    value = await call();
  } catch (error) {
    throw new Error(`overhead: ${CONTENDERS[id]} failed its ${method} before timing: ${(error as Error).message}`, { cause: error });
  } finally {
    if (probe) {
      probe.recording = false;
    }
  }
  const styled = id === "openapi-fetch" || id === "client-path";
  const data = styled && value && typeof value === "object" && "data" in value ? value.data : styled ? undefined : value;
  if (JSON.stringify(data) !== ANSWERS[method].json) {
    throw new Error(`overhead: ${CONTENDERS[id]} did not get the example answer to its ${method}: ${JSON.stringify(value)?.slice(0, 300)}`);
  }
  if (probe) {
    const request = probe.last;
    if (!request) {
      throw new Error(`overhead: ${CONTENDERS[id]} never called its fetch.`);
    }
    const { pathname, search } = new URL(request.url);
    const problem = requestProblem(request.method, pathname + search, (name) => request.headers.get(name), await request.text());
    if (problem) {
      throw new Error(`overhead: ${CONTENDERS[id]} sent the wrong ${method}: ${problem}.`);
    }
  }
}

/** Each call's contender, start and end (performance.now() ms), in the order they ran. */
export interface Timeline {
  who: Uint8Array;
  starts: Float64Array;
  ends: Float64Array;
  count: number;
}

/** A full GC, when this process was started with --expose-gc (the measuring process is). */
function collectGarbage(): void {
  const gc: unknown = Reflect.get(globalThis, "gc");
  if (typeof gc === "function") {
    gc();
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs up to `rounds` rounds: each calls every contender once, in a fresh
 * random order. Records each call in `timeline` when given one; yields to the
 * event loop between rounds (outside any timed call). Returns the rounds run.
 */
async function runRounds(calls: readonly Call[], rounds: number, random: Random, deadline: number, timeline?: Timeline): Promise<number> {
  const order = calls.map((_, index) => index);
  let round = 0;
  for (; round < rounds && performance.now() < deadline; round++) {
    shuffle(order, random);
    for (let k = 0; k < order.length; k++) {
      const index = order[k]!;
      const call = calls[index]!;
      const start = performance.now();
      await call();
      const end = performance.now();
      if (timeline) {
        timeline.who[timeline.count] = index;
        timeline.starts[timeline.count] = start;
        timeline.ends[timeline.count] = end;
        timeline.count++;
      }
    }
    await nextTurn();
  }
  return round;
}

/** GC pauses of this thread, as the PerformanceObserver reports them (performance.now() ms). */
export interface Pause {
  start: number;
  duration: number;
}

/** Starts collecting GC pauses; `stop` waits for the last reports and returns them all. */
function watchGc(): { stop: () => Promise<Pause[]> } {
  const pauses: Pause[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      pauses.push({ start: entry.startTime, duration: entry.duration });
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  return {
    stop: async () => {
      // The observer's reports come a turn of the event loop after the pause.
      await new Promise((resolve) => setTimeout(resolve, 20));
      observer.disconnect();
      return pauses.sort((a, b) => a.start - b.start);
    },
  };
}

/** The call whose interval holds `time`, or -1 (between calls). `starts` is ascending. */
function callAt(timeline: Timeline, time: number): number {
  let low = 0;
  let high = timeline.count - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (timeline.starts[middle]! <= time) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found >= 0 && time <= timeline.ends[found]! ? found : -1;
}

/** Each contender's latencies (µs) over the calls numbered [from, to) of the timeline. */
function latencies(timeline: Timeline, contenders: number, from = 0, to = timeline.count): Float64Array[] {
  const per = Array.from({ length: contenders }, () => new Float64Array(Math.ceil((to - from) / contenders) + 1));
  const filled = new Array<number>(contenders).fill(0);
  for (let i = from; i < to; i++) {
    const who = timeline.who[i]!;
    per[who]![filled[who]!++] = (timeline.ends[i]! - timeline.starts[i]!) * 1e3;
  }
  return per.map((values, who) => values.subarray(0, filled[who]));
}

/**
 * Charges each GC pause to the call it began in: `per_contender_ms[i]` and
 * `per_contender_pauses[i]` for contender number i, `harness_ms` for pauses
 * between calls. Pauses before the first call or after the last are left out.
 */
export function chargeGc(
  timeline: Timeline,
  pauses: readonly Pause[],
  contenders: number,
): { per_contender_ms: number[]; per_contender_pauses: number[]; harness_ms: number } {
  const charged = { per_contender_ms: new Array<number>(contenders).fill(0), per_contender_pauses: new Array<number>(contenders).fill(0), harness_ms: 0 };
  if (timeline.count === 0) {
    return charged;
  }
  const first = timeline.starts[0]!;
  const last = timeline.ends[timeline.count - 1]!;
  for (const pause of pauses) {
    if (pause.start < first || pause.start > last) {
      continue;
    }
    const call = callAt(timeline, pause.start);
    if (call < 0) {
      charged.harness_ms += pause.duration;
    } else {
      charged.per_contender_ms[timeline.who[call]!]! += pause.duration;
      charged.per_contender_pauses[timeline.who[call]!]!++;
    }
  }
  return charged;
}

/** The rows of one scenario, from its timeline and the GC pauses seen while it ran. */
function summarise(ids: readonly ContenderId[], timeline: Timeline, pauses: readonly Pause[], blocks: number): { rows: OverheadRow[]; harnessGcMs: number } {
  const { per_contender_ms: gcMs, per_contender_pauses: gcCount, harness_ms: harnessGcMs } = chargeGc(timeline, pauses, ids.length);
  const all = latencies(timeline, ids.length);
  const medians = all.map((values) => median(values));
  const calls = all.map((values) => values.length);
  const gcPerCall = gcMs.map((ms, who) => (ms * 1e3) / Math.max(1, calls[who]!)); // µs per call
  const bare = ids.indexOf("openapi-fetch");
  const raw = ids.indexOf("raw-fetch");
  // The ratio within each block of consecutive rounds: how steady it was over the run.
  const perBlock: number[][] = ids.map(() => []);
  const roundsRun = Math.floor(timeline.count / ids.length);
  const blockCount = Math.max(1, Math.min(blocks, roundsRun));
  for (let b = 0; b < blockCount; b++) {
    const from = Math.floor((b * roundsRun) / blockCount) * ids.length;
    const to = Math.floor(((b + 1) * roundsRun) / blockCount) * ids.length;
    const blockMedians = latencies(timeline, ids.length, from, to).map((values) => median(values));
    for (let who = 0; who < ids.length; who++) {
      perBlock[who]!.push(blockMedians[who]! / blockMedians[bare]!);
    }
  }
  const rows = ids.map((contender, who): OverheadRow => {
    const values = all[who]!;
    return {
      contender,
      calls: calls[who]!,
      median_us: round(medians[who]!, 2),
      p90_us: round(quantile(values, 0.9), 2),
      gc_ms_per_1000_calls: round(gcPerCall[who]!, 3),
      gc_pauses: gcCount[who]!,
      vs_openapi_fetch: round(medians[who]! / medians[bare]!, 3),
      vs_openapi_fetch_spread: [round(Math.min(...perBlock[who]!), 3), round(Math.max(...perBlock[who]!), 3)],
      vs_openapi_fetch_gc_amortized: round((medians[who]! + gcPerCall[who]!) / (medians[bare]! + gcPerCall[bare]!), 3),
      vs_raw_fetch: round(medians[who]! / medians[raw]!, 3),
    };
  });
  return { rows, harnessGcMs: round(harnessGcMs, 2) };
}

/** Runs one scenario: builds every contender anew, checks each, warms up, then times `rounds` rounds. */
async function scenario(
  transport: Transport,
  method: Method,
  baseUrls: readonly string[],
  { rounds, warmup, budgetMs, blocks, random }: { rounds: number; warmup: number; budgetMs: number; blocks: number; random: Random },
): Promise<OverheadScenario> {
  const probes = CONTENDER_IDS.map((): Probe => ({ recording: false, last: undefined }));
  const calls = CONTENDER_IDS.map((id, index) =>
    contender(id, method, baseUrls[index]!, transport === "in-process" ? inProcessFetch(method, probes[index]!) : loopbackFetch()),
  );
  for (const [index, id] of CONTENDER_IDS.entries()) {
    await verify(id, method, calls[index]!, transport === "in-process" ? probes[index] : undefined);
  }

  const started = performance.now();
  const deadline = started + budgetMs;
  await runRounds(calls, warmup, random, started + budgetMs / 4);
  const size = rounds * calls.length;
  const timeline: Timeline = { who: new Uint8Array(size), starts: new Float64Array(size), ends: new Float64Array(size), count: 0 };
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

const SERVER = fileURLToPath(new URL("./loopback-server.ts", import.meta.url));

/** Sends `signal` to the process `pid` that this benchmark started; one that is already gone is fine. */
function end(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") {
      throw error;
    }
  }
}
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/**
 * Starts src/loopback-server.ts in a child process with one listener per
 * contender on 127.0.0.1 (ports picked by the OS, named back over IPC).
 * `stop` ends it by its PID.
 */
async function startLoopbackServer(listeners: number): Promise<{ pid: number; ports: number[]; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", TSX, SERVER, String(listeners)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pid = child.pid;
  const stop = async () => {
    if (pid === undefined || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    end(pid, "SIGTERM");
    const timer = setTimeout(() => end(pid, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    if (pid === undefined) {
      throw new Error("overhead: the loopback server did not start.");
    }
    const ports = await new Promise<number[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("overhead: the loopback server named no ports within 60 s.")), 60_000);
      child.once("message", (message: unknown) => {
        clearTimeout(timer);
        const listening = message && typeof message === "object" && "listening" in message ? message.listening : undefined;
        if (Array.isArray(listening) && listening.length === listeners && listening.every((port) => typeof port === "number")) {
          resolve(listening);
        } else {
          reject(new Error(`overhead: the loopback server said ${JSON.stringify(message)}, not its ports.`));
        }
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`overhead: the loopback server exited (${code ?? signal}) before listening.`));
      });
    });
    return { pid, ports, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The worst of `ratio` over GET and POST for a contender and transport. */
function worst(scenarios: readonly OverheadScenario[], transport: Transport, contenders: readonly ContenderId[], ratio: (row: OverheadRow) => number): number {
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
    log(`overhead: loopback server, PID ${server.pid}, on 127.0.0.1 ports ${server.ports.join(", ")} (one per contender)`);
    const urls = server.ports.map((port) => `http://127.0.0.1:${port}${BASE_PATH}`);
    for (const method of ["GET", "POST"] as const) {
      const s = await scenario("loopback", method, urls, { rounds: loopbackRounds, warmup: warmupRounds.loopback, budgetMs: scenarioBudgetMs, blocks, random });
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
      GET: { operation: CALLS.GET.operation.id, path: CALLS.GET.template, answer_bytes: Buffer.byteLength(ANSWERS.GET.json) },
      POST: { operation: CALLS.POST.operation.id, path: CALLS.POST.template, answer_bytes: Buffer.byteLength(ANSWERS.POST.json) },
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
  const child = spawn(process.execPath, [...MEASURING_FLAGS, "--import", TSX, MEASURING_PROCESS], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const exited = new Promise<number | string | null>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
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
      exited.then((status) => reject(new Error(`overhead: the measuring process exited (${status}) without a result.`)));
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
