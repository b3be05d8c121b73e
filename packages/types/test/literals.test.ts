// The literal types follow the spec's values, read from the spec: every enum
// schema's alias is exactly the union of its values, and every tagged union's
// tag is exactly the union of its variants' `const`s, as the TypeScript
// compiler sees the generated types. A renamed or removed value changes what
// the test expects along with the spec, so no test restates a value by hand.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
type Schema = Record<string, any>;
const spec = require("@billing-api/openapi/openapi.json") as { components: { schemas: Record<string, Schema> } };
const resolve = (schema: Schema): Schema =>
  typeof schema.$ref === "string" ? spec.components.schemas[schema.$ref.replace("#/components/schemas/", "")]! : schema;

const entry = fileURLToPath(new URL("../src/index.ts", import.meta.url));
const program = ts.createProgram([entry], {
  strict: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  noEmit: true,
});
const checker = program.getTypeChecker();
const exported = new Map(
  checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!).map((s) => [s.getName(), s]),
);

/** The string literals a type is the union of; a type that is not made of literals alone is named instead. */
function literals(type: ts.Type): string[] {
  const members = type.isUnion() ? type.types : [type];
  return members
    .map((member) => (member.isStringLiteral() ? member.value : `<${checker.typeToString(member)}>`))
    .sort();
}
const aliasType = (name: string) => checker.getDeclaredTypeOfSymbol(exported.get(name)!);

const enums = Object.entries(spec.components.schemas)
  .filter(([, schema]) => Array.isArray(schema.enum))
  .map(([name, schema]) => ({ name, values: (schema.enum as string[]).slice().sort() }));

const tagged = Object.entries(spec.components.schemas)
  .filter(([, schema]) => schema.discriminator?.propertyName && Array.isArray(schema.oneOf))
  .map(([name, schema]) => ({
    name,
    tag: schema.discriminator.propertyName as string,
    values: (schema.oneOf as Schema[])
      .map((branch) => resolve(branch).properties[schema.discriminator.propertyName].const as string)
      .sort(),
  }));

describe("literal types follow the spec", () => {
  it("finds enums and tagged unions to check", () => {
    expect(enums.length).toBeGreaterThan(0);
    expect(tagged.length).toBeGreaterThan(0);
  });

  it.each(enums)("$name is exactly the union of its enum values", ({ name, values }) => {
    expect(exported.has(name), `@billing-api/types exports ${name}`).toBe(true);
    expect(literals(aliasType(name))).toEqual(values);
  });

  it.each(tagged)("$name's $tag is exactly the union of its variants' tags", ({ name, tag, values }) => {
    const property = checker.getPropertyOfType(aliasType(name), tag) ?? aliasType(name).getProperty(tag);
    expect(property, `${name} has a ${tag}`).toBeDefined();
    const union = aliasType(name).isUnion() ? (aliasType(name) as ts.UnionType).types : [aliasType(name)];
    const tags = union.flatMap((variant) =>
      literals(checker.getTypeOfSymbol(checker.getPropertyOfType(variant, tag)!)),
    );
    expect([...new Set(tags)].sort()).toEqual(values);
  });
});
