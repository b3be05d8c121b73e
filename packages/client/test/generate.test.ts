// The generator refuses an operationId that cannot be the name of an export of
// the package: not an identifier, or a name the client itself exports.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const GENERATOR = fileURLToPath(new URL("../scripts/generate.ts", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const spec = readFileSync(createRequire(import.meta.url).resolve("@billing-api/openapi/openapi.json"), "utf8");
const scratch = mkdtempSync(join(tmpdir(), "client-generate-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Each case runs the generator in a child: about 0.5 s of CPU and 1 s of wall
// time on an idle machine, and several times that when the machine is
// oversubscribed, so a case may take 60 s (vitest's 5 s default is not enough
// at 4× oversubscription). A generator that hangs is killed at that limit, and fails.
const GENERATOR_CASE_MS = 60_000;

/** Runs the generator on the bundled spec with getCheckout renamed to `operationId`. */
function generateWith(operationId: string) {
  const file = join(scratch, `${operationId}.json`);
  writeFileSync(file, spec.replace('"operationId": "getCheckout"', `"operationId": ${JSON.stringify(operationId)}`));
  const target = join(scratch, `${operationId}.ts`);
  const run = spawnSync(
    process.execPath,
    ["--import", TSX, GENERATOR, "--write", `--spec=${file}`, `--target=${target}`],
    {
      encoding: "utf8",
      timeout: GENERATOR_CASE_MS,
    },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}`, target };
}

describe("the client generator", { timeout: GENERATOR_CASE_MS }, () => {
  it.each([
    [
      "createTransport",
      /operationId "createTransport" \(GET \/companies\/\{company_id\}\/checkout\/\{id\}\) would collide with the client's own export `createTransport`/,
    ],
    ["APIError", /would collide with the client's own export `APIError`/],
    ["get-checkout", /operationId "get-checkout" .* is not a JavaScript identifier/],
  ])("refuses the operationId %s, naming it and the operation", (operationId, message) => {
    const { status, output } = generateWith(operationId);
    expect(status).not.toBe(0);
    expect(output).toMatch(message);
  });

  it("generates a function for any other operationId", () => {
    const { status, target } = generateWith("getCheckoutById");
    expect(status).toBe(0);
    expect(readFileSync(target, "utf8")).toContain(
      'export const getCheckoutById = /* @__PURE__ */ operation("getCheckoutById", "GET", "/companies/{company_id}/checkout/{id}");',
    );
  });
});
