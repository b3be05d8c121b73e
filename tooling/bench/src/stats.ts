// Small statistics shared by the benchmarks, and the seeded PRNG they draw from.

export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** The q-quantile (0..1) of `values`, interpolated between the two nearest ranks. */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = Float64Array.from(values).sort();
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** A source of numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: a small seeded PRNG, so a run can be repeated from its seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffles `items` in place (Fisher–Yates), every order equally likely. */
export function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const item = items[i]!;
    items[i] = items[j]!;
    items[j] = item;
  }
  return items;
}
