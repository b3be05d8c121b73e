// The short-lived processes the loop starts (lint, bundle, generators): each is
// tracked by PID from spawn to exit, so that Ctrl-C can end exactly those.
import { spawn } from "node:child_process";
import { getPriority, setPriority } from "node:os";

export interface RunResult {
  /** The exit code; null when the process was ended by a signal (or could not start). */
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The processes started and not yet exited, by PID. */
const live = new Map<number, () => void>();

/** PIDs of the processes this module started that are still running. */
export function livePids(): number[] {
  return [...live.keys()];
}

/** Runs `command` to its end, keeping its output (up to `maxBytes` of each stream). */
export function run(
  command: string,
  args: readonly string[],
  {
    cwd,
    env = {},
    maxBytes = 16 * 1024 * 1024,
    nice = 0,
  }: {
    cwd: string;
    env?: Record<string, string>;
    maxBytes?: number /** Raises the process's niceness by this much: off the critical path, it yields the CPU. */;
    nice?: number;
  },
): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      if (stdout.length < maxBytes) {
        stdout += chunk;
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      if (stderr.length < maxBytes) {
        stderr += chunk;
      }
    });
    const pid = child.pid;
    if (pid !== undefined && nice > 0) {
      try {
        setPriority(pid, Math.min(19, getPriority() + nice));
      } catch {
        // Not allowed here: it runs at the loop's own priority.
      }
    }
    if (pid !== undefined) {
      live.set(pid, () => child.kill("SIGTERM"));
    }
    const done = (code: number | null, error?: Error) => {
      if (pid !== undefined) {
        live.delete(pid);
      }
      resolve({
        code,
        stdout,
        stderr: error ? `${stderr}${error.message}\n` : stderr,
        ms: performance.now() - started,
      });
    };
    child.once("error", (error) => done(null, error));
    child.once("close", (code) => done(code));
  });
}

/** Ends every process still running (SIGTERM, then SIGKILL after `graceMs`), each by its PID, and waits for them. */
export async function endAll(graceMs = 5_000): Promise<void> {
  const pids = livePids();
  for (const pid of pids) {
    live.get(pid)?.();
  }
  const deadline = performance.now() + graceMs;
  while (live.size > 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  for (const pid of livePids()) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  while (live.size > 0 && performance.now() < deadline + 2_000) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
