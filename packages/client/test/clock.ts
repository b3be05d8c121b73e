// Shared by the tests that fake timers: put everything back after each test,
// and fail a test that left a timer armed behind it.
import { expect, vi } from "vitest";

export function restoreClock(): void {
  const armed = vi.isFakeTimers() ? vi.getTimerCount() : 0;
  vi.useRealTimers();
  vi.restoreAllMocks();
  expect(armed, "timers left armed by the test").toBe(0);
}
