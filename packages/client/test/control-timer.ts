// The control a timing assertion compares the client against: a plain timer,
// armed at the same moment as the client's own, in the same process and
// under the same load. How late it fires is what the scheduler adds; what
// the client takes beyond that is the client's.

/** Arms a plain `ms` timer now; resolves to how many milliseconds late it fired. */
export function controlTimer(ms: number): Promise<number> {
  const armed = performance.now();
  return new Promise((resolve) => setTimeout(() => resolve(Math.max(0, performance.now() - armed - ms)), ms));
}

/**
 * The latest a client's `ms` delay may end: the delay, what the control
 * timer armed with it was late by, and the client's own `allowanceMs`.
 */
export const latestEnd = (ms: number, controlLateMs: number, allowanceMs: number) => ms + controlLateMs + allowanceMs;
