// The rounds of the overhead benchmark: every contender called once per round, in
// a fresh random order, each call's start and end recorded; and the GC and
// event-loop turns taken between rounds, outside any timed call.
import type { Call } from "./overhead-contenders.ts";
import type { Timeline } from "./overhead-timeline.ts";
import { type Random, shuffle } from "./stats.ts";

/** A full GC, when this process was started with --expose-gc (the measuring process is). */
export function collectGarbage(): void {
  const gc: unknown = Reflect.get(globalThis, "gc");
  if (typeof gc === "function") {
    gc();
  }
}

export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs up to `rounds` rounds: each calls every contender once, in a fresh
 * random order. Records each call in `timeline` when given one; yields to the
 * event loop between rounds (outside any timed call). Returns the rounds run.
 */
export async function runRounds(
  calls: readonly Call[],
  rounds: number,
  random: Random,
  deadline: number,
  timeline?: Timeline,
): Promise<number> {
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
