// The breaking-change check names every change of the contract: each seeded
// edit of a copy of the released contract must show as one line, under its
// operation or component, with its JSON path and the bump it needs, and the
// bump the check demands must be the largest of them, even where `redocly
// diff` alone rates a removal lower. And the merge keeps what only redocly finds.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "@billing-api/repository";
import { dump, load } from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { breakingChanges } from "../src/checks.ts";
import { formatChanges, mergeChanges } from "../src/contract-changes.ts";
import { diffSpecs } from "../src/spec-diff.ts";

type Spec = Record<string, any>;

const scratch = mkdtempSync(join(tmpdir(), "contract-changes-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const releasedText = readFileSync(join(ROOT, "openapi/released/openapi.yaml"), "utf8");
const released = load(releasedText) as Spec;
const version = released.info.version as string;
const [major, minor] = version.split(".").map(Number) as [number, number];
/** The bump a breaking change takes: major, or minor below 1.0 (0.x semver). */
const breakingBump = major === 0 ? "minor" : "major";
const breakingVersion = major === 0 ? `0.${minor + 1}.0` : `${major + 1}.0.0`;

const noChangesets = join(scratch, "changesets-none");
mkdirSync(noChangesets);
writeFileSync(join(noChangesets, "config.json"), readFileSync(join(ROOT, ".changeset/config.json")));

/** The released contract with `edit` applied, written as a bundle would be; the check run on it. */
function checkEdited(name: string, edit: (spec: Spec) => void, changesetDir = noChangesets) {
  const spec = structuredClone(released);
  edit(spec);
  const file = join(scratch, `${name}.yaml`);
  writeFileSync(file, dump(spec, { lineWidth: -1, noRefs: true }));
  return breakingChanges({ current: file, changesetDir, packageVersion: version });
}
const schemas = (spec: Spec) => spec.components.schemas as Record<string, Spec>;
const operation = (spec: Spec, path: string, method: string) => spec.paths[path][method] as Spec;

/** The lines under `group`'s heading (a heading starts a line, changes are indented). */
function linesOf(output: string, group: RegExp): string[] {
  const lines = output.split("\n");
  const start = lines.findIndex((line) => group.test(line));
  if (start < 0) {
    return [];
  }
  const end = lines.findIndex((line, i) => i > start && !line.startsWith("  "));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe("the breaking-change check names every change", () => {
  it("an added response field: its schema, the operation whose response it is, its path and a minor bump", () => {
    const result = checkEdited("response-field-added", (spec) => {
      schemas(spec).CheckoutCreated!.properties.note = { type: "string", maxLength: 200, description: "A note." };
    });
    expect(result.ok).toBe(false);
    expect(linesOf(result.output, /^schema CheckoutCreated \(in responses of createCheckout\)$/)).toEqual([
      "  ✔ minor  added    field `note`  at properties/note",
    ]);
    expect(result.output).toContain("0 major, 1 minor, 0 patch.");
    expect(result.output).toContain("but these changes require a minor bump");
  });

  it("a renamed enum value: the old value removed and the new one added, both breaking, and the bump that needs", () => {
    const result = checkEdited("enum-value-renamed", (spec) => {
      const status = schemas(spec).CheckoutSessionStatus!;
      status.enum = (status.enum as string[]).map((value) => (value === "CANCELLED" ? "CANCELED" : value));
    });
    const lines = linesOf(result.output, /^schema CheckoutSessionStatus \(in responses of /);
    expect(lines[0]).toBe('  ✖ major  removed  enum value "CANCELLED"  at enum');
    expect(lines[1]).toMatch(
      /^ {2}✖ major {2}added {4}enum value "CANCELED" {2}at enum: responses may carry what clients do not expect/,
    );
    expect(result.ok).toBe(false);
    expect(result.output).toContain(`these changes require a ${breakingBump} bump (${breakingVersion})`);
    expect(result.output).toContain(`add a \`${breakingBump}\` changeset`);
  });

  it("a removed response enum value, which redocly rates a patch, still demands the breaking bump", () => {
    const patched = major === 0 ? `0.${minor}.1` : `${major}.${minor}.1`;
    const changesets = join(scratch, "changesets-patch");
    mkdirSync(changesets, { recursive: true });
    writeFileSync(join(changesets, "config.json"), readFileSync(join(ROOT, ".changeset/config.json")));
    writeFileSync(
      join(changesets, "drop-expired.md"),
      '---\n"@billing-api/openapi": patch\n---\n\nSessions no longer expire.\n',
    );
    const result = checkEdited(
      "enum-value-removed",
      (spec) => {
        spec.info.version = patched;
        const status = schemas(spec).CheckoutSessionStatus!;
        status.enum = (status.enum as string[]).filter((value) => value !== "EXPIRED");
      },
      changesets,
    );
    expect(result.output).toContain('  ✖ major  removed  enum value "EXPIRED"  at enum');
    expect(result.ok).toBe(false);
    expect(result.output).toContain(
      `❌ info.version went ${version} → ${patched}, but these changes require a ${breakingBump} bump (${breakingVersion})`,
    );
    expect(result.output).toContain(`need a ${breakingBump} release`);
  });

  it("a removed field, parameter and response, each under its operation or schema", () => {
    const result = checkEdited("removals", (spec) => {
      delete schemas(spec).CheckoutCreated!.properties.url;
      const create = operation(spec, "/companies/{company_id}/checkout", "post");
      create.parameters = [];
      delete create.responses["409"];
    });
    expect(linesOf(result.output, /^schema CheckoutCreated /)).toEqual([
      "  ✖ major  removed  field `url`  at properties/url (redocly: property-removed)",
    ]);
    expect(linesOf(result.output, /^POST \/companies\/\{company_id\}\/checkout \(createCheckout\)$/)).toEqual([
      "  ✖ major  removed  header parameter `Idempotency-Key`  at parameters/0 (redocly: parameter-removed)",
      "  ✖ major  removed  response 409  at responses/409 (redocly: response-removed)",
    ]);
    expect(result.output).toContain("3 major, 0 minor, 0 patch.");
  });

  it("request fields added (optional, required), a changed type, an added parameter and response, each with its bump", () => {
    const result = checkEdited("additions", (spec) => {
      const request = schemas(spec).CreateCheckoutSessionRequest!;
      request.properties.note = { type: ["string", "null"], maxLength: 200, description: "A note." };
      request.properties.reference = { type: "string", maxLength: 64, description: "Your reference." };
      request.required.push("reference");
      request.properties.billing_day_anchor.type = ["string", "null"];
      const get = operation(spec, "/companies/{company_id}/checkout/{id}", "get");
      get.parameters = [
        {
          name: "expand",
          in: "query",
          required: false,
          description: "What to expand.",
          schema: { type: "string", maxLength: 32 },
        },
      ];
      get.responses["409"] = { $ref: "#/components/responses/Conflict" };
    });
    const request = linesOf(
      result.output,
      /^schema CreateCheckoutSessionRequest \(in requests of createCheckoutSession\)$/,
    );
    expect(request).toContain(
      "  ✖ major  changed  new field `reference` is required  at required: requests without it are refused (redocly: required-properties-added)",
    );
    expect(request).toContain("  ✔ minor  added    field `note`  at properties/note");
    expect(request).toContain("  ✔ minor  added    field `reference` (required)  at properties/reference");
    expect(request).toContainEqual(
      expect.stringMatching(
        /^ {2}✖ major {2}changed {2}type integer \| null → string \| null {2}at properties\/billing_day_anchor\/type: values of the old type are refused/,
      ),
    );
    expect(linesOf(result.output, /^GET \/companies\/\{company_id\}\/checkout\/\{id\} \(getCheckout\)$/)).toEqual([
      "  ✔ minor  added    query parameter `expand`  at parameters/0",
      "  ✔ minor  added    response 409  at responses/409",
    ]);
  });

  it("a change to a shared schema once, naming every operation that uses it and on which side", () => {
    const users = new Set<string>();
    for (const item of Object.values(released.paths as Record<string, Spec>)) {
      for (const op of Object.values(item)) {
        if (JSON.stringify(op).includes("#/components/schemas/Money")) {
          users.add(op.operationId);
        }
      }
    }
    const result = checkEdited("shared-schema", (spec) => {
      schemas(spec).Money!.properties.note = { type: "string", maxLength: 20, description: "A note." };
    });
    const heading = result.output.split("\n").find((line) => line.startsWith("schema Money "));
    expect(heading).toMatch(/^schema Money \(in requests of .*; responses of .*\)$/);
    // Money is reached through other schemas too, so it has at least the operations that name it directly.
    for (const id of users) {
      expect(heading).toContain(id);
    }
    expect(result.output.match(/field `note`/g)).toHaveLength(1);
  });

  it("lists every change, however many", () => {
    const result = checkEdited("many", (spec) => {
      for (let i = 0; i < 120; i += 1) {
        schemas(spec).CheckoutCreated!.properties[`extra_${i}`] = {
          type: "string",
          maxLength: 8,
          description: "An extra.",
        };
      }
    });
    for (let i = 0; i < 120; i += 1) {
      expect(result.output).toContain(`  ✔ minor  added    field \`extra_${i}\`  at properties/extra_${i}`);
    }
    expect(result.output).toContain("0 major, 120 minor, 0 patch.");
    expect(result.output).not.toMatch(/and \d+ more/);
  });
});

describe("merging redocly's verdicts", () => {
  const spec = (edit: (s: Spec) => void) => {
    const copy = structuredClone(released);
    edit(copy);
    return copy;
  };

  it("keeps a change only redocly reports, with its message, place and bump", () => {
    const diff = diffSpecs(released, released);
    const merged = mergeChanges(diff, [
      {
        path: "#/webhooks/paid",
        kind: "added",
        impact: "minor",
        verdicts: [{ ruleId: "webhook-added", impact: "minor", message: "Webhook `paid` was added." }],
        revision: { pointer: "#/webhooks/paid" },
      },
    ]);
    expect(formatChanges(merged)).toEqual([
      "document",
      "  ✔ minor  added    Webhook `paid` was added.  at webhooks/paid (redocly: webhook-added)",
    ]);
  });

  it("raises a change to redocly's bump when redocly rates it higher, saying so", () => {
    const revision = spec((s) => {
      s.components.schemas.CheckoutCreated.description = "Changed.";
    });
    const merged = mergeChanges(diffSpecs(released, revision), [
      {
        path: "#/paths/x",
        kind: "modified",
        impact: "major",
        property: "description",
        verdicts: [{ ruleId: "some-rule", impact: "major", message: "It matters." }],
        base: { pointer: "#/components/schemas/CheckoutCreated/description" },
        revision: { pointer: "#/components/schemas/CheckoutCreated/description" },
      },
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({
      bump: "major",
      rules: ["some-rule"],
      why: "redocly rates it major: It matters.",
    });
  });
});
