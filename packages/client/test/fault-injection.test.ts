// Fault injection against a real HTTP server (./fault-server.ts): resets,
// error statuses, rate limits, hung answers and stalled bodies, checking what
// the transport promises (same Idempotency-Key on every attempt, retries only
// when safe, timeouts, typed errors, no token in errors) and what the API's
// idempotency promises the caller (one side effect per logical request).
//
// Each test registers its own run on the server, so the tests share no state
// and run concurrently: the file's wall time is that of its slowest test.
//
// An attempt that must time out hangs for TIMEOUT_MS; an attempt that must
// succeed has the same TIMEOUT_MS to do so, on a machine that may be loaded:
// so TIMEOUT_MS is seconds, not a few hundred milliseconds.
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, type ExpectStatic, it } from "vitest";
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  BadRequestError,
  type BillingClientOptions,
  createBillingClient,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from "../src/index.ts";
import { controlTimer, latestEnd } from "./control-timer.ts";
import {
  type FaultAction,
  type FaultRun,
  type FaultServer,
  NO_KEY,
  RUN_HEADER,
  startFaultServer,
} from "./fault-server.ts";
import { SESSION_ANSWER, SESSION_REQUEST } from "./spec-examples.ts";

const TOKEN = "sk_test_fault_injection_secret";
const REQUEST_BODY = SESSION_REQUEST;
const TIMEOUT_MS = 2_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const ok: FaultAction = { kind: "ok" };
const reset: FaultAction = { kind: "reset" };
const hang: FaultAction = { kind: "hang" };
const stallBody: FaultAction = { kind: "stall-body" };
const truncateBody: FaultAction = { kind: "truncate-body" };

/** An error answer with the API's error body. */
function answer(status: number, code: string, headers?: Record<string, string>, extra: object = {}): FaultAction {
  return { kind: "answer", status, body: JSON.stringify({ code, message: `Injected ${status}.`, ...extra }), headers };
}

const serverError = answer(500, "INTERNAL_SERVER_ERROR");
const unavailable = answer(503, "SERVICE_UNAVAILABLE");

let server: FaultServer;

beforeAll(async () => {
  server = await startFaultServer(SESSION_ANSWER);
  // The first fetch of a process loads and compiles Node's HTTP client; pay
  // for it here, not inside the first tests' timeouts.
  await clientFor(server.run([{ kind: "ok" }])).createCheckoutSession({ body: REQUEST_BODY });
});

afterAll(async () => {
  await server?.close();
});

/**
 * A client whose every attempt carries `run`'s id, so the server plays that
 * run's script; `onSend` sees each attempt as the client hands it to `fetch`,
 * and `onAnswer` each answer as `fetch` returns it.
 */
function clientFor(
  run: FaultRun,
  options: Pick<BillingClientOptions, "maxRetries" | "timeoutMs"> = {},
  onAnswer?: (response: Response) => void,
  onSend?: () => void,
) {
  return createBillingClient({
    token: TOKEN,
    baseUrl: server.url,
    ...options,
    fetch: async (request, init) => {
      onSend?.();
      const headers = new Headers(request.headers);
      headers.set(RUN_HEADER, run.id);
      // The attempt's signal (its timeout) comes in `init`: pass it on.
      const response = await fetch(new Request(request, { headers }), init);
      onAnswer?.(response);
      return response;
    },
  });
}

/** Awaits `promise`, which must reject, and returns the reason. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("Expected the call to reject, but it resolved.");
}

/** Every printed or serialized form of `error` that shows the token (there must be none). */
function tokenLeaks(error: unknown): string[] {
  const forms: Record<string, string> = {
    message: error instanceof Error ? error.message : "",
    "String()": String(error),
    "JSON.stringify()": JSON.stringify(error) ?? "",
    "util.inspect()": inspect(error, { depth: Infinity, showHidden: true }),
  };
  return Object.entries(forms)
    .filter(([, text]) => text.includes(TOKEN))
    .map(([form]) => form);
}

/**
 * Checks the server saw `count` attempts, all authenticated, all with the same
 * body and the same Idempotency-Key; returns that key.
 */
function expectAttemptsShareOneKey(expect: ExpectStatic, run: FaultRun, count: number): string {
  expect(run.attempts).toHaveLength(count);
  const key = run.attempts[0]!.idempotencyKey;
  expect(key).toMatch(UUID);
  for (const attempt of run.attempts) {
    expect(attempt.idempotencyKey).toBe(key);
    expect(attempt.authorization).toBe(`Bearer ${TOKEN}`);
    expect(attempt.body).toEqual(REQUEST_BODY);
  }
  return key!;
}

