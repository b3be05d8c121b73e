// Checks the bundled spec against the request and response examples of the
// reference pages it is built from (test/fixtures/seeds/): every field of every
// example must exist in the spec, with a type the spec allows.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Node, resolve, spec } from "./bundle.ts";
import { checkValue, countFieldPaths, type JsonSchema } from "./schema-walker.ts";

interface Fixture {
  operationId: string;
  method: string;
  path: string;
  kind: "request" | "response";
  status: number | null;
}

const SEEDS = new URL("./fixtures/seeds/", import.meta.url);

const manifest = JSON.parse(readFileSync(new URL("manifest.json", SEEDS), "utf8")) as Record<string, Fixture>;
const readFixture = (file: string): unknown => JSON.parse(readFileSync(new URL(file, SEEDS), "utf8"));

/** The schema a fixture is checked against; throws, saying what is missing, if the spec lacks it. */
function schemaFor(fixture: Fixture): JsonSchema {
  const operationName = `operation ${fixture.method} ${fixture.path}`;
  // Path templates match whatever their parameters are called.
  const template = (path: string) => path.replace(/\{[^}]*\}/g, "{}");
  const pathKey = Object.keys(spec.paths ?? {}).find((p) => template(p) === template(fixture.path));
  const operation = pathKey === undefined ? undefined : spec.paths[pathKey][fixture.method.toLowerCase()];
  if (!operation) {
    throw new Error(`${operationName} is not in the spec`);
  }
  if (operation.operationId !== fixture.operationId) {
    throw new Error(
      `${operationName} has operationId ${operation.operationId}, the seed page calls it ${fixture.operationId}`,
    );
  }

  const holder =
    fixture.kind === "request"
      ? resolve(operation.requestBody as Node | undefined)
      : resolve(operation.responses?.[String(fixture.status)] as Node | undefined);
  const what = fixture.kind === "request" ? "request body" : `${fixture.status} response`;
  const schema = holder?.content?.["application/json"]?.schema as JsonSchema | undefined;
  if (schema === undefined) {
    throw new Error(`${operationName} has no application/json ${what} in the spec`);
  }
  return schema;
}

describe("the spec describes every field of the seed examples", () => {
  for (const [file, fixture] of Object.entries(manifest)) {
    it(`${fixture.operationId} ${fixture.kind}: every field exists with the right type`, () => {
      const value = readFixture(file);
      const { problems, checked } = checkValue(value, schemaFor(fixture), spec);
      console.info(`${file}: ${checked} field paths checked, ${problems.length} problems`);
      expect(checked).toBeGreaterThan(0);
      const report = `${file}: ${problems.length} field(s) the spec lacks or types differently:\n${problems.join("\n")}\n`;
      expect(problems, report).toHaveLength(0);
    });
  }

  // Guards against fixtures losing fields: the five pages hold 1,607 field paths
  // (properties and array elements), most of them in getCheckout's response.
  it("the seed fixtures hold at least 1,600 field paths", () => {
    const total = Object.keys(manifest).reduce((sum, file) => sum + countFieldPaths(readFixture(file)), 0);
    expect(total).toBeGreaterThanOrEqual(1600);
  });
});
