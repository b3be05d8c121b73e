// The runtime matrix: fixtures/scenario.mjs in every runtime the client
// promises, each loading @billing-api/client from the packed tarball that npm
// installed into the fresh project. Each cell is one test; after the last one
// the matrix is printed as a table (runtime × step).
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, describe, expect, inject, it } from "vitest";
import { STEPS } from "../fixtures/scenario.mjs";
import { type Cell, chromiumCell, processCell, type StepResult, workerdCell } from "../src/cells.ts";
import { bunBinary, chromiumBinary, denoBinary, nodeBinary, runtimeVersion } from "../src/runtimes.ts";
import { formatMatrix } from "../src/table.ts";

const TIMEOUT_MS = 1_500;
const { projectDir, mockUrl, silentUrl, closedUrl } = inject("consumer");
const config = { mockUrl, silentUrl, closedUrl, timeoutMs: TIMEOUT_MS };

const miniflareVersion = (createRequire(import.meta.url)("miniflare/package.json") as { version: string }).version;
const version = (name: string) => runtimeVersion(name) ?? "(not installed)";
const deno = { DENO_DIR: `${projectDir}/.deno`, DENO_NO_UPDATE_CHECK: "1" };
// Nothing may come from a registry now: the packages are the installed tarballs.
const offline = { npm_config_registry: "http://127.0.0.1:9/", NPM_CONFIG_REGISTRY: "http://127.0.0.1:9/" };

const cells: Cell[] = [
  ...([20, 22, 24] as const).flatMap((major) => [
    processCell(`Node ${version(`node${major}`)} ESM`, () => nodeBinary(major), ["esm.mjs"]),
    processCell(`Node ${version(`node${major}`)} CJS`, () => nodeBinary(major), ["cjs.cjs"]),
  ]),
  processCell(`Bun ${version("bun")}`, bunBinary, ["--no-install", "esm.mjs"], offline),
  processCell(
    `Deno ${version("deno")} package.json`,
    denoBinary,
    ["run", "--no-lock", "--cached-only", "--allow-net", "--allow-read", "--allow-env", "esm.mjs"],
    { ...deno, ...offline },
  ),
  processCell(
    `Deno ${version("deno")} npm:`,
    denoBinary,
    ["run", "--no-lock", "--cached-only", "--allow-net", "--allow-read", "--allow-env", "deno-npm.mjs"],
    {
      ...deno,
      ...offline,
    },
  ),
  workerdCell(`workerd (Miniflare ${miniflareVersion})`),
  chromiumCell("Chromium", chromiumBinary),
];

const matrix = new Map<Cell, StepResult[]>();

afterAll(() => {
  const rows = cells
    .filter((cell) => matrix.has(cell))
    .map((cell) => ({ runtime: cell.runtime, results: matrix.get(cell)! }));
  const text = formatMatrix(["start", ...STEPS], rows);
  mkdirSync(new URL("../test-results/", import.meta.url), { recursive: true });
  writeFileSync(new URL("../test-results/runtime-matrix.txt", import.meta.url), `${text}\n`);
  console.log(`The client from its packed tarball, runtime × step (timeoutMs ${TIMEOUT_MS}):\n${text}`);
});

describe("@billing-api/client from its tarball, in every runtime", () => {
  it.concurrent.each(cells.map((cell) => [cell.runtime, cell] as const))("%s", async (_, cell) => {
    let results: StepResult[];
    try {
      results = await cell.run(projectDir, config);
    } catch (error) {
      results = [
        {
          step: "start",
          ok: false,
          detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        },
      ];
    }
    if (!results.some((r) => r.step === "start")) {
      results.unshift({ step: "start", ok: true, detail: "" });
    }
    matrix.set(cell, results);
    const passed = results.filter((r) => r.ok && !r.skipped).length;
    const failedSteps = results.filter((r) => !r.ok).map((r) => r.step);
    console.log(
      `${cell.runtime}: ${passed} steps passed${failedSteps.length ? `, failed: ${failedSteps.join(", ")}` : ""}`,
    );

    const failed = results.filter((r) => !r.ok).map((r) => `${cell.runtime} › ${r.step}: ${r.detail}`);
    expect(failed, failed.join("\n")).toEqual([]);
    expect(results.map((r) => r.step)).toEqual(["start", ...STEPS]);
  });
});
