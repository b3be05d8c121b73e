import { parametersOf } from "./visitor.js";

/** @typedef {import("./visitor.js").SpecNode} SpecNode */
/** @typedef {import("./visitor.js").Context} Context */
/** @typedef {import("./visitor.js").Parents} Parents */

const METHODS_WITH_EFFECTS = new Set(["post", "put", "patch", "delete"]);

/**
 * house/idempotency-key: every operation that changes something accepts an
 * optional Idempotency-Key header; an operation's own security, if any, is the
 * API's.
 */
export default function IdempotencyKey() {
  let rootSecurity = "[]";
  return {
    /** @param {SpecNode} root */
    Root(root) {
      rootSecurity = JSON.stringify(root.security ?? []);
    },
    PathItem: {
      /** @param {SpecNode} operation @param {Context} ctx @param {Parents} parents */
      Operation(operation, ctx, parents) {
        if (operation.security && JSON.stringify(operation.security) !== rootSecurity) {
          ctx.report({
            message: "An operation's security must be the API's (bearer token).",
            location: ctx.location.child(["security"]),
          });
        }
        if (!METHODS_WITH_EFFECTS.has(String(ctx.key))) {
          return;
        }
        const key = parametersOf(operation, parents.PathItem, ctx).find((p) => p.name === "Idempotency-Key");
        if (key?.in !== "header" || key.required) {
          ctx.report({
            message: `${operation.operationId ?? "The operation"} must accept an optional Idempotency-Key header.`,
            location: ctx.location.child(["parameters"]).key(),
          });
        }
      },
    },
  };
}
