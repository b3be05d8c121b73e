import { reportOnce, walkRequestSchemas } from "./visitor.js";

/** @typedef {import("./visitor.js").SpecNode} SpecNode */
/** @typedef {import("./visitor.js").Context} Context */
/** @typedef {import("./visitor.js").Parents} Parents */

/**
 * house/request-bounds: every string a request can carry has a maxLength (or
 * an enum or a const: a format alone bounds nothing a parser reads first), every array a maxItems, every number a
 * minimum and a maximum, and every object either closed
 * (`additionalProperties: false`) or given a maxProperties, so that no request
 * is unbounded by its schema.
 */
export default function RequestBounds() {
  /** @type {Set<string>} */
  const reported = new Set();
  return {
    PathItem: {
      /** @param {SpecNode} operation @param {Context} ctx @param {Parents} parents */
      Operation(operation, ctx, parents) {
        const report = reportOnce(ctx, reported);
        walkRequestSchemas(operation, ctx, parents, new Set(), (schema, at) => {
          const types = [schema.type].flat();
          if (
            types.includes("string") &&
            schema.maxLength === undefined &&
            !schema.enum &&
            schema.const === undefined
          ) {
            report(
              "A string a request can carry needs a maxLength (or an enum or a const); a format alone does not bound it (10 for a date, 35 for a date-time).",
              at,
            );
          }
          if (types.includes("array") && schema.maxItems === undefined) {
            report("An array a request can carry needs a maxItems.", at);
          }
          if (
            (types.includes("integer") || types.includes("number")) &&
            (schema.maximum === undefined || schema.minimum === undefined) &&
            !schema.enum &&
            schema.const === undefined
          ) {
            report(
              "A number a request can carry needs a minimum and a maximum (the format's own range will do: 2147483647 for an int32, 2^53 − 1 otherwise).",
              at,
            );
          }
          if (
            (types.includes("object") || schema.properties) &&
            schema.additionalProperties !== false &&
            schema.maxProperties === undefined
          ) {
            report(
              "An object a request can carry needs a bound on its keys: additionalProperties: false, or a maxProperties when it stays open (an answer carries it too, or it is a map).",
              at,
            );
          }
        });
      },
    },
  };
}
