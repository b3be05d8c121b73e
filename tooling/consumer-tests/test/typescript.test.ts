// TypeScript consumers: fixtures/typescript/typed-calls.ts, type-checked in
// the fresh project against the installed tarballs' declarations, by the
// lowest TypeScript the packages declare, by 5.9 and by 7, with
// moduleResolution node16 (as ESM and as CommonJS) and bundler, with the DOM
// lib or @types/node for the web globals, strict, exactOptionalPropertyTypes
// and skipLibCheck false. The file also checks that answers are not `any`.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import type { StepResult } from "../src/cells.ts";
import { publishedPackages } from "../src/project.ts";
import { typescriptCompiler } from "../src/runtimes.ts";
import { formatMatrix } from "../src/table.ts";

const { projectDir } = inject("consumer");

const COMPILERS = ["typescript-lowest", "typescript", "typescript7"];
const RESOLUTIONS = [
  { name: "node16 ESM", file: "typed-calls.mts", options: { module: "node16", moduleResolution: "node16" } },
  { name: "node16 CJS", file: "typed-calls.cts", options: { module: "node16", moduleResolution: "node16" } },
  { name: "bundler", file: "typed-calls.ts", options: { module: "esnext", moduleResolution: "bundler" } },
];
// The packages' types use fetch's globals (Request, Response, Headers, AbortSignal): from the DOM lib or from @types/node.
const LIBS = [
  { name: "DOM", options: { lib: ["es2022", "dom"], types: [] } },
  { name: "@types/node", options: { lib: ["es2022"], types: ["node"] } },
];
const CONFIGS = RESOLUTIONS.flatMap((resolution) =>
  LIBS.map((lib) => ({ name: `${resolution.name} · ${lib.name}`, resolution, lib })),
);

/** The TypeScript range the published packages declare (peerDependencies), which must be one range. */
function declaredRange(): string {
  const ranges = new Set(
    publishedPackages()
      .map(
        ({ dir }) =>
          JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).peerDependencies?.typescript as
            | string
            | undefined,
      )
      .filter((range) => range !== undefined),
  );
  expect([...ranges], "the published packages that have types declare one TypeScript range").toHaveLength(1);
  return [...ranges][0]!;
}

function typeCheck(tsc: string, dir: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    // Every tsc here (5.x, and 7's launcher of its native compiler) is a Node script.
    const child = spawn(process.execPath, [tsc, "-p", dir, "--pretty", "false"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ ok: code === 0, output: output.trim() }));
  });
}

const matrix = new Map<string, StepResult[]>();
afterAll(() => {
  const rows = COMPILERS.filter((pkg) => matrix.has(pkg)).map((pkg) => ({
    runtime: label(pkg),
    results: matrix.get(pkg)!,
  }));
  const text = formatMatrix(
    CONFIGS.map((c) => c.name),
    rows,
    "compiler",
  );
  mkdirSync(new URL("../test-results/", import.meta.url), { recursive: true });
  writeFileSync(new URL("../test-results/typescript-matrix.txt", import.meta.url), `${text}\n`);
  console.log(
    `Typed calls against the installed packages, compiler × moduleResolution · lib (strict, exactOptionalPropertyTypes, skipLibCheck false):\n${text}`,
  );
});

function label(pkg: string): string {
  try {
    const { version } = typescriptCompiler(pkg);
    return `TypeScript ${version}${pkg === "typescript-lowest" ? " (lowest declared)" : ""}`;
  } catch {
    return pkg;
  }
}

describe("TypeScript consumers of the installed packages", () => {
  it("the lowest compiler tested is the lowest the packages declare", () => {
    const range = declaredRange();
    const lowest = /^>=\s*(\d+\.\d+)(?:\.0)?$/.exec(range)?.[1];
    expect(lowest, `peerDependencies.typescript is "${range}": a ">=major.minor" range`).toBeDefined();
    expect(typescriptCompiler("typescript-lowest").version).toMatch(new RegExp(`^${lowest!.replace(".", "\\.")}\\.`));
  });

  const cases = COMPILERS.flatMap((pkg) => CONFIGS.map((config) => ({ pkg, config })));
  it.concurrent.each(cases.map((c) => [`${label(c.pkg)}, ${c.config.name}`, c] as const))(
    "%s",
    async (_, { pkg, config }) => {
      const results = matrix.get(pkg) ?? [];
      matrix.set(pkg, results);
      let result: StepResult;
      try {
        const { tsc } = typescriptCompiler(pkg);
        const dir = join(projectDir, "typescript-checks", `${pkg}-${config.name.replace(/[^a-z0-9]+/gi, "-")}`);
        mkdirSync(dir, { recursive: true });
        copyFileSync(join(projectDir, "typescript", "typed-calls.ts"), join(dir, config.resolution.file));
        const compilerOptions = {
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          noEmit: true,
          target: "es2022",
          ...config.resolution.options,
          ...config.lib.options,
        };
        writeFileSync(
          join(dir, "tsconfig.json"),
          JSON.stringify({ compilerOptions, files: [config.resolution.file] }, null, 2),
        );
        const { ok, output } = await typeCheck(tsc, dir);
        result = { step: config.name, ok, detail: ok ? "" : output.split("\n").slice(0, 8).join(" | ") };
      } catch (error) {
        result = { step: config.name, ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
      results.push(result);
      expect(result.ok, `${label(pkg)}, ${config.name}: ${result.detail}`).toBe(true);
    },
  );
});
