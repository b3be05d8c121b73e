// The client generator, rendered in-process (scripts/render-operations.ts): it
// gives the committed operations.ts for the bundled spec, and refuses an
// operationId that cannot be the name of an export of the package (not an
// identifier, or a name the client itself exports). One case runs the script
// as `pnpm generate` does, so its arguments and file writing are covered too.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generatedHeader } from "@billing-api/build-helpers/generated-file";
import { afterAll, describe, expect, it } from "vitest";
import { type GeneratorSpec, ownExportsOf, renderOperations } from "../scripts/render-operations.ts";

const GENERATOR = fileURLToPath(new URL("../scripts/generate.ts", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const spec = readFileSync(createRequire(import.meta.url).resolve("@billing-api/openapi/openapi.json"), "utf8");
const OWN_EXPORTS = ownExportsOf(fileURLToPath(new URL("../src/", import.meta.url)));
const HEADER = generatedHeader("openapi/dist/openapi.json", "packages/client/scripts/generate.ts");
const scratch = mkdtempSync(join(tmpdir(), "client-generate-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The bundled spec with getCheckout renamed to `operationId`, as text. */
const specWith = (operationId: string) =>
  spec.replace('"operationId": "getCheckout"', `"operationId": ${JSON.stringify(operationId)}`);
const render = (text: string) => renderOperations(JSON.parse(text) as GeneratorSpec, OWN_EXPORTS, HEADER);

// The script runs in a child: about 0.5 s of CPU and 1 s of wall time on an idle machine, and several times
// that when the machine is oversubscribed (vitest's 5 s default is not enough at 4×). A generator that hangs
// is killed at that limit, and fails.
const GENERATOR_CASE_MS = 60_000;

describe("the client generator", () => {
  it("renders the committed operations.ts from the bundled spec", () => {
    expect(render(spec)).toBe(readFileSync(new URL("../src/generated/operations.ts", import.meta.url), "utf8"));
  });

  it.each([
    [
      "createTransport",
      /operationId "createTransport" \(GET \/companies\/\{company_id\}\/checkout\/\{id\}\) would collide with the client's own export `createTransport`/,
    ],
    ["APIError", /would collide with the client's own export `APIError`/],
    ["get-checkout", /operationId "get-checkout" .* is not a JavaScript identifier/],
  ])("refuses the operationId %s, naming it and the operation", (operationId, message) => {
    expect(() => render(specWith(operationId))).toThrow(message);
  });

  it("generates a function for any other operationId, as the script writes it", { timeout: GENERATOR_CASE_MS }, () => {
    const file = join(scratch, "renamed.json");
    writeFileSync(file, specWith("getCheckoutById"));
    const target = join(scratch, "renamed.ts");
    const run = spawnSync(
      process.execPath,
      ["--import", TSX, GENERATOR, "--write", `--spec=${file}`, `--target=${target}`],
      { encoding: "utf8", timeout: GENERATOR_CASE_MS },
    );
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
    expect(readFileSync(target, "utf8")).toContain(
      'export const getCheckoutById = /* @__PURE__ */ operation("getCheckoutById", "GET", "/companies/{company_id}/checkout/{id}");',
    );
  });

  it("refuses through the script too: one line naming the operation, and a failing exit", {
    timeout: GENERATOR_CASE_MS,
  }, () => {
    const file = join(scratch, "invalid.json");
    writeFileSync(file, specWith("get-checkout"));
    const run = spawnSync(
      process.execPath,
      ["--import", TSX, GENERATOR, "--write", `--spec=${file}`, `--target=${join(scratch, "invalid.ts")}`],
      { encoding: "utf8", timeout: GENERATOR_CASE_MS },
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim()).toMatch(
      /^✖ operationId "get-checkout" .* is not a JavaScript identifier.*rename it in openapi\/\.$/,
    );
    expect(run.stderr, "a reason, never a stack trace").not.toMatch(/\n\s+at /);
  });
});
