// The code samples of the built site work: every curl command, run against the
// mock, gets the documented success status, and every TypeScript sample
// type-checks against @billing-api/client.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { START_TIMEOUT_MS, startMock } from "@billing-api/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleRequests } from "../src/code-samples.ts";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@billing-api/openapi/openapi.json"), "utf8"));
const DIST = new URL("../dist/", import.meta.url);
// The module every page of the built site loads to show the reference: it carries the definition.
const page = readFileSync(fileURLToPath(new URL("index.html", DIST)), "utf8");
const module = /<script type="module" src="\/(assets\/reference\.[0-9a-f]+\.js)"/.exec(page)?.[1];
const site = module ? readFileSync(fileURLToPath(new URL(module, DIST)), "utf8") : "";

/** The sources of the samples the built site carries (its definition holds them as JSON strings), by first word. */
function samplesInSite(prefix: string): string[] {
  const literal = new RegExp(`"source":("${prefix}(?:[^"\\\\]|\\\\.)*")`, "g");
  return [...new Set([...site.matchAll(literal)].map((match) => JSON.parse(match[1]!) as string))];
}

const requests = sampleRequests(spec);
const curlSamples = samplesInSite("curl ");
const typescriptSamples = samplesInSite("import ");
const production = spec.servers[0].url as string;

// The mock prepares an operation at its first request (seconds of CPU on a busy machine: one
// curl sample took over 20 s with 5 processes per core), and curl waits for it.
const CURL_MS = 120_000;

let mock: Awaited<ReturnType<typeof startMock>>;
beforeAll(async () => {
  mock = await startMock({ logLevel: "warn" });
}, START_TIMEOUT_MS);
afterAll(async () => {
  await mock?.stop();
});

describe("the code samples of the built reference", () => {
  it("has one curl and one TypeScript sample per operation", () => {
    expect(module, "the module dist/index.html loads the reference with").toBeDefined();
    expect(curlSamples).toHaveLength(requests.length);
    expect(typescriptSamples).toHaveLength(requests.length);
  });

  it.each(requests)(
    "the curl sample of $operationId gets $successStatus from the mock",
    { timeout: CURL_MS + 10_000 },
    (request) => {
      const [sample] = curlSamples.filter((source) =>
        source.includes(
          `-X ${request.method.toUpperCase()} '${production}${request.path.replace(/\{(\w+)\}/g, (_, name) => request.pathValues[name]!)}'`,
        ),
      );
      expect(sample, `no curl sample for ${request.operationId} in the site`).toBeDefined();
      // The sample as published, pointed at the mock; curl prints the status after the body.
      const command = `${sample!.replace(production, mock.url)} -w '\\n%{http_code}'`;
      const run = spawnSync("bash", ["-c", command], {
        encoding: "utf8",
        env: { ...process.env, BILLING_API_TOKEN: "test_sample_token" },
        timeout: CURL_MS,
      });
      expect(run.error, `curl could not run: ${run.error?.message}`).toBeUndefined();
      const lines = run.stdout.trimEnd().split("\n");
      const status = Number(lines.pop());
      expect(status, `${command}\n${run.stdout}${run.stderr}`).toBe(request.successStatus);
      expect(() => JSON.parse(lines.join("\n"))).not.toThrow();
    },
  );

  it("type-checks every TypeScript sample against @billing-api/client", () => {
    // Inside the package, so that the samples resolve @billing-api/client as a user's code would.
    const dir = mkdtempSync(fileURLToPath(new URL("../.sample-check-", import.meta.url)));
    try {
      for (const [i, source] of typescriptSamples.entries()) {
        writeFileSync(join(dir, `sample-${i}.ts`), source);
      }
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          extends: "../../../tsconfig.base.json",
          compilerOptions: { noEmit: true, types: ["node"] },
          include: ["*.ts"],
        }),
      );
      const tsc = require.resolve("typescript/bin/tsc");
      const run = spawnSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { encoding: "utf8" });
      expect(run.status, run.stdout + run.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
