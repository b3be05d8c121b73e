// Timeouts on the real clock: each attempt's timeout is a timer of its own,
// so it fires at `timeoutMs` whatever the wall clock does meanwhile, whatever
// another call or a test's fake timers did before, and for any `timeoutMs` the
// client accepts. Elapsed time is read from `performance.now()`, which no
// test here changes. A call may end no earlier than 10 % before `timeoutMs`,
// and no later than a plain timer armed at the same moment (the control)
// allows, plus 10 %: on a loaded machine both wake up late together.
import { afterEach, describe, expect, it, vi } from "vitest";
import { APITimeoutError, APIUserAbortError, createBillingClient, type Fetch, MAX_TIMEOUT_MS } from "../src/index.ts";
import { restoreClock } from "./clock.ts";
import { controlTimer, latestEnd } from "./control-timer.ts";

const TIMEOUT_MS = 1_500;
const body = { customer_id: "cus_3XbQ9mLk2Vt8RnY5Pw1Hd4", plan_version_id: "plv_7n42DGM5Tflk9n8mt7Fhc7" };

/** A `fetch` that never answers; it rejects only when the attempt's signal aborts. */
const hang: Fetch = (_request, init) =>
  new Promise((_, reject) => init!.signal.addEventListener("abort", () => reject(init!.signal.reason), { once: true }));

const billing = (options: { timeoutMs?: number; fetch?: Fetch } = {}) =>
  createBillingClient({
    token: "sk_test_timeouts",
    baseUrl: "https://api.test",
    fetch: hang,
    maxRetries: 0,
    ...options,
  });

/**
 * Runs a call that hangs until its timeout. Resolves to what it threw, the
 * milliseconds from its attempt's `fetch` (armed just after the client's
 * timer) to the rejection, and how late a control timer armed there fired.
 */
async function timedCall(timeoutMs: number) {
  let sentAt = Number.NaN;
  let control: Promise<number> | undefined;
  const fetch: Fetch = (request, init) => {
    sentAt = performance.now();
    control = controlTimer(timeoutMs);
    return hang(request, init);
  };
  const error = await billing({ fetch })
    .createCheckoutSession({ body }, { timeoutMs })
    .catch((e: unknown) => e);
  const elapsed = performance.now() - sentAt;
  return { error, elapsed, controlLateMs: await control! };
}

function expectTimedOutAt({ error, elapsed, controlLateMs }: Awaited<ReturnType<typeof timedCall>>, timeoutMs: number) {
  expect(error).toBeInstanceOf(APITimeoutError);
  expect(elapsed, "ended early").toBeGreaterThanOrEqual(timeoutMs * 0.9);
  expect(
    elapsed,
    `ended later than the control timer (${controlLateMs.toFixed(1)} ms late) allows`,
  ).toBeLessThanOrEqual(latestEnd(timeoutMs, controlLateMs, timeoutMs * 0.1));
}

const realDateNow = Date.now;
/** From now on, `Date.now()` reads `offsetMs` away from the real clock, as after an NTP step. */
const stepWallClock = (offsetMs: number) => vi.spyOn(Date, "now").mockImplementation(() => realDateNow() + offsetMs);
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(restoreClock);

describe("a timeout fires at timeoutMs on the real clock", { timeout: 30_000 }, () => {
  it("with no step of the wall clock", async () => {
    expectTimedOutAt(await timedCall(TIMEOUT_MS), TIMEOUT_MS);
  });

  it.each([
    ["forward", 3_600_000],
    ["back", -3_600_000],
  ])(
    "when the wall clock steps an hour %s during the attempt, for a short and a long call alike",
    async (_, offsetMs) => {
      const short = timedCall(TIMEOUT_MS);
      const long = timedCall(TIMEOUT_MS * 2);
      await wait(100);
      stepWallClock(offsetMs);
      expectTimedOutAt(await short, TIMEOUT_MS);
      expectTimedOutAt(await long, TIMEOUT_MS * 2);
    },
  );

  it("after a test faked the timers and the clock, left a call pending, and restored them", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.now() - 86_400_000);
    const controller = new AbortController();
    const abandoned = billing()
      .createCheckoutSession({ body }, { signal: controller.signal, timeoutMs: TIMEOUT_MS })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    expect(vi.getTimerCount()).toBe(1);
    // The fake timer is thrown away with the fake clock, as vitest does.
    vi.useRealTimers();
    controller.abort();
    expect(await abandoned).toBeInstanceOf(APIUserAbortError);

    expectTimedOutAt(await timedCall(TIMEOUT_MS), TIMEOUT_MS);
  });
});

