// The child processes the overhead benchmark starts, and how it ends them:
// by the PID it started, SIGTERM first.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const SERVER = fileURLToPath(new URL("./loopback-server.ts", import.meta.url));

/** Sends `signal` to the process `pid` that this benchmark started; one that is already gone is fine. */
export function end(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") {
      throw error;
    }
  }
}
export const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/**
 * Starts src/loopback-server.ts in a child process with one listener per
 * contender on 127.0.0.1 (ports picked by the OS, named back over IPC).
 * `stop` ends it by its PID.
 */
export async function startLoopbackServer(
  listeners: number,
): Promise<{ pid: number; ports: number[]; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", TSX, SERVER, String(listeners)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pid = child.pid;
  const stop = async () => {
    if (pid === undefined || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    end(pid, "SIGTERM");
    const timer = setTimeout(() => end(pid, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    if (pid === undefined) {
      throw new Error("overhead: the loopback server did not start.");
    }
    const ports = await new Promise<number[]>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error("overhead: the loopback server named no ports within 60 s.")),
        60_000,
      );
      child.once("message", (message: unknown) => {
        clearTimeout(timer);
        const listening =
          message && typeof message === "object" && "listening" in message ? message.listening : undefined;
        if (
          Array.isArray(listening) &&
          listening.length === listeners &&
          listening.every((port) => typeof port === "number")
        ) {
          resolve(listening);
        } else {
          reject(new Error(`overhead: the loopback server said ${JSON.stringify(message)}, not its ports.`));
        }
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`overhead: the loopback server exited (${code ?? signal}) before listening.`));
      });
    });
    return { pid, ports, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
