import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const spec = require("@billing-api/openapi/openapi.json") as { components: { schemas: Record<string, unknown> } };
const generated = readFileSync(new URL("../src/generated/schema.ts", import.meta.url), "utf8");

describe("@billing-api/types", () => {
  it("marks the generated file as generated, with the command that regenerates it", () => {
    expect(generated.startsWith("/**\n * @generated")).toBe(true);
    expect(generated).toContain("`pnpm generate`");
  });

  it.each(Object.keys(spec.components.schemas))("exports a named alias for the %s schema", (name) => {
    expect(generated).toContain(`export type ${name} = components['schemas']['${name}'];`);
  });
});
