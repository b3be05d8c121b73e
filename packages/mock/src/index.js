// Starts and stops a Prism mock of the bundled spec. Used by `pnpm mock` and by
// the contract tests' global setup.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** The bundled spec this package mocks (built by `pnpm bundle`). */
export const specPath = require.resolve("@billing-api/openapi/openapi.yaml");

// Prism's own entry file, run with this Node: no shell shim, no npx, so the
// child we start is Prism itself and stopping it stops the server.
function prismEntry() {
  const pkgJson = require.resolve("@stoplight/prism-cli/package.json");
  return join(dirname(pkgJson), require(pkgJson).bin.prism);
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Prism on 127.0.0.1 with request validation on and waits until it answers.
 * @param {{ port?: number, logLevel?: string, dynamic?: boolean, seed?: string, stdio?: "inherit" | "pipe", readyTimeoutMs?: number }} [options]
 * @returns {Promise<{ url: string, port: number, pid: number, stop: () => Promise<void> }>}
 */
export async function startMock(options = {}) {
  const { logLevel = "info", dynamic = false, seed, stdio = "pipe", readyTimeoutMs = 30_000 } = options;
  const port = options.port ?? (await freePort());
  const host = "127.0.0.1";
  const args = [prismEntry(), "mock", specPath, "--host", host, "--port", String(port), "--verboseLevel", logLevel];
  if (dynamic) args.push("--dynamic");
  if (seed !== undefined) args.push("--seed", seed);

  const child = spawn(process.execPath, args, { stdio: ["ignore", stdio, stdio] });
  let output = "";
  if (stdio === "pipe") {
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding("utf8");
      stream.on("data", (chunk) => {
        output = (output + chunk).slice(-8_000);
      });
    }
  }
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const url = `http://${host}:${port}`;

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + readyTimeoutMs;
  let early;
  exited.then((status) => (early = status));
  for (;;) {
    if (early) {
      throw new Error(`Prism exited before it was ready (${JSON.stringify(early)}):\n${output}`);
    }
    try {
      await fetch(url, { signal: AbortSignal.timeout(1_000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`Prism did not answer on ${url} within ${readyTimeoutMs} ms:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url, port, pid: child.pid, stop };
}
