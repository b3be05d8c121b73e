// `pnpm dev` with a port someone else holds: one line that names the flag and
// the variable picking another, exit 1, before any build; never the system's stack.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer, type Server } from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ROOT } from "@billing-api/repository";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const DEV = fileURLToPath(new URL("../bin/dev.ts", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

let holder: Server;
let held: number;
beforeAll(async () => {
  holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
  held = (holder.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

/** Runs pnpm dev with `args` and `env` to its exit (it exits on its own: the port is checked first). */
function dev(args: string[], env: Record<string, string> = {}) {
  const { PORT: _port, MOCK_PORT: _mockPort, ...inherited } = process.env;
  const child = spawn(process.execPath, ["--import", TSX, DEV, ...args], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once("close", (code) => resolve({ code, stdout, stderr })),
  );
}

describe("pnpm dev on a taken port", () => {
  it("says which flag or variable moves the reference, in one line", async () => {
    const result = await dev([`--port=${held}`, "--no-mock"]);
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: `pnpm dev: the reference's port, 127.0.0.1:${held}, is already in use (EADDRINUSE): pick another with pnpm dev --port=<n> or PORT=<n> (0 for any free one)\n`,
    });
  });

  it("says which flag or variable moves the mock, in one line, the port coming from MOCK_PORT", async () => {
    const result = await dev(["--port=0"], { MOCK_PORT: String(held) });
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: `pnpm dev: the mock's port, 127.0.0.1:${held}, is already in use (EADDRINUSE): pick another with pnpm dev --mock-port=<n> or MOCK_PORT=<n> (0 for any free one), or --no-mock to run without it\n`,
    });
  });
});
