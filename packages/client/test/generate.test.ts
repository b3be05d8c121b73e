// The generator refuses an operationId that cannot be the name of an export of
// the package: not an identifier, or a name the client itself exports.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, expect, it } from "vitest";

const GENERATOR = fileURLToPath(new URL("../scripts/generate.ts", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const spec = readFileSync(createRequire(import.meta.url).resolve("@billing-api/openapi/openapi.json"), "utf8");
const scratch = mkdtempSync(join(tmpdir(), "client-generate-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the generator on the bundled spec with getCheckout renamed to `operationId`. */
function generateWith(operationId: string) {
  const file = join(scratch, `${operationId}.json`);
  writeFileSync(file, spec.replace('"operationId": "getCheckout"', `"operationId": ${JSON.stringify(operationId)}`));
  const target = join(scratch, `${operationId}.ts`);
  const run = spawnSync(process.execPath, ["--import", TSX, GENERATOR, "--write", `--spec=${file}`, `--target=${target}`], { encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}`, target };
}

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
