// `billing-api-mock` as a user runs it: the compiled bin (dist/main.js) serves
// on the given --port with the given --token, prints its URL, validates
// requests, and on Ctrl-C (SIGINT) stops and exits 0. A wrong flag is one line
// naming it and the usage (exit 2), a port in use one line naming --port (exit
// 1), never a stack trace. `pnpm mock` (the package's `start` script) takes PORT.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { USAGE } from "../src/cli.ts";
import { freePort, START_TIMEOUT_MS } from "../src/index.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
// The bin is in publishConfig (pnpm pack puts it in the published package.json), so that installing the
// workspace before dist/ is built does not warn about a bin whose file is not there yet.
const manifest = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as {
  publishConfig: { bin: Record<string, string> };
};
const bin = manifest.publishConfig.bin["billing-api-mock"]!;

/** Runs `command` in a process group of its own (so that a shell's child gets the signal too). */
function run(command: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const output = () => stdout + stderr;
  // Waits for the bin to print `text`, however long a busy machine takes; fails if it exits first.
  const waitFor = async (text: string) => {
    while (!output().includes(text)) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`It exited before printing ${JSON.stringify(text)}:\n${output()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const interrupt = () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, "SIGINT");
    }
  };
  return { child, exit, waitFor, interrupt, output, stderr: () => stderr };
}
const runBin = (...args: string[]) => run(process.execPath, [bin, ...args]);

const VALID = { customer_id: "cus_3XbQ9mLk2Vt8RnY5Pw1Hd4", plan_version_id: "plv_7n42DGM5Tflk9n8mt7Fhc7" };
const post = (url: string, body: unknown, headers: Record<string, string>) =>
  fetch(`${url}/checkout-sessions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

// Each serving case starts the mock (seconds of CPU on a busy machine); it fails by itself when it
// cannot start, so the limit is above startMock's own.
describe("billing-api-mock", { timeout: START_TIMEOUT_MS }, () => {
  it("serves on 127.0.0.1:--port, accepts only the --token it was given, validates, and stops cleanly on Ctrl-C", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const mock = runBin("--port", String(port), "--token", "tok_ci_1", "--token", "tok_ci_2");
    try {
      await mock.waitFor(`listening on ${url}`);

      expect((await post(url, VALID, { authorization: "Bearer tok_ci_1" })).status).toBe(200);
      expect((await post(url, VALID, { authorization: "Bearer tok_ci_2" })).status).toBe(200);
      expect((await post(url, VALID, { authorization: "Bearer test" })).status).toBe(401);
      expect((await post(url, VALID, {})).status).toBe(401);
      const invalid = await post(url, { customer_id: "cus_1" }, { authorization: "Bearer tok_ci_1" });
      expect(invalid.status).toBe(422);
      expect(await invalid.json()).toEqual({
        code: "UNPROCESSABLE_ENTITY",
        message: "1 field is invalid.",
        details: [{ field: "plan_version_id", message: "is required" }],
      });
    } finally {
      mock.interrupt();
    }
    expect(await mock.exit).toEqual({ code: 0, signal: null });
    expect(mock.output()).toContain("Mock stopped.");
    await expect(fetch(url)).rejects.toThrow();
  });

  describe("refuses a port another process holds: one line naming --port, exit 1", () => {
    const holder: Server = createServer();
    beforeAll(() => new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve)));
    afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

    it("--port <taken>", async () => {
      const { port } = holder.address() as AddressInfo;
      const mock = runBin("--port", String(port));
      expect(await mock.exit).toEqual({ code: 1, signal: null });
      expect(mock.stderr()).toBe(
        `billing-api-mock: --port ${port}: 127.0.0.1:${port} is already in use (EADDRINUSE); choose another --port, or --port 0 for any free one\n`,
      );
    });
  });

  it.each([
    [["--port", "eighty"], '--port must be a TCP port number (0-65535; 0 lets the OS pick), got "eighty"'],
    [["-p", "70000"], '--port must be a TCP port number (0-65535; 0 lets the OS pick), got "70000"'],
    [["--port"], "Option '-p, --port <value>' argument missing"],
    [["-h"], "Option '-h, --host <value>' argument missing (-h is --host; help is --help)"],
    [["--prot", "4010"], "Unknown option '--prot'"],
    [["serve"], "Unexpected argument 'serve'"],
    [["--log-level", "loud"], '--log-level must be one of debug, info, warn, error, silent, got "loud"'],
    [["--token", "two words"], '--token must be printable ASCII without spaces, as a bearer token is, got "two words"'],
    [["--dynamic=yes"], "Option '-d, --dynamic' does not take an argument"],
    [["--spec", "/nonexistent/openapi.yaml"], "--spec /nonexistent/openapi.yaml: no such file"],
  ])("refuses %j with one line naming the flag, then the usage, exit 2", async (args, line) => {
    const mock = runBin(...args);
    expect(await mock.exit).toEqual({ code: 2, signal: null });
    expect(mock.stderr()).toBe(`billing-api-mock: ${line}\n${USAGE}\n`);
  });

  it("--help prints the usage and every flag, exit 0", async () => {
    const mock = runBin("--help");
    expect(await mock.exit).toEqual({ code: 0, signal: null });
    expect(mock.output()).toContain(USAGE);
    for (const flag of ["--port", "--host", "--token", "--spec", "--dynamic", "--seed", "--log-level", "--help"]) {
      expect(mock.output()).toContain(flag);
    }
  });

  it("`pnpm mock` (the start script) serves on PORT, and stops on Ctrl-C", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const mock = run("pnpm", ["run", "--silent", "start"], { PORT: String(port) });
    try {
      await mock.waitFor(`listening on ${url}`);
      expect((await post(url, VALID, { authorization: "Bearer test" })).status).toBe(200);
    } finally {
      mock.interrupt();
    }
    await mock.exit;
    await expect(fetch(url)).rejects.toThrow();
  });
});
