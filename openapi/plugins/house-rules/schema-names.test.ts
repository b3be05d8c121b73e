import { beforeAll, describe, expect, it } from "vitest";
import { document, type Finding, LINT_LIMIT_MS, lintWithRule } from "./lint-fixtures.ts";

const schema = { type: "object", properties: { name: { type: "string" } } };
const withSchemaFiles = (...names: string[]) => ({
  "openapi.yaml": document({
    "/things": { get: { operationId: "getThing", responses: { "200": { description: "The thing." } } } },
  }),
  ...Object.fromEntries(names.map((name) => [`components/schemas/${name}.yaml`, schema])),
});

let found: Record<string, Finding[]>;
beforeAll(async () => {
  found = await lintWithRule("schema-names", {
    distinct: withSchemaFiles("Thing", "ThingList"),
    derived: withSchemaFiles("GetThingResponse", "getthingparams", "GetThing"),
  });
}, LINT_LIMIT_MS);

describe("house/schema-names", () => {
  it("passes schema names no generator derives from an operationId", () => {
    expect(found.distinct).toEqual([]);
  });

  it("reports each schema file named like a derived type, whatever the case, at the operationId", () => {
    const at = { file: "openapi.yaml", pointer: "#/paths/~1things/get/operationId" };
    expect(found.derived).toEqual([
      {
        message:
          "components/schemas/GetThing.yaml is named like GetThing, a type generators derive from operationId getThing: rename the schema.",
        ...at,
      },
      {
        message:
          "components/schemas/GetThingResponse.yaml is named like GetThingResponse, a type generators derive from operationId getThing: rename the schema.",
        ...at,
      },
      {
        message:
          "components/schemas/getthingparams.yaml is named like GetThingParams, a type generators derive from operationId getThing: rename the schema.",
        ...at,
      },
    ]);
  });
});