describe("timeoutMs limits", () => {
  it("arms one timer per attempt and clears it when the attempt ends", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const call = billing()
      .createCheckoutSession({ body }, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    expect(await call).toBeInstanceOf(APIUserAbortError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("times out at MAX_TIMEOUT_MS (about 24.8 days) to the millisecond", async () => {
    vi.useFakeTimers();
    let settled: unknown;
    const call = billing({ timeoutMs: MAX_TIMEOUT_MS })
      .createCheckoutSession({ body })
      .catch((e: unknown) => (settled = e));
    await vi.advanceTimersByTimeAsync(MAX_TIMEOUT_MS - 1);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await call;
    expect(settled).toBeInstanceOf(APITimeoutError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("arms no timer for Infinity: the call waits until its answer or an abort", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    let settled: unknown;
    const call = billing({ timeoutMs: Infinity })
      .createCheckoutSession({ body }, { signal: controller.signal })
      .catch((e: unknown) => (settled = e));
    await vi.advanceTimersByTimeAsync(10);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(365 * 86_400_000);
    expect(settled).toBeUndefined();
    controller.abort();
    await call;
    expect(settled).toBeInstanceOf(APIUserAbortError);
  });

  it.each([0, -1, Number.NaN, MAX_TIMEOUT_MS + 1, 2 ** 40, -Infinity])(
    "refuses timeoutMs %s, naming the option",
    async (timeoutMs) => {
      expect(() => billing({ timeoutMs })).toThrow(
        new TypeError(
          `createBillingClient: \`timeoutMs\` must be a number of milliseconds above 0 and at most ${MAX_TIMEOUT_MS}, or Infinity for no timeout, got ${timeoutMs}.`,
        ),
      );
      await expect(billing().createCheckoutSession({ body }, { timeoutMs })).rejects.toThrow(
        new TypeError(
          `Request option \`timeoutMs\` must be a number of milliseconds above 0 and at most ${MAX_TIMEOUT_MS}, or Infinity for no timeout, got ${timeoutMs}.`,
        ),
      );
    },
  );

  it("refuses a per-call timeoutMs or maxRetries of the wrong type before sending anything", async () => {
    const sent: Request[] = [];
    const client = createBillingClient({
      token: "sk_test_timeouts",
      baseUrl: "https://api.test",
      fetch: (request, init) => {
        sent.push(request);
        return hang(request, init);
      },
    });
    await expect(client.createCheckoutSession({ body }, { timeoutMs: "5000" as unknown as number })).rejects.toThrow(
      /`timeoutMs` must be .*, got "5000"\.$/,
    );
    await expect(client.createCheckoutSession({ body }, { maxRetries: -1 })).rejects.toThrow(
      /`maxRetries` must be a whole number >= 0, got -1\.$/,
    );
    expect(sent).toEqual([]);
  });

  it("emits no TimeoutOverflowWarning at the largest timeout", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const controller = new AbortController();
      const call = billing({ timeoutMs: MAX_TIMEOUT_MS })
        .createCheckoutSession({ body }, { signal: controller.signal })
        .catch((e: unknown) => e);
      await wait(50);
      controller.abort();
      expect(await call).toBeInstanceOf(APIUserAbortError);
      await wait(10);
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.map((w) => w.name)).not.toContain("TimeoutOverflowWarning");
  });
});
