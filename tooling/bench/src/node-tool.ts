// Runs the JavaScript entry of a tool (a package's bin) with this Node, as the
// benchmarks that time or drive the toolchain do.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const OUTPUT_TAIL_LINES = 30;
/** The environment tools run in: Redocly's telemetry and update notice off. */
export const TOOL_ENV = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };

/** The file of a package's bin (`binName` when it has several). */
export function binPath(packageName: string, binName: string): string {
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const { bin } = require(manifestPath) as { bin: string | Record<string, string> };
  return join(dirname(manifestPath), typeof bin === "string" ? bin : bin[binName]!);
}

/** The last lines of a tool's output, for an error message. */
export function outputTail(output: unknown): string {
  return String(output).trimEnd().split("\n").slice(-OUTPUT_TAIL_LINES).join("\n");
}

/** Runs `node <args>` in `cwd`; resolves to its output, or rejects with `what` and the output's tail unless it exits 0. */
export function runNode(what: string, args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: TOOL_ENV, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keepTail = (chunk: Buffer) => {
      output = (output + chunk).slice(-64_000);
    };
    child.stdout.on("data", keepTail);
    child.stderr.on("data", keepTail);
    child.on("error", (error) => reject(new Error(`${what} failed to start: ${error.message}`)));
    child.on("close", (code, signal) => {
      if (code === 0) {
        resolve(output);
      } else {
        reject(new Error(`${what} failed (exit ${code ?? signal}):\n${outputTail(output)}`));
      }
    });
  });
}
