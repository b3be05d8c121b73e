// The published package: what publint and @arethetypeswrong/cli say of it, and
// that its JavaScript needs nothing at run time but openapi-fetch.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = (command: string, args: string[]) =>
  execFileSync(command, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describe("the published @billing-api/client", () => {
  it("is publint clean", () => {
    const output = run("pnpm", ["exec", "publint", "--strict"]);
    expect(output).not.toMatch(/Errors:|Warnings:/);
  });

  it("resolves its types for node10, node16 (CJS and ESM) and bundlers (arethetypeswrong)", () => {
    const report = JSON.parse(run("pnpm", ["exec", "attw", "--pack", ".", "--format", "json"])) as {
      analysis: { problems: unknown[] };
    };
    expect(report.analysis.problems).toEqual([]);
  }, 60_000);

  it.each(["esm", "cjs"])("imports nothing at run time but openapi-fetch and its own files (%s)", (format) => {
    const dir = `${root}/dist/${format}`;
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
    const specifiers = files.flatMap((file) =>
      [...readFileSync(`${dir}/${file}`, "utf8").matchAll(/(?:from\s+|require\()\s*["']([^"']+)["']/g)].map((m) => m[1]!),
    );
    expect(new Set(specifiers.filter((s) => !s.startsWith(".")))).toEqual(new Set(["openapi-fetch"]));
  });
});