/** Milliseconds between the arrivals of attempts `index - 1` and `index`. */
function gapBefore(run: FaultRun, index: number): number {
  return run.attempts[index]!.receivedAt - run.attempts[index - 1]!.receivedAt;
}

// A test's own timeout: far above the longest test (two hung attempts and a backoff).
describe.concurrent("fault injection against a real HTTP server", { timeout: 30_000 }, () => {
  // 1. a connection reset after the request was processed; 2. a 503, then success.
  // Either way the retry carries the same key, so the session is created once.
  describe.for([
    ["1. connection reset after the request was processed", [reset, ok]],
    ["2. 503, then success", [unavailable, ok]],
  ] as const)("%s", ([, script]) => {
    it("operation style: the retry with the same key gets the session, one side effect", async ({ expect }) => {
      const run = server.run([...script]);
      const data = await clientFor(run).createCheckoutSession({ body: REQUEST_BODY });

      expect(data).toEqual(SESSION_ANSWER);
      const key = expectAttemptsShareOneKey(expect, run, 2);
      expect(run.sideEffects).toEqual(new Map([[key, 1]]));
    });

    it("path style: same outcome through billing.POST", async ({ expect }) => {
      const run = server.run([...script]);
      const { data, error, response } = await clientFor(run).POST("/checkout-sessions", { body: REQUEST_BODY });

      expect(error).toBeUndefined();
      expect(response.status).toBe(200);
      expect(data).toEqual(SESSION_ANSWER);
      const key = expectAttemptsShareOneKey(expect, run, 2);
      expect(run.sideEffects).toEqual(new Map([[key, 1]]));
    });
  });

  it("3. 429 with `Retry-After: 1`: the retry waits the second the server asked for", async ({ expect }) => {
    const run = server.run([answer(429, "TOO_MANY_REQUESTS", { "retry-after": "1" }), ok]);
    // Timed where the client hands attempts to `fetch` and gets answers back, so the loopback
    // round trip is not counted. When the 429 comes back, a control does what the client must
    // before its retry, beside it: reads the same body (a clone of it), then waits a second on
    // a plain timer. Both wake up late together on a loaded machine.
    let answeredAt = Number.NaN;
    let retriedAt = Number.NaN;
    let control: Promise<number> | undefined;
    const data = await clientFor(
      run,
      {},
      (response) => {
        if (response.status === 429) {
          answeredAt = performance.now();
          const copy = response.clone();
          control = copy
            .text()
            .then(() => new Promise((resolve) => setTimeout(resolve, 1_000)))
            .then(() => performance.now() - answeredAt);
        }
      },
      () => {
        if (!Number.isNaN(answeredAt)) {
          retriedAt = performance.now();
        }
      },
    ).createCheckoutSession({ body: REQUEST_BODY });

    expect(data).toEqual(SESSION_ANSWER);
    const key = expectAttemptsShareOneKey(expect, run, 2);
    expect(run.sideEffects).toEqual(new Map([[key, 1]]));
    // Retry-After replaces the backoff: the retry is sent a second after the 429, never sooner,
    // and no later than the control ended plus 250 ms for the client's own bookkeeping. That is
    // less than the shortest backoff (375 ms), so a client adding its backoff to the wait fails.
    const waited = retriedAt - answeredAt;
    const controlMs = await control!;
    // (Node keeps timers to the millisecond, and may fire one up to a millisecond early.)
    expect(waited, "retried before the second the server asked for").toBeGreaterThanOrEqual(999);
    expect(waited, `retried later than the control allows (it took ${controlMs.toFixed(1)} ms)`).toBeLessThanOrEqual(
      controlMs + 250,
    );
  });

  describe("4. an answer that never comes, past the timeout", () => {
    it("the retry with the same key gets the replayed session", async ({ expect }) => {
      const run = server.run([hang, ok]);
      const data = await clientFor(run).createCheckoutSession({ body: REQUEST_BODY }, { timeoutMs: TIMEOUT_MS });

      expect(data).toEqual(SESSION_ANSWER);
      const key = expectAttemptsShareOneKey(expect, run, 2);
      expect(run.sideEffects).toEqual(new Map([[key, 1]]));
      // The first attempt was given its TIMEOUT_MS before the retry.
      expect(gapBefore(run, 1)).toBeGreaterThanOrEqual(TIMEOUT_MS * 0.9);
    });

    it("with `maxRetries: 0` the call rejects with APITimeoutError, in bounded time", async ({ expect }) => {
      const run = server.run([hang]);
      // Timed from the attempt's hand-off to `fetch` (just after the client armed its timer),
      // where a control timer of the same length is armed beside it.
      let sentAt = Number.NaN;
      let control: Promise<number> | undefined;
      const onSend = () => {
        sentAt = performance.now();
        control = controlTimer(TIMEOUT_MS);
      };
      const error = await rejectionOf(
        clientFor(run, {}, undefined, onSend).createCheckoutSession(
          { body: REQUEST_BODY },
          { timeoutMs: TIMEOUT_MS, maxRetries: 0 },
        ),
      );
      const elapsed = performance.now() - sentAt;
      const controlLateMs = await control!;

      expect(error).toBeInstanceOf(APITimeoutError);
      expect(elapsed, "ended early").toBeGreaterThanOrEqual(TIMEOUT_MS * 0.9);
      expect(
        elapsed,
        `ended later than the control timer (${controlLateMs.toFixed(1)} ms late) allows`,
      ).toBeLessThanOrEqual(latestEnd(TIMEOUT_MS, controlLateMs, TIMEOUT_MS * 0.1));
      const key = expectAttemptsShareOneKey(expect, run, 1);
      expect(run.sideEffects).toEqual(new Map([[key, 1]]));
      expect(tokenLeaks(error)).toEqual([]);
    });

    it("path style with `maxRetries: 0` throws APITimeoutError too", async ({ expect }) => {
      const run = server.run([hang]);
      const error = await rejectionOf(
        clientFor(run, { timeoutMs: TIMEOUT_MS, maxRetries: 0 }).POST("/checkout-sessions", { body: REQUEST_BODY }),
      );

      expect(error).toBeInstanceOf(APITimeoutError);
      expectAttemptsShareOneKey(expect, run, 1);
      expect(tokenLeaks(error)).toEqual([]);
    });

    it("the timeout covers the body: a stalled body times out, and the retry gets the replay", async ({ expect }) => {
      const stalled = server.run([stallBody]);
      const error = await rejectionOf(
        clientFor(stalled).createCheckoutSession({ body: REQUEST_BODY }, { timeoutMs: TIMEOUT_MS, maxRetries: 0 }),
      );
      expect(error).toBeInstanceOf(APITimeoutError);
      expect(tokenLeaks(error)).toEqual([]);

      const recovered = server.run([stallBody, ok]);
      const data = await clientFor(recovered).createCheckoutSession({ body: REQUEST_BODY }, { timeoutMs: TIMEOUT_MS });
      expect(data).toEqual(SESSION_ANSWER);
      const key = expectAttemptsShareOneKey(expect, recovered, 2);
      expect(recovered.sideEffects).toEqual(new Map([[key, 1]]));
    });
  });

  describe("5. retries exhausted on a 500 that never goes away", () => {
    it("operation style: rejects with InternalServerError from the last answer after 3 attempts", async ({
      expect,
    }) => {
      const run = server.run([serverError]);
      const error = await rejectionOf(clientFor(run).createCheckoutSession({ body: REQUEST_BODY }, { maxRetries: 2 }));

      expect(error).toBeInstanceOf(InternalServerError);
      const apiError = error as InternalServerError;
      expect(apiError.status).toBe(500);
      expect(apiError.code).toBe("INTERNAL_SERVER_ERROR");
      expectAttemptsShareOneKey(expect, run, 3);
      expect(apiError.requestId).toBe(run.attempts[2]!.requestId);
      expect(run.sideEffects.size).toBe(0);
      expect(tokenLeaks(error)).toEqual([]);
    });

    it("path style: answers `{ error, response }` of the last attempt after 3 attempts", async ({ expect }) => {
      const run = server.run([serverError]);
      const { data, error, response } = await clientFor(run, { maxRetries: 2 }).POST("/checkout-sessions", {
        body: REQUEST_BODY,
      });

      expect(data).toBeUndefined();
      expect(response.status).toBe(500);
      expect(error).toEqual({ code: "INTERNAL_SERVER_ERROR", message: "Injected 500." });
      expectAttemptsShareOneKey(expect, run, 3);
      expect(response.headers.get("x-request-id")).toBe(run.attempts[2]!.requestId);
    });
  });

  it("6. `idempotencyKey: null` + reset after processing: no retry, APIConnectionError", async ({ expect }) => {
    // A retry would succeed (and create a second session): the client must not send one.
    const run = server.run([reset, ok]);
    const error = await rejectionOf(
      clientFor(run).createCheckoutSession({ body: REQUEST_BODY }, { idempotencyKey: null }),
    );

    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APITimeoutError);
    expect(run.attempts).toHaveLength(1);
    expect(run.attempts[0]!.idempotencyKey).toBeNull();
    expect(run.sideEffects).toEqual(new Map([[NO_KEY, 1]]));
    expect(tokenLeaks(error)).toEqual([]);
  });

  describe("7. no untyped error, whatever the fault (maxRetries: 1; timeoutMs: TIMEOUT_MS where the fault is a hang)", () => {
    // Only a hang is meant to time out. Any other fault is answered at once, and its attempts get
    // the test's own limit: beside stress-ng --cpu 8 and other builds, an attempt answered with a
    // 429 took the server longer than TIMEOUT_MS, and the call ended as APITimeoutError.
    const ANSWERED_MS = 25_000;
    const faults: Array<{
      fault: string;
      script: FaultAction[];
      expected: new (...args: never[]) => APIError;
      attempts: number;
      hangs?: true;
    }> = [
      { fault: "connection reset", script: [reset], expected: APIConnectionError, attempts: 2 },
      { fault: "body cut short by a reset", script: [truncateBody], expected: APIConnectionError, attempts: 2 },
      { fault: "503 forever", script: [unavailable], expected: InternalServerError, attempts: 2 },
      {
        fault: "429 forever",
        script: [answer(429, "TOO_MANY_REQUESTS", { "retry-after-ms": "50" })],
        expected: RateLimitError,
        attempts: 2,
      },
      { fault: "hung answer", script: [hang], expected: APITimeoutError, attempts: 2, hangs: true },
      { fault: "stalled body", script: [stallBody], expected: APITimeoutError, attempts: 2, hangs: true },
      {
        fault: "400 with a body",
        script: [answer(400, "BAD_REQUEST", {}, { details: [{ field: "customer_id", message: "Unknown customer." }] })],
        expected: BadRequestError,
        attempts: 1,
      },
      { fault: "404", script: [answer(404, "NOT_FOUND")], expected: NotFoundError, attempts: 1 },
      {
        fault: "500 with a malformed JSON body",
        script: [{ kind: "answer", status: 500, body: '{"code": "INTERNAL_SERV' }],
        expected: InternalServerError,
        attempts: 2,
      },
      {
        fault: "200 whose body is not JSON",
        script: [{ kind: "answer", status: 200, body: '{"session": {' }],
        expected: APIError,
        attempts: 1,
      },
    ];

    // `it.for` (unlike `it.each`) passes the test context, for the concurrent-safe `expect`.
    it.for(faults)("$fault → $expected.name", async ({ script, expected, attempts, hangs }, { expect }) => {
      const options = { maxRetries: 1, timeoutMs: hangs ? TIMEOUT_MS : ANSWERED_MS };
      const operationRun = server.run(script);
      const pathRun = server.run(script);

      const [operationError, pathOutcome] = await Promise.all([
        rejectionOf(clientFor(operationRun).createCheckoutSession({ body: REQUEST_BODY }, options)),
        // Path style answers HTTP errors as `{ error, response }` and throws the rest.
        clientFor(pathRun, options)
          .POST("/checkout-sessions", { body: REQUEST_BODY })
          .catch((error: unknown) => ({ thrown: error })),
      ]);

      expect(operationError).toBeInstanceOf(APIError);
      expect(operationError).toBeInstanceOf(expected);
      expect(tokenLeaks(operationError)).toEqual([]);
      if ("thrown" in pathOutcome) {
        expect(pathOutcome.thrown).toBeInstanceOf(APIError);
        expect(pathOutcome.thrown).toBeInstanceOf(expected);
        expect(tokenLeaks(pathOutcome.thrown)).toEqual([]);
      } else {
        expect(pathOutcome.response.ok).toBe(false);
        expect((operationError as APIError).status).toBe(pathOutcome.response.status);
      }

      for (const run of [operationRun, pathRun]) {
        expectAttemptsShareOneKey(expect, run, attempts);
        // One logical request: at most one session created, however often it was sent.
        for (const count of run.sideEffects.values()) {
          expect(count).toBeLessThanOrEqual(1);
        }
      }
    });
  });
});
