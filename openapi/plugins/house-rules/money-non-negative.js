import { resolveAt } from "./visitor.js";

/** @typedef {import("./visitor.js").SpecNode} SpecNode */
/** @typedef {import("./visitor.js").Context} Context */

/**
 * house/money-non-negative: a money amount (`value_in_cents`) says it is never
 * negative (`minimum: 0`) and bounded (`maximum`), so that no price, cap or
 * minimum spend can be sent below zero. A credit would be a schema of its own.
 */
export default function MoneyNonNegative() {
  return {
    SchemaProperties: {
      /** @param {SpecNode} properties @param {Context} ctx */
      enter(properties, ctx) {
        if (!Object.hasOwn(properties, "value_in_cents")) {
          return;
        }
        const { node: amount, location } = resolveAt(
          ctx,
          properties.value_in_cents,
          ctx.location.child(["value_in_cents"]),
        );
        if (
          amount &&
          (typeof amount.minimum !== "number" || amount.minimum < 0 || typeof amount.maximum !== "number")
        ) {
          ctx.report({
            message: "value_in_cents needs minimum: 0 and a maximum: money is never negative or unbounded.",
            location,
          });
        }
      },
    },
  };
}
