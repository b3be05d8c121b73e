import { describe, expect, it } from "vitest";
import { median, quantile } from "../src/stats.ts";

describe("stats", () => {
  it("takes the median of odd and even counts, whatever the order", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("interpolates quantiles between ranks", () => {
    const values = Array.from({ length: 101 }, (_, i) => i);
    expect(quantile(values, 0.99)).toBe(99);
    expect(quantile([10, 20], 0.25)).toBe(12.5);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
