// `pnpm mock` as a user runs it: the CLI starts the mock on the given PORT,
// prints its URL, validates requests, and on Ctrl-C (SIGINT) stops it and exits 0.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { freePort, START_TIMEOUT_MS } from "../src/index.ts";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", tsx, cli], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk) => (output += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  // Waits for the CLI to print `text`, however long a busy machine takes; fails if it exits first.
  // The CLI gives up by itself when the mock does not start (startMock's limits).
  const waitFor = async (text: string) => {
    while (!output.includes(text)) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The CLI exited before printing ${JSON.stringify(text)}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { child, exit, waitFor, output: () => output };
}

const post = (url: string, body: unknown, headers: Record<string, string> = { authorization: "Bearer test" }) =>
  fetch(`${url}/checkout-sessions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

// Each case starts the CLI in a child (tsx, then the mock: seconds of CPU), and startMock inside
// it has limits of its own; START_TIMEOUT_MS is above them, so on a busy machine the CLI's own
// reason, not a guess of ours, is what fails a case.
describe("pnpm mock", { timeout: START_TIMEOUT_MS }, () => {
  it("serves the spec on 127.0.0.1:PORT with request validation and stops cleanly on Ctrl-C", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const mock = run({ PORT: String(port) });
    try {
      await mock.waitFor(`listening on ${url}`);

      const valid = { customer_id: "cus_3XbQ9mLk2Vt8RnY5Pw1Hd4", plan_version_id: "plv_7n42DGM5Tflk9n8mt7Fhc7" };
      expect((await post(url, valid)).status).toBe(200);
      expect((await post(url, valid, {})).status).toBe(401);
      const invalid = await post(url, { customer_id: "cus_1" });
      expect(invalid.status).toBe(422);
      expect(await invalid.json()).toEqual({
        code: "UNPROCESSABLE_ENTITY",
        message: "1 field is invalid.",
        details: [{ field: "plan_version_id", message: "is required" }],
      });
    } finally {
      mock.child.kill("SIGINT");
    }
    expect(await mock.exit).toEqual({ code: 0, signal: null });
    expect(mock.output()).toContain("Mock stopped.");
    await expect(fetch(url)).rejects.toThrow();
  });

  it("refuses a PORT that is not a port number, naming it", async () => {
    const mock = run({ PORT: "eighty" });
    expect(await mock.exit).toEqual({ code: 2, signal: null });
    expect(mock.output()).toContain('PORT must be a TCP port number (1-65535), got "eighty"');
  });
});
