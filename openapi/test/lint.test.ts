// The contract's lint (scripts/lint.ts) bites: a violation seeded into a
// temporary copy of the spec fails it, naming the rule and the source file.
// Through a pipe, on a spec with thousands of findings, it prints every finding
// and ends with the total: nothing is capped, and nothing is cut when the
// process ends before the pipe is read (as `pnpm lint | cat` would show).
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { lint, lintFormats } from "../scripts/lint.ts";

const SPEC_DIR = fileURLToPath(new URL("..", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "lint-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the spec's folder in the scratch folder, without node_modules, dist and the released contract. */
function copyOfSpec(name: string): string {
  const copy = join(scratch, name);
  cpSync(SPEC_DIR, copy, {
    recursive: true,
    filter: (src) => !/node_modules|dist|released/.test(src.slice(SPEC_DIR.length)),
  });
  return copy;
}

// Each test runs redocly lint once on the whole spec: a few seconds idle. The limits are
// for a machine four times oversubscribed (stress-ng --cpu 8 on 2 cores, beside the rest of pnpm test).
const ONE_LINT = { timeout: 300_000 };

describe("lint", () => {
  it("fails on an operation without an operationId, naming the rule and the file", ONE_LINT, () => {
    const copy = copyOfSpec("spec-without-operation-id");
    const path = join(copy, "paths/checkout-sessions.yaml");
    writeFileSync(path, readFileSync(path, "utf8").replace(/^ {2}operationId: .*\n/m, ""));
    const result = lint(copy);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/operation-operationId/);
    expect(result.output).toContain("checkout-sessions.yaml");
  });

  it("fails on a path file that openapi.yaml does not reference, naming the file", ONE_LINT, () => {
    const copy = copyOfSpec("spec-with-stray-path");
    cpSync(join(copy, "paths/checkout-sessions.yaml"), join(copy, "paths/companies_{company_id}_refunds.yaml"));
    const result = lint(copy);
    expect(result.ok).toBe(false);
    expect(result.output).toContain("house/no-unreferenced-files");
    expect(result.output).toContain("paths/companies_{company_id}_refunds.yaml is not referenced from openapi.yaml");
  });

  it("fails on each house rule broken, pointing at the source file", ONE_LINT, () => {
    const copy = copyOfSpec("spec-breaking-house-rules");
    const edit = (file: string, change: (text: string) => string) =>
      writeFileSync(join(copy, file), change(readFileSync(join(copy, file), "utf8")));
    edit("paths/checkout-sessions.yaml", (text) =>
      text
        .replace(/\n {4}'500':\n {6}\$ref: .*\n/, "\n")
        .replace(
          /\n {4}- \$ref: \.\.\/components\/parameters\/IdempotencyKey\.yaml\n/,
          "\n    - $ref: ../components/parameters/CompanyId.yaml\n",
        ),
    );
    cpSync(
      join(copy, "components/examples/BadRequestError.yaml"),
      join(copy, "components/examples/NotFoundError.yaml"),
    );
    cpSync(
      join(copy, "components/schemas/CheckoutCreated.yaml"),
      join(copy, "components/schemas/CreateCheckoutData.yaml"),
    );
    edit("components/schemas/Money.yaml", (text) => text.replace(/^ {4}minimum: 0\n/m, ""));
    edit("components/schemas/TermInput.yaml", (text) => text.replace(/^ {4}maximum: .*\n/m, ""));
    edit("components/schemas/PlanVersionId.yaml", (text) => text.replace(/^maxLength: .*\n/m, ""));
    edit("paths/companies_{company_id}_pricing.yaml", (text) => text.replace(/^ {2}description: \|$/m, "  x-note: |"));
    edit("openapi.yaml", (text) =>
      text.replace(/^servers:\n/m, "servers:\n  - url: http://localhost:4010\n    description: A developer's mock.\n"),
    );
    edit("components/schemas/Proposal.yaml", (text) =>
      text.replace(/^type: object\n/m, "type: object\nadditionalProperties: false\n"),
    );
    edit("components/schemas/Company.yaml", (text) =>
      text.replace(
        /(\n {2}computed_entitlements:\n(?: {4}.*\n)*? {4}additionalProperties:)\n {6}\$ref: .*\n/,
        "$1 true\n",
      ),
    );
    edit("components/schemas/Customer.yaml", (text) =>
      text.replace(/(\n {2}id:\n) {4}\$ref: \.\/CustomerId\.yaml\n/, "$1    type: string\n    maxLength: 64\n"),
    );
    edit("components/schemas/Metadata.yaml", (text) => text.replace(/^maxProperties: .*\n/m, ""));
    const result = lint(copy);
    expect(result.ok).toBe(false);
    for (const [rule, file] of [
      ["house/operation-error-responses", "paths/checkout-sessions.yaml"],
      ["house/idempotency-key", "paths/checkout-sessions.yaml"],
      ["house/error-response-body", "components/responses/NotFound.yaml"],
      ["house/request-bounds", "components/schemas/PlanVersionId.yaml"],
      ["rule/operation-description", "paths/companies_{company_id}_pricing.yaml"],
      ["rule/no-local-servers", "openapi.yaml"],
      ["house/schema-names", "components/schemas/CreateCheckoutData.yaml is named like CreateCheckoutData"],
      ["house/money-non-negative", "components/schemas/Money.yaml"],
      ["A number a request can carry needs a minimum and a maximum", "components/schemas/TermInput.yaml"],
      ["house/open-responses", "components/schemas/Proposal.yaml"],
      ["additionalProperties: true leaves the values untyped", "components/schemas/Company.yaml"],
      ["house/id-schemas", "components/schemas/Customer.yaml"],
      ["An object a request can carry needs a bound on its keys", "components/schemas/Metadata.yaml"],
    ]) {
      expect(result.output, rule).toContain(rule);
      expect(result.output, file).toContain(file);
    }
  });
});

describe("lint's output", () => {
  it("is the readable report wherever CI is set, and annotations as well only under GitHub Actions", () => {
    expect(lintFormats({})).toEqual(["stylish"]);
    expect(lintFormats({ CI: "true" })).toEqual(["stylish"]);
    expect(lintFormats({ CI: "true", GITHUB_ACTIONS: "true" })).toEqual(["stylish", "github-actions"]);
  });

  it("under GitHub Actions holds each finding twice: on a report line and as an annotation", ONE_LINT, () => {
    const copy = copyOfSpec("spec-linted-on-github");
    const path = join(copy, "paths/checkout-sessions.yaml");
    writeFileSync(path, readFileSync(path, "utf8").replace(/^ {2}operationId: .*\n/m, ""));
    const result = lint(copy, { CI: "true", GITHUB_ACTIONS: "true" });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/^ {2}\d+:\d+ +error +operation-operationId +/m);
    expect(result.output).toMatch(/^::error title=operation-operationId,file=.*checkout-sessions\.yaml,line=\d+/m);
  });
});

const FIELDS = 3_000;

describe("lint through a pipe", () => {
  it("prints every finding and the total, with thousands of them", ONE_LINT, () => {
    const spec = copyOfSpec("openapi");
    const fields = Array.from({ length: FIELDS }, (_, i) => `  field_${i}:\n    type: string\n`).join("");
    writeFileSync(
      join(spec, "components/schemas/Undescribed.yaml"),
      `type: object\ndescription: Fields without descriptions.\nproperties:\n${fields}`,
    );
    const root = join(spec, "openapi.yaml");
    writeFileSync(
      root,
      `${readFileSync(root, "utf8").trimEnd()}\n  schemas:\n    Undescribed:\n      $ref: components/schemas/Undescribed.yaml\n`,
    );

    const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
    const check = fileURLToPath(new URL("../scripts/lint.ts", import.meta.url));
    const quoted = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
    const run = spawnSync(
      "bash",
      ["-o", "pipefail", "-c", `${quoted(process.execPath)} --import ${quoted(tsx)} ${quoted(check)} | cat`],
      {
        cwd: spec,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
        // The report alone, as everywhere but under GitHub Actions.
        env: { ...process.env, GITHUB_ACTIONS: "" },
      },
    );

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
