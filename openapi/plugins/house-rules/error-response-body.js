import { reportOnce, resolveAt } from "./visitor.js";

/** @typedef {import("./visitor.js").SpecNode} SpecNode */
/** @typedef {import("./visitor.js").Context} Context */

/**
 * house/error-response-body: every error response (4xx, 5xx) is the API's
 * ErrorBody with an example of its own (no two statuses share one), and a 429
 * says when to retry (Retry-After).
 */
export default function ErrorResponseBody() {
  /** @type {Map<string, string>} example text -> status that uses it */
  const exampleOf = new Map();
  /** @type {Set<string>} */
  const said = new Set();
  return {
    /** @param {SpecNode} operation @param {Context} operationCtx */
    Operation(operation, operationCtx) {
      for (const [status, raw] of Object.entries(operation.responses ?? {})) {
        if (Number(status) < 400) {
          continue;
        }
        const { node: response, location: where } = resolveAt(
          operationCtx,
          raw,
          operationCtx.location.child(["responses", status]),
        );
        if (!response) {
          continue;
        }
        // A response component shared by many operations is reported once.
        const report = reportOnce(operationCtx, said);
        const media = response.content?.["application/json"];
        if (!/(^|\/)(ErrorBody\.yaml|ErrorBody)$/.test(media?.schema?.$ref ?? "")) {
          report(`The ${status} response must have the ErrorBody schema.`, where);
        }
        const from = where.source.absoluteRef;
        const examples = Object.values(media?.examples ?? {}).map(
          (/** @type {unknown} */ example) => operationCtx.resolve(example, from).node?.value,
        );
        if (!examples.length) {
          report(`The ${status} response needs an example.`, where);
        } else {
          const text = JSON.stringify(examples[0]);
          const other = exampleOf.get(text);
          if (other !== undefined && other !== status) {
            report(`The ${status} response reuses the example of ${other}: give each status its own.`, where);
          } else {
            exampleOf.set(text, status);
          }
        }
        if (status === "429" && !Object.hasOwn(response.headers ?? {}, "Retry-After")) {
          report("A 429 response must say when to retry, with a Retry-After header.", where);
        }
      }
    },
  };
}
