// The published package's JavaScript needs nothing at run time but
// openapi-fetch. (publint, arethetypeswrong and npm pack run for every published
// package in `pnpm check`: see tooling/guardrails.)
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
describe("the published @billing-api/client", () => {
  it.each(["esm", "cjs"])("imports nothing at run time but openapi-fetch and its own files (%s)", (format) => {
    const dir = `${root}/dist/${format}`;
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
    const specifiers = files.flatMap((file) =>
      [...readFileSync(`${dir}/${file}`, "utf8").matchAll(/(?:from\s+|require\()\s*["']([^"']+)["']/g)].map(
        (m) => m[1]!,
      ),
    );
    expect(new Set(specifiers.filter((s) => !s.startsWith(".")))).toEqual(new Set(["openapi-fetch"]));
  });
});
