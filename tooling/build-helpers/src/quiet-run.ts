// Runs a tool quietly (no update notices, telemetry or colour), its output in
// one string without Redocly's Node 20 banner: for the checks and the spec's lint.
import { spawnSync } from "node:child_process";
import { ROOT } from "@billing-api/repository";

const QUIET = { REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", REDOCLY_TELEMETRY: "off", NO_COLOR: "1", FORCE_COLOR: "0" };
// Redocly CLI prints a boxed Node 20 deprecation notice on every run; it says nothing about the work.
const withoutBanner = (text: string): string =>
  text
    .replace(/^.*[╔║╚].*\n?/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();

export function run(
  command: string,
  args: readonly string[],
  { cwd = ROOT, env = {} }: { cwd?: string; env?: Record<string, string> } = {},
) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...QUIET, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: result.status ?? 1,
    stdout: result.stdout ?? "",
    output: withoutBanner(`${result.stdout ?? ""}${result.stderr ?? ""}`),
  };
}
