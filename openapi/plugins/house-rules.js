// House rules of the spec that Redocly's configurable rules cannot express,
// as a Redocly plugin (see redocly.yaml), so that `pnpm lint` reports them.
import { readdirSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";

/** Every file under `dir`, recursively (none if it does not exist). */
function filesUnder(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
  } catch {
    return [];
  }
}

/**
 * house/no-unreferenced-files: every file under paths/ and components/ is
 * reached from the root document by `$ref`s. A file nothing references is
 * never bundled, linted or served, so it is an error, not a silent pass.
 */
function NoUnreferencedFiles() {
  const reached = new Set();
  let root;
  return {
    Root: {
      enter(_, ctx) {
        root = ctx.location.source.absoluteRef;
        reached.add(root);
      },
      leave(_, ctx) {
        const dir = dirname(root);
        for (const file of [...filesUnder(join(dir, "paths")), ...filesUnder(join(dir, "components"))].sort()) {
          if (reached.has(file)) continue;
          ctx.report({
            message: `${relative(dir, file)} is not referenced from ${basename(root)} (directly or through other files): reference it, or delete it.`,
            location: ctx.location,
          });
        }
      },
    },
    ref: {
      leave(_, __, resolved) {
        if (resolved?.location) reached.add(resolved.location.source.absoluteRef);
      },
    },
  };
}

export default function houseRules() {
  return {
    id: "house",
    rules: {
      oas3: {
        "no-unreferenced-files": NoUnreferencedFiles,
      },
    },
  };
}
