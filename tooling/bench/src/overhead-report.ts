// The overhead benchmark's section of the report.
import { table } from "./markdown.ts";
import {
  CONTENDERS,
  MEASURING_FLAGS,
  type OverheadResult,
  type OverheadVerdict,
  type Transport,
} from "./overhead-model.ts";
import { count, ms, ratio, us } from "./report-format.ts";

export const TRANSPORTS: Record<Transport, string> = { "in-process": "in-process", loopback: "over loopback" };

/** "✓ met" or "✗ not met", by the ratio of medians; says so when amortizing GC would flip it. */
export function overheadVerdict(verdict: OverheadVerdict): string {
  const main = verdict.met ? "✓ met" : "✗ not met";
  return verdict.met === verdict.met_gc_amortized
    ? main
    : `${main} (${verdict.met_gc_amortized ? "met" : "not met"} with GC amortized)`;
}

/** Which operations the GET and POST are, and the GET answer's size, when the result records them. */
function getAnswer({ calls }: OverheadResult): string {
  if (!calls) {
    return "";
  }
  const kb = (calls.GET.answer_bytes / 1000).toFixed(1);
  return ` (the GET is \`${calls.GET.operation}\`, the spec's first read by id, and the POST \`${calls.POST.operation}\`, its first create; the GET's answer is ${kb} kB of JSON, so parsing it is a large share of every in-process GET)`;
}

export function renderOverhead(result: OverheadResult): string {
  const { rounds } = result;
  const parts = [
    `Per-call alternation: each round calls every contender once, in a fresh random order (seed ${result.seed}); ${count(rounds.in_process)} rounds per in-process scenario and ${count(rounds.loopback)} per loopback one, after ${count(rounds.warmup_in_process)} and ${count(rounds.warmup_loopback)} untimed warm-up rounds; a scenario stops early at its time budget (the rounds it ran are given). Each contender has its own openapi-fetch instance, client, transport and \`fetch\`. In-process, \`fetch\` answers at once with a fresh \`Response\`, so only the caller's own work is timed; over loopback each contender has its own port (its own connection pool) on a \`node:http\` server in a child process on 127.0.0.1. Every contender's request (method, path, token, content type, idempotency key, body) and answer are checked before timing; the answers are the spec's examples${getAnswer(result)}.`,
    `GC: the calls run in a measuring process started with \`${MEASURING_FLAGS.join(" ")}\`, so a collection runs inside the call whose allocation triggered it rather than as a task between calls; each pause a \`PerformanceObserver\` reports is charged to the call it fell in. Latencies are wall-clock with those pauses in; "GC per 1,000 calls" is the pause time charged to the contender (ms per 1,000 calls, which is also µs per call), and "with GC amortized" is (median + GC per call) over the same for bare openapi-fetch. Ratios are ratios of medians from this one run; "spread" is the lowest and highest ratio over ${rounds.blocks} blocks of consecutive rounds. A contender's GC figure rests on the pauses that fell in its calls (given in brackets): with n of them it is good to about ±1/√n (±18% at 30), which is why the verdicts go by the medians and the GC-amortized ratio is shown beside them.`,
  ];
  for (const scenario of result.scenarios) {
    parts.push(
      `**${scenario.name}**: ${count(scenario.rounds)} rounds in ${ms(scenario.wall_ms)}; GC between calls ${ms(scenario.harness_gc_ms)}.`,
      table(
        [
          "contender",
          "median",
          "p90",
          "× bare openapi-fetch",
          "spread",
          "GC per 1,000 calls",
          "× bare openapi-fetch, GC amortized",
          "× raw fetch",
        ],
        scenario.rows.map((row) => [
          CONTENDERS[row.contender],
          us(row.median_us),
          us(row.p90_us),
          ratio(row.vs_openapi_fetch),
          `${row.vs_openapi_fetch_spread[0].toFixed(3)}–${row.vs_openapi_fetch_spread[1].toFixed(3)}`,
          `${row.gc_ms_per_1000_calls.toFixed(2)} ms (${row.gc_pauses} pauses)`,
          ratio(row.vs_openapi_fetch_gc_amortized),
          ratio(row.vs_raw_fetch),
        ]),
        ["left", "right", "right", "right", "right", "right", "right", "right"],
      ),
    );
  }
  parts.push(
    "The targets (issue 17), each the worse of GET and POST against bare openapi-fetch; the loopback target is read as applying to every client contender:",
    table(
      ["contender", "transport", "target", "measured", "with GC amortized", "verdict"],
      result.verdicts.map((verdict) => [
        CONTENDERS[verdict.contender],
        TRANSPORTS[verdict.transport],
        `≤ ${verdict.bound.toFixed(2)}×`,
        ratio(verdict.measured),
        ratio(verdict.measured_gc_amortized),
        overheadVerdict(verdict),
      ]),
    ),
    `The benchmark took ${result.duration_s} s; the 1-minute load average was ${result.load_average_1m.start} when it began and ${result.load_average_1m.end} when it ended.`,
  );
  return parts.join("\n\n");
}
