// The lint check through a pipe, on a spec with thousands of findings, prints
// every finding and ends with the total: nothing is capped, and nothing is cut
// when the process ends before the pipe is read. It runs what the openapi
// package's `lint` task runs (`check.ts lint` in the spec's folder), piped
// into `cat` as `pnpm lint | cat` would be, on a copy of openapi/ with a
// component of 3,000 fields without descriptions.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../src/repository.ts";

const scratch = mkdtempSync(join(tmpdir(), "lint-pipe-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const FIELDS = 3_000;

describe("lint through a pipe", () => {
  it("prints every finding and the total, with thousands of them", { timeout: 120_000 }, () => {
    const spec = join(scratch, "openapi");
    cpSync(join(ROOT, "openapi"), spec, { recursive: true, filter: (src) => !/node_modules|dist|released/.test(src.slice(ROOT.length)) });
    const fields = Array.from({ length: FIELDS }, (_, i) => `  field_${i}:\n    type: string\n`).join("");
    writeFileSync(join(spec, "components/schemas/Undescribed.yaml"), `type: object\ndescription: Fields without descriptions.\nproperties:\n${fields}`);
    const root = join(spec, "openapi.yaml");
    writeFileSync(root, `${readFileSync(root, "utf8").trimEnd()}\n  schemas:\n    Undescribed:\n      $ref: components/schemas/Undescribed.yaml\n`);

    const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
    const check = join(ROOT, "tooling/guardrails/bin/check.ts");
    const quoted = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
    const run = spawnSync("bash", ["-o", "pipefail", "-c", `${quoted(process.execPath)} --import ${quoted(tsx)} ${quoted(check)} lint | cat`], {
      cwd: spec,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      // Stylish output, as on a terminal or in a pipe outside CI.
      env: { ...process.env, CI: "" },
    });

    expect(run.status).toBe(1);
    const findings = run.stdout.match(/^ {4}\d+:\d+ +(error|warning) +\S+ +.+$/gm) ?? [];
    const undescribed = findings.filter((line) => line.includes("rule/schema-description"));
    expect(undescribed).toHaveLength(FIELDS);
    const total = /❌ Validation failed with (\d+) errors?(?: and (\d+) warnings?)?\./.exec(run.stdout);
    expect(total, run.stdout.slice(-500)).not.toBeNull();
    expect(Number(total?.[1]) + Number(total?.[2] ?? 0)).toBe(findings.length);
    // The total comes after the last finding, and nothing follows but redocly's hint.
    expect(run.stdout.lastIndexOf(undescribed.at(-1) ?? "")).toBeLessThan(total?.index ?? 0);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toMatch(/generate-ignore-file|Validation failed/);
  });
});
