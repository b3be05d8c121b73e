import { reportOnce, resolveAt, walkSchemas } from "./visitor.js";

/** @typedef {import("./visitor.js").SpecNode} SpecNode */
/** @typedef {import("./visitor.js").Context} Context */

/**
 * house/open-responses: no schema an answer can carry is closed to additions
 * (`additionalProperties: false` or `unevaluatedProperties: false`). Adding a
 * field to a response is not a breaking change, so a client that validates
 * answers must not break on one. The contract tests read answers strictly.
 */
export default function OpenResponses() {
  /** @type {Set<string>} */
  const reported = new Set();
  return {
    /** @param {SpecNode} operation @param {Context} ctx */
    Operation(operation, ctx) {
      const report = reportOnce(ctx, reported);
      const seen = new Set();
      for (const [status, raw] of Object.entries(operation.responses ?? {})) {
        const { node: response, location } = resolveAt(ctx, raw, ctx.location.child(["responses", status]));
        const at = location.child(["content", "application/json", "schema"]);
        walkSchemas(response?.content?.["application/json"]?.schema, at, ctx, seen, (schema, schemaAt) => {
          for (const keyword of ["additionalProperties", "unevaluatedProperties"]) {
            if (schema[keyword] === false) {
              report(
                `A schema an answer can carry must stay open to additions: remove ${keyword}: false (the contract tests read answers strictly).`,
                schemaAt,
              );
            }
          }
        });
      }
    },
  };
}
