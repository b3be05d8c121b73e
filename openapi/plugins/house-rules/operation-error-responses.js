import { parametersOf } from "./visitor.js";

/** @typedef {import("./visitor.js").SpecNode} SpecNode */
/** @typedef {import("./visitor.js").Context} Context */
/** @typedef {import("./visitor.js").Parents} Parents */

/**
 * house/operation-error-responses: every operation declares 400, 401, 403,
 * 422, 429 and 500; 404 when its path names a resource (a path parameter);
 * 413 and 415 when it takes a body.
 */
export default function OperationErrorResponses() {
  return {
    PathItem: {
      /** @param {SpecNode} operation @param {Context} ctx @param {Parents} parents */
      Operation(operation, ctx, parents) {
        const parameters = parametersOf(operation, parents.PathItem, ctx);
        const expected = ["400", "401", "403", "422", "429", "500"];
        if (parameters.some((p) => p.in === "path")) {
          expected.push("404");
        }
        if (operation.requestBody) {
          expected.push("413", "415");
        }
        const missing = expected.filter((status) => !Object.hasOwn(operation.responses ?? {}, status));
        if (missing.length) {
          ctx.report({
            message: `${operation.operationId ?? "The operation"} must declare ${missing.join(", ")}.`,
            location: ctx.location.child(["responses"]).key(),
          });
        }
      },
    },
  };
}
