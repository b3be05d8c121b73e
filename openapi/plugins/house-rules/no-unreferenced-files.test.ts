import { beforeAll, describe, expect, it } from "vitest";
import { document, type Finding, LINT_LIMIT_MS, lintWithRule } from "./lint-fixtures.ts";

const thing = { type: "object", properties: { name: { type: "string" } } };
const paths = { "/things": { $ref: "paths/things.yaml" } };
const pathItem = {
  get: {
    operationId: "listThings",
    responses: {
      "200": {
        description: "The things.",
        content: { "application/json": { schema: { $ref: "../components/schemas/Thing.yaml" } } },
      },
    },
  },
};

let found: Record<string, Finding[]>;
beforeAll(async () => {
  found = await lintWithRule("no-unreferenced-files", {
    referenced: {
      "openapi.yaml": document(paths),
      "paths/things.yaml": pathItem,
      "components/schemas/Thing.yaml": thing,
    },
    stray: {
      "openapi.yaml": document(paths),
      "paths/things.yaml": pathItem,
      "components/schemas/Thing.yaml": thing,
      "components/schemas/Stray.yaml": thing,
      "paths/refunds.yaml": pathItem,
    },
  });
}, LINT_LIMIT_MS);

describe("house/no-unreferenced-files", () => {
  it("passes when every file under paths/ and components/ is reached through $refs", () => {
    expect(found.referenced).toEqual([]);
  });

  it("names each file nothing references, on the root document", () => {
    expect(found.stray).toEqual([
      {
        message:
          "components/schemas/Stray.yaml is not referenced from openapi.yaml (directly or through other files): reference it, or delete it.",
        file: "openapi.yaml",
        pointer: "#/",
      },
      {
        message:
          "paths/refunds.yaml is not referenced from openapi.yaml (directly or through other files): reference it, or delete it.",
        file: "openapi.yaml",
        pointer: "#/",
      },
    ]);
  });
});
