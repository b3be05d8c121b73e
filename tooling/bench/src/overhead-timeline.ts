// What a scenario recorded (each call's contender, start and end) and what is
// read from it: latencies, GC pauses charged to the call they fell in, and the
// rows of the report.
import { PerformanceObserver } from "node:perf_hooks";
import type { ContenderId, OverheadRow } from "./overhead-model.ts";
import { median, quantile, round } from "./stats.ts";

/** Each call's contender, start and end (performance.now() ms), in the order they ran. */
export interface Timeline {
  who: Uint8Array;
  starts: Float64Array;
  ends: Float64Array;
  count: number;
}

/** GC pauses of this thread, as the PerformanceObserver reports them (performance.now() ms). */
export interface Pause {
  start: number;
  duration: number;
}

/** Starts collecting GC pauses; `stop` waits for the last reports and returns them all. */
export function watchGc(): { stop: () => Promise<Pause[]> } {
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
  const charged = {
    per_contender_ms: new Array<number>(contenders).fill(0),
    per_contender_pauses: new Array<number>(contenders).fill(0),
    harness_ms: 0,
  };
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
export function summarise(
  ids: readonly ContenderId[],
  timeline: Timeline,
  pauses: readonly Pause[],
  blocks: number,
): { rows: OverheadRow[]; harnessGcMs: number } {
  const {
    per_contender_ms: gcMs,
    per_contender_pauses: gcCount,
    harness_ms: harnessGcMs,
  } = chargeGc(timeline, pauses, ids.length);
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
