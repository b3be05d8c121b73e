// Starts and stops the mock (src/main.ts: Prism's validator and negotiator in
// a server of our own, see src/server.ts) in a process of its own. Used by
// apps' tests, and by this repository's test set-ups and `pnpm dev`.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { fileURLToPath } from "node:url";

import { DEFAULT_HOST } from "./defaults.ts";
import { MockListenError } from "./listen-error.ts";

export { DEFAULT_HOST, DEFAULT_PORT } from "./defaults.ts";
export { createMockFetch, type MockFetch, type MockFetchOptions } from "./fetch.ts";
export { TEST_TOKEN_FORM } from "./handler.ts";
export { LIMITS } from "./limits.ts";
export { MockListenError } from "./listen-error.ts";
export { specPath } from "./spec-path.ts";

// The compiled main.js, run by the caller's own runtime (no wrapper process, so the PID is the
// server's). The same path from dist/ as from src/ (this package's own tests run the build).
const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));

export interface MockOptions {
  /** Port on 127.0.0.1; when omitted, the mock listens on a port the OS picks and says which. */
  port?: number;
  /** `warn` (the default) logs problems only; `info` adds a line per request (method, path, status, time: never a body); `debug` adds Prism's choices. */
  logLevel?: "debug" | "info" | "warn" | "error" | "silent";
  /** Generate responses from the schemas instead of serving the examples. */
  dynamic?: boolean;
  /** Seed of dynamic generation, for repeatable responses. */
  seed?: string;
  /** `inherit` shows the mock's output; `pipe` keeps it for error messages only. */
  stdio?: "inherit" | "pipe";
  /** With `stdio: "pipe"`, called with each chunk of the mock's output (its log), as it comes. */
  onOutput?: (chunk: string) => void;
  /** CPU time the mock may use before it answers (30 s; it needs about 2). Counted where /proc exists. */
  readyCpuMs?: number;
  /** Wall-clock time the mock may take before it answers (5 min): a backstop for one that waits without working. */
  readyTimeoutMs?: number;
  /** The bundled spec to serve (YAML or JSON); the one this package was built with when omitted. */
  specPath?: string;
  /** The bearer tokens the mock accepts (each its own tenant); when omitted or empty, any token starting with `test`. */
  tokens?: readonly string[];
}

export interface RunningMock {
  url: string;
  port: number;
  pid: number;
  /** CPU time (user + system, in ms, to 10 ms) the mock has used so far; undefined where /proc does not exist. */
  cpuTimeMs(): number | undefined;
  /** Stops the mock and resolves once it has exited. */
  stop(): Promise<void>;
}

/** How long startMock waits, at most, for a mock that does not answer (its `readyTimeoutMs` default). */
const START_WALL_MS = 300_000;

/**
 * A limit for a test's set-up that starts the mock: above startMock's own,
 * so that a mock that does not start fails with startMock's reason, not a bare timeout.
 */
export const START_TIMEOUT_MS = START_WALL_MS + 30_000;

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      // Listening on TCP: the address is an AddressInfo, never a pipe's name.
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** CPU time (user + system, in ms) a process has used so far; undefined without /proc. */
function cpuTimeMs(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // After the command name: field 3 (state) first, so utime (14) and stime (15) are at 11 and 12.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    return undefined;
  }
}

/**
 * Resolves once `url` gives any HTTP answer. Each probe waits for its answer, however
 * slow: a refused connection only means the mock is not listening yet.
 */
async function waitForAnswer(url: string, signal: AbortSignal): Promise<void> {
  for (;;) {
    signal.throwIfAborted();
    try {
      const response = await fetch(url, { signal });
      await response.arrayBuffer();
      return;
    } catch {
      signal.throwIfAborted();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts the mock on 127.0.0.1 and waits until it answers. */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const {
    logLevel = "warn",
    dynamic = false,
    seed,
    stdio = "pipe",
    onOutput,
    readyCpuMs = 30_000,
    readyTimeoutMs = START_WALL_MS,
  } = options;
  const host = DEFAULT_HOST;
  // Port 0 lets the OS pick the port as the mock binds it, and the mock names it over IPC: a
  // port chosen here first could be taken by another process before the mock binds it.
  const args = [MAIN, "--host", host, "--port", String(options.port ?? 0), "--log-level", logLevel];
  if (dynamic) {
    args.push("--dynamic");
  }
  if (seed !== undefined) {
    args.push(`--seed=${seed}`);
  }
  if (options.specPath !== undefined) {
    args.push(`--spec=${options.specPath}`);
  }
  for (const token of options.tokens ?? []) {
    args.push(`--token=${token}`);
  }

  const child = spawn(process.execPath, args, { stdio: ["ignore", stdio, stdio, "ipc"] });
  const giveUp = new AbortController();
  const listening = new Promise<number>((resolve) =>
    child.on("message", (message: { listening?: unknown; listenError?: { code: string; reason: string } }) => {
      if (typeof message?.listening === "number") {
        resolve(message.listening);
      } else if (message?.listenError) {
        const { code, reason } = message.listenError;
        giveUp.abort(new MockListenError(code, host, options.port ?? 0, reason));
      }
    }),
  );
  let output = "";
  if (stdio === "pipe") {
    // Piped: both streams exist.
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        output = (output + chunk).slice(-8_000);
        onOutput?.(chunk);
      });
    }
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let port = options.port ?? 0;
  let url = `http://${host}:${port}`;

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };

  // Start-up is CPU-bound (about 2 s of CPU here), so on a busy machine it lasts as long as
  // the scheduler makes it: the limit is on the CPU time the mock used. The wall-clock limit
  // only catches a mock that waits without working, and is the only one without /proc.
  const started = performance.now();
  // On "close", not "exit": a message the mock sent before it exited (its listenError) has come by then.
  child.once("close", (code, signal) =>
    giveUp.abort(new Error(`The mock exited before it was ready (${JSON.stringify({ code, signal })})`)),
  );
  const watchdog = setInterval(() => {
    const cpu = cpuTimeMs(child.pid);
    if (cpu !== undefined && cpu > readyCpuMs) {
      giveUp.abort(new Error(`The mock used ${cpu} ms of CPU without answering on ${url}`));
    } else if (performance.now() - started > readyTimeoutMs) {
      giveUp.abort(
        new Error(`The mock did not answer on ${url} within ${readyTimeoutMs} ms (it used ${cpu ?? "?"} ms of CPU)`),
      );
    }
  }, 250);
  try {
    port = await Promise.race([
      listening,
      new Promise<never>((_, reject) => {
        giveUp.signal.throwIfAborted();
        giveUp.signal.addEventListener("abort", () => reject(giveUp.signal.reason));
      }),
    ]);
    url = `http://${host}:${port}`;
    // Our own process holds the port now, so the answer that counts can only be its own.
    child.disconnect();
    await waitForAnswer(url, giveUp.signal);
  } catch (error) {
    await stop();
    if (error instanceof MockListenError) {
      throw error;
    }
    // The reason the wait was given up for: always one of the errors above.
    throw new Error(`${(error as Error).message}:\n${output}`);
  } finally {
    clearInterval(watchdog);
  }
  // It answered, so it was spawned: it has a PID.
  return { url, port, pid: child.pid!, cpuTimeMs: () => cpuTimeMs(child.pid), stop };
}
