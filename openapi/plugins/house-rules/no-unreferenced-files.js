import { basename, dirname, join, relative } from "node:path";
import { filesUnder } from "./visitor.js";

/** @typedef {import("./visitor.js").SpecNode} SpecNode */
/** @typedef {import("./visitor.js").Resolved} Resolved */
/** @typedef {import("./visitor.js").Context} Context */

/**
 * house/no-unreferenced-files: every file under paths/ and components/ is
 * reached from the root document by `$ref`s. A file nothing references is
 * never bundled, linted or served, so it is an error, not a silent pass.
 */
export default function NoUnreferencedFiles() {
  /** @type {Set<string>} */
  const reached = new Set();
  let root = "";
  return {
    Root: {
      /** @param {SpecNode} _ @param {Context} ctx */
      enter(_, ctx) {
        root = ctx.location.source.absoluteRef;
        reached.add(root);
      },
      /** @param {SpecNode} _ @param {Context} ctx */
      leave(_, ctx) {
        const dir = dirname(root);
        for (const file of [...filesUnder(join(dir, "paths")), ...filesUnder(join(dir, "components"))].sort()) {
          if (reached.has(file)) {
            continue;
          }
          ctx.report({
            message: `${relative(dir, file)} is not referenced from ${basename(root)} (directly or through other files): reference it, or delete it.`,
            location: ctx.location,
          });
        }
      },
    },
    ref: {
      /** @param {SpecNode} _ @param {Context} __ @param {Resolved} resolved */
      leave(_, __, resolved) {
        if (resolved?.location) {
          reached.add(resolved.location.source.absoluteRef);
        }
      },
    },
  };
}
