// The types generator, rendered in-process (scripts/render-schema.ts): it gives
// the committed schema.ts for the bundled spec, and follows the spec it is given.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { generatedHeader } from "@billing-api/build-helpers/generated-file";
import type { OpenAPI3 } from "openapi-typescript";
import { describe, expect, it } from "vitest";
import { renderSchema } from "../scripts/render-schema.ts";

const require = createRequire(import.meta.url);
const SPEC = require.resolve("@billing-api/openapi/openapi.json");
const HEADER = generatedHeader("openapi/dist/openapi.json", "packages/types/scripts/generate.ts");

// openapi-typescript on the whole spec: about a second of CPU idle; the limit is for a machine four times oversubscribed.
const RENDER = { timeout: 120_000 };

describe("renderSchema", () => {
  it("renders the committed schema.ts from the bundled spec", RENDER, async () => {
    const committed = readFileSync(new URL("../src/generated/schema.ts", import.meta.url), "utf8");
    expect(await renderSchema(new URL(`file://${SPEC}`), HEADER)).toBe(committed);
  });

  it("gives each component of the spec it is given a named alias", RENDER, async () => {
    const spec = JSON.parse(readFileSync(SPEC, "utf8")) as OpenAPI3 & {
      components: { schemas: Record<string, unknown> };
    };
    spec.components.schemas.RenderProbe = { type: "object", properties: { note: { type: "string" } } };
    const rendered = await renderSchema(spec, HEADER);
    expect(rendered).toContain("export type RenderProbe = components['schemas']['RenderProbe'];");
  });
});
