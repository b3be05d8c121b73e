import { basename, dirname, join, relative } from "node:path";
import { filesUnder } from "./visitor.js";

/** @typedef {import("./visitor.js").SpecNode} SpecNode */
/** @typedef {import("./visitor.js").Location} Location */
/** @typedef {import("./visitor.js").Context} Context */

/** What generators name after an operation (hey-api: `<Id>Data`, `<Id>Response`…; orval: `<Id>Body`, `<Id>Params`), lower-cased. */
const DERIVED_SUFFIXES = ["", "data", "error", "errors", "response", "responses", "body", "params"];

/**
 * house/schema-names: no schema under components/schemas is named like a type
 * that generators derive from an operationId (`CreateCheckoutResponse` for
 * `createCheckout`), whatever the case, so that no generator has to rename one
 * of the two (hey-api emitted `CreateCheckoutResponse2`).
 */
export default function SchemaNames() {
  /** @type {{ id: string, location: Location }[]} */
  const operations = [];
  let root = "";
  return {
    Root: {
      /** @param {SpecNode} _ @param {Context} ctx */
      enter(_, ctx) {
        root = ctx.location.source.absoluteRef;
      },
      /** @param {SpecNode} _ @param {Context} ctx */
      leave(_, ctx) {
        const dir = dirname(root);
        const schemas = new Map(
          filesUnder(join(dir, "components/schemas"))
            .filter((file) => file.endsWith(".yaml"))
            .map((file) => [basename(file, ".yaml").toLowerCase(), relative(dir, file)]),
        );
        for (const { id, location } of operations) {
          for (const suffix of DERIVED_SUFFIXES) {
            const file = schemas.get(id.toLowerCase() + suffix);
            if (!file) {
              continue;
            }
            const derived = `${id[0]?.toUpperCase()}${id.slice(1)}${suffix && suffix[0]?.toUpperCase() + suffix.slice(1)}`;
            ctx.report({
              message: `${file} is named like ${derived}, a type generators derive from operationId ${id}: rename the schema.`,
              location,
            });
          }
        }
      },
    },
    Operation: {
      /** @param {SpecNode} operation @param {Context} ctx */
      enter(operation, ctx) {
        if (typeof operation.operationId === "string") {
          operations.push({ id: operation.operationId, location: ctx.location.child(["operationId"]) });
        }
      },
    },
  };
}
