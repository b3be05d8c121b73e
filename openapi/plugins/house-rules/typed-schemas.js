/** @typedef {import("./visitor.js").SpecNode} SpecNode */
/** @typedef {import("./visitor.js").Context} Context */

/**
 * house/typed-schemas: every schema says what it holds (a type, a $ref, a
 * oneOf/anyOf/allOf, a const or an enum), and every object names its
 * properties or types the ones it does not name (`additionalProperties: {…}`),
 * so that no generator has to render a documented field as `unknown` or
 * `Record<string, never>`.
 */
export default function TypedSchemas() {
  return {
    Schema: {
      /** @param {SpecNode} schema @param {Context} ctx */
      enter(schema, ctx) {
        const typed =
          schema.type !== undefined ||
          schema.$ref ||
          schema.oneOf ||
          schema.anyOf ||
          schema.allOf ||
          schema.const !== undefined ||
          schema.enum;
        if (!typed) {
          ctx.report({
            message:
              "A schema needs a type (or a $ref, a oneOf/anyOf/allOf, a const or an enum): generators render an untyped one as unknown.",
            location: ctx.location,
          });
          return;
        }
        if (schema.additionalProperties === true) {
          ctx.report({
            message: "additionalProperties: true leaves the values untyped (unknown): give them a schema.",
            location: ctx.location.child(["additionalProperties"]),
          });
        }
        const isObject = [schema.type].flat().includes("object");
        const named = schema.properties && Object.keys(schema.properties).length > 0;
        const typedExtras = schema.additionalProperties && typeof schema.additionalProperties === "object";
        if (isObject && !named && !typedExtras && !schema.oneOf && !schema.anyOf && !schema.allOf) {
          ctx.report({
            message:
              "An object needs its properties (or an additionalProperties schema): generators render an empty one as Record<string, never>.",
            location: ctx.location,
          });
        }
      },
    },
  };
}
