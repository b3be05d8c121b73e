// The client generator's output, rendered in-process: one exported function per
// operationId (HTTP method and path) and the production server URL, from the
// bundled spec. scripts/generate.ts writes it; the tests call it directly.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readSpec } from "@billing-api/openapi/reader";

/** The bundled spec, as far as the generator reads it. */
export type GeneratorSpec = { servers?: { url: string }[] } & Parameters<typeof readSpec>[0];

/** The names the client's own modules in `srcDir` export: an operation may take none of them. */
export function ownExportsOf(srcDir: string): Set<string> {
  const ownExports = new Set<string>();
  for (const file of readdirSync(srcDir).filter((name) => name.endsWith(".ts"))) {
    const text = readFileSync(join(srcDir, file), "utf8");
    for (const [, name] of text.matchAll(
      /^export (?:declare )?(?:abstract )?(?:async )?(?:const|let|function|class|type|interface) (\w+)/gm,
    )) {
      ownExports.add(name!);
    }
    for (const [, list] of text.matchAll(/^export (?:type )?\{([^}]*)\}/gm)) {
      for (const item of list!.split(",")) {
        ownExports.add(
          item
            .replace(/^\s*type\s+/, "")
            .split(/\s+as\s+/)
            .pop()!
            .trim(),
        );
      }
    }
  }
  return ownExports;
}

/** operations.ts for `spec`: throws, naming the operation, on an operationId that cannot be one of the package's exports. */
export function renderOperations(spec: GeneratorSpec, ownExports: ReadonlySet<string>, header: string): string {
  const operations = readSpec(spec).operations.map((op) => ({
    ...op,
    operationId: op.id,
    method: op.method.toUpperCase(),
  }));

  for (const op of operations) {
    const where = `operationId "${op.operationId}" (${op.method} ${op.path})`;
    if (!/^[A-Za-z_$][\w$]*$/.test(op.operationId)) {
      throw new Error(
        `${where} is not a JavaScript identifier, and the client exports a function by that name: rename it in openapi/.`,
      );
    }
    if (ownExports.has(op.operationId)) {
      throw new Error(
        `${where} would collide with the client's own export \`${op.operationId}\`: rename the operation in openapi/.`,
      );
    }
  }

  const production = spec.servers?.[0]?.url;
  if (!production) {
    throw new Error("The spec has no servers: the client needs the first one as its default baseUrl.");
  }

  const comment = (op: (typeof operations)[number]) => `/** ${op.summary} (\`${op.method} ${op.path}\`). */`;
  return (
    header +
    `import { operation } from "../operation.js";
import type { OperationMethod } from "../operation-types.js";

/** The spec's first server: where the client sends requests unless given a \`baseUrl\`. */
export const DEFAULT_BASE_URL = ${JSON.stringify(production)};

// One function per operation, named by its operationId: \`await <operationId>(transport, { path, query, body })\`. Import only what you call.
${operations.map((op) => `${comment(op)}\nexport const ${op.operationId} = /* @__PURE__ */ operation(${JSON.stringify(op.operationId)}, ${JSON.stringify(op.method)}, ${JSON.stringify(op.path)});`).join("\n")}

/** Every operation of the spec, by operationId (each with its \`method\` and \`path\`). */
export const OPERATIONS = { ${operations.map((op) => op.operationId).join(", ")} };

/** One method per operation: takes the parameters and body, returns the success body, throws typed errors. */
export interface OperationMethods {
${operations.map((op) => `  ${comment(op)}\n  ${op.operationId}: OperationMethod<${JSON.stringify(op.operationId)}>;`).join("\n")}
}
`
  );
}
