import { describe, expect, it } from "vitest";
import { median, quantile, seededRandom, shuffle } from "../src/stats.ts";

describe("stats", () => {
  it("takes the median of odd and even counts, whatever the order", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median(Float64Array.from([10, 1, 100]))).toBe(10);
  });

  it("interpolates quantiles between ranks", () => {
    const values = Array.from({ length: 101 }, (_, i) => i);
    expect(quantile(values, 0.99)).toBe(99);
    expect(quantile([10, 20], 0.25)).toBe(12.5);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe("seededRandom and shuffle", () => {
  it("gives the same numbers for the same seed, in [0, 1)", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const drawn = Array.from({ length: 1000 }, () => a());
    expect(drawn).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(drawn.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("shuffles to a permutation, the same one for the same seed", () => {
    const once = shuffle([0, 1, 2, 3, 4], seededRandom(7));
    expect([...once].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(shuffle([0, 1, 2, 3, 4], seededRandom(7))).toEqual(once);
  });

  it("puts every contender first about equally often", () => {
    const random = seededRandom(1);
    const first = [0, 0, 0, 0, 0];
    for (let round = 0; round < 5000; round++) {
      first[shuffle([0, 1, 2, 3, 4], random)[0]!]!++;
    }
    for (const count of first) {
      expect(count).toBeGreaterThan(900);
    }
  });
});
