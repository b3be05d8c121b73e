// What the overhead benchmark measures and records: its contenders, the
// targets it judges, how its measuring process runs, and the shape of its
// result. Kept apart from src/overhead.ts so that the report renders results
// without loading the client.
/** The contenders, in the order the report lists them. */
export const CONTENDERS = {
  "raw-fetch": "raw fetch",
  "openapi-fetch": "bare openapi-fetch",
  operation: "operation function (`createTransport`)",
  "client-operation": "`createBillingClient`, operation style",
  "client-path": "`createBillingClient`, path style",
} as const;
export type ContenderId = keyof typeof CONTENDERS;
export const CONTENDER_IDS = Object.keys(CONTENDERS) as ContenderId[];
export const CLIENT_CONTENDERS: readonly ContenderId[] = ["operation", "client-operation", "client-path"];

export type Transport = "in-process" | "loopback";
export type Method = "GET" | "POST";

/** The targets of issue 17, each against bare openapi-fetch (GC included), for GET and POST alike. */
export const TARGETS: readonly { contender: ContenderId; transport: Transport; bound: number }[] = [
  { contender: "operation", transport: "in-process", bound: 0.9 },
  { contender: "client-operation", transport: "in-process", bound: 0.9 },
  { contender: "client-path", transport: "in-process", bound: 1.05 },
  { contender: "operation", transport: "loopback", bound: 1 },
  { contender: "client-operation", transport: "loopback", bound: 1 },
  { contender: "client-path", transport: "loopback", bound: 1 },
];

export interface OverheadRow {
  contender: ContenderId;
  /** Timed calls. */
  calls: number;
  /** Median wall time of a call, GC pauses inside it included. */
  median_us: number;
  p90_us: number;
  /** GC pause time charged to this contender's calls, per 1,000 calls (which is also µs per call). */
  gc_ms_per_1000_calls: number;
  /** GC pauses that fell inside this contender's calls. */
  gc_pauses: number;
  /** median_us / bare openapi-fetch's median_us. */
  vs_openapi_fetch: number;
  /** The lowest and highest vs_openapi_fetch over the scenario's blocks of consecutive rounds: how much the ratio moves within the run. */
  vs_openapi_fetch_spread: [number, number];
  /** (median_us + GC µs per call) / the same for bare openapi-fetch: the ratio with every GC pause paid for. */
  vs_openapi_fetch_gc_amortized: number;
  vs_raw_fetch: number;
}

export interface OverheadScenario {
  name: string;
  transport: Transport;
  method: Method;
  warmup_rounds: number;
  /** Measured rounds (fewer than asked when the scenario's time ran out). */
  rounds: number;
  wall_ms: number;
  /** GC pauses that fell between calls (the harness's), in ms. */
  harness_gc_ms: number;
  rows: OverheadRow[];
}

export interface OverheadVerdict {
  contender: ContenderId;
  transport: Transport;
  bound: number;
  /** The worse of GET and POST: vs_openapi_fetch (ratio of medians, GC pauses in the latencies). */
  measured: number;
  /** The worse of GET and POST with GC amortized (vs_openapi_fetch_gc_amortized). */
  measured_gc_amortized: number;
  /** The verdict: `measured` within the bound. */
  met: boolean;
  /** `measured_gc_amortized` within the bound. */
  met_gc_amortized: boolean;
}

export interface OverheadResult {
  seed: number;
  /** The operation each method calls (the spec's first read by id and first create) and its answer's size; absent in results recorded before they were chosen from the spec. */
  calls?: Record<Method, { operation: string; path: string; answer_bytes: number }>;
  /** How the benchmark measured, for the report. */
  rounds: { in_process: number; loopback: number; warmup_in_process: number; warmup_loopback: number; blocks: number };
  scenarios: OverheadScenario[];
  verdicts: OverheadVerdict[];
  /** Worst client contender (any style), in-process, GC included, GET and POST. */
  client_vs_openapi_fetch: number;
  /** Worst client contender (any style), over loopback. */
  client_vs_openapi_fetch_http: number;
  /** Worst client contender over loopback against raw fetch. */
  client_vs_raw_fetch_http: number;
  duration_s: number;
  /** The 1-minute load average when the benchmark began and when it ended (other jobs on the machine show here). */
  load_average_1m: { start: number; end: number };
}

export interface OverheadOptions {
  /** Measured rounds per in-process scenario; each round is one call of each contender. */
  inProcessRounds?: number;
  /** Measured rounds per loopback scenario. */
  loopbackRounds?: number;
  /** Untimed rounds first (JIT warm-up, connections opened), per scenario. */
  warmupRounds?: { inProcess: number; loopback: number };
  /** A scenario stops early, with the rounds it has, after this long. */
  scenarioBudgetMs?: number;
  /** Blocks of consecutive rounds the spread of the ratios is taken over. */
  blocks?: number;
  /** The PRNG seed of the call order; random when left out (and printed, so a run can be repeated). */
  seed?: number;
  log?: (line: string) => void;
}

/** Node and V8 flags of the measuring process: GC only where memory is allocated, and `gc()` between scenarios. */
export const MEASURING_FLAGS = [
  "--expose-gc",
  "--no-minor-gc-task",
  "--no-incremental-marking-task",
  "--no-memory-reducer",
] as const;
