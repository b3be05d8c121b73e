// The `generator-output` check bites: a copy of the bundled spec with one property `type: object` and
// no properties, and one with no type at all, must fail naming both, for hey-api and for
// openapi-typescript (generated here from the copy by the types package's own generator); the same copy
// with every such schema given what it holds must pass.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "@billing-api/repository";
import { afterAll, describe, expect, it } from "vitest";
import { generatorOutput, looseMembers } from "../src/generator-output.ts";

const scratch = mkdtempSync(join(tmpdir(), "generator-output-bite-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

type Schema = Record<string, any>;
type Spec = { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } };
const bundled = (): Spec => JSON.parse(readFileSync(join(ROOT, "openapi/dist/openapi.json"), "utf8")) as Spec;

/** The copy of the spec, and openapi-typescript's output for it (by packages/types/scripts/generate.ts). */
function generated(name: string, spec: Spec): { spec: string; openapiTypescript: string } {
  const file = join(scratch, `${name}.json`);
  const target = join(scratch, `${name}.schema.ts`);
  writeFileSync(file, JSON.stringify(spec, null, 2));
  const run = spawnSync(
    process.execPath,
    [
      "--import",
      TSX,
      join(ROOT, "packages/types/scripts/generate.ts"),
      `--spec=${file}`,
      `--target=${target}`,
      "--write",
    ],
    {
      encoding: "utf8",
    },
  );
  expect(run.status, run.stderr).toBe(0);
  return { spec: file, openapiTypescript: target };
}

/** The schema the 200 of createCheckoutSession refers to (a response-only object). */
const responseSchema = (spec: Spec): string =>
  (spec.paths["/checkout-sessions"]!.post.responses["200"].content["application/json"].schema.$ref as string)
    .split("/")
    .pop()!;

/**
 * Gives every schema without a type a string type, and every object without properties (or with
 * `additionalProperties: true`) string values: what a fixed spec says for each field.
 */
function harden(schema: unknown): void {
  if (Array.isArray(schema)) {
    for (const each of schema) {
      harden(each);
    }
    return;
  }
  if (!schema || typeof schema !== "object") {
    return;
  }
  const s = schema as Schema;
  const shaped = ["type", "$ref", "oneOf", "anyOf", "allOf", "const", "enum", "not"].some((key) => key in s);
  if (!shaped) {
    s.type = "string";
  }
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (
    types.includes("object") &&
    !s.properties &&
    (s.additionalProperties === undefined || s.additionalProperties === true)
  ) {
    s.additionalProperties = { type: "string", maxLength: 255 };
  }
  for (const key of ["items", "additionalProperties", "not"]) {
    if (s[key] && typeof s[key] === "object") {
      harden(s[key]);
    }
  }
  for (const key of ["oneOf", "anyOf", "allOf"]) {
    if (Array.isArray(s[key])) {
      harden(s[key]);
    }
  }
  if (s.properties) {
    for (const property of Object.values(s.properties)) {
      harden(property);
    }
  }
}

describe("generator-output", () => {
  it("fails on a property `type: object` with no properties and one with no type, naming both for each generator", async () => {
    const spec = bundled();
    const schema = responseSchema(spec);
    spec.components.schemas[schema]!.properties.planted_bag = {
      type: "object",
      description: "An object with nothing said about it.",
    };
    spec.components.schemas[schema]!.properties.planted_any = { description: "A value with no type." };
    const result = await generatorOutput(generated("loose", spec));
    expect(result.ok).toBe(false);
    const [heyApi, openapiTypescript] = result.output.split(/\n(?=[✖✓] openapi-typescript)/);
    expect(heyApi).toContain(`${schema}.planted_bag[key: string]: unknown`);
    expect(heyApi).toContain(`${schema}.planted_any: unknown`);
    expect(openapiTypescript).toContain(`${schema}.planted_bag: Record<string, never>`);
    expect(openapiTypescript).toContain(`${schema}.planted_any: unknown`);
  });

  it("passes on the same copy with every field given what it holds", async () => {
    const spec = bundled();
    const schema = responseSchema(spec);
    spec.components.schemas[schema]!.properties.planted_bag = {
      type: "object",
      description: "Tags.",
      additionalProperties: { type: "string" },
    };
    spec.components.schemas[schema]!.properties.planted_any = { type: "string", description: "A note." };
    for (const each of Object.values(spec.components.schemas)) {
      harden(each);
    }
    const result = await generatorOutput(generated("hardened", spec));
    expect(result.output).not.toContain("planted_");
    expect(result.output).toMatch(/✓ hey-api .*: 0 field/);
    expect(result.output).toMatch(/✓ openapi-typescript .*: 0 field/);
    expect(result.ok).toBe(true);
  });

  it("names what it finds by schema and property, and allows openapi-typescript's catch-alls by name", () => {
    const heyApi = [
      "export type Proposal = { id: string; deleted_at?: DeletedAt; metadata?: { [key: string]: unknown }; closed?: { [key: string]: never }; list?: Array<unknown> };",
      "export type DeletedAt = string | { [key: string]: unknown } | null;",
    ].join("\n");
    expect(
      looseMembers(heyApi, "hey-api").map((l) => `${l.path}: ${l.type}${l.usedBy.length ? ` < ${l.usedBy}` : ""}`),
    ).toEqual([
      "Proposal.metadata[key: string]: unknown",
      "Proposal.closed: { [key: string]: never }",
      "Proposal.list: Array<unknown>",
      "DeletedAt[key: string]: unknown < Proposal.deleted_at",
    ]);
    const openapiTypescript = [
      "export type webhooks = Record<string, never>;",
      "export interface components { schemas: { Proposal: { deleted_at?: components['schemas']['DeletedAt']; ok?: string }; DeletedAt: string | Record<string, never> | null };",
      "  responses: { BadRequest: { headers: { 'X-Request-Id': string; [name: string]: unknown } } } }",
    ].join("\n");
    expect(
      looseMembers(openapiTypescript, "openapi-typescript").map(
        (l) => `${l.path}: ${l.type}${l.usedBy.length ? ` < ${l.usedBy}` : ""}`,
      ),
    ).toEqual([
      "webhooks: Record<string, never>",
      "DeletedAt: string | Record<string, never> | null < Proposal.deleted_at",
      "components.responses.BadRequest.headers[name: string]: unknown",
    ]);
  });
});
