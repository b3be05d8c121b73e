// Generates src/generated/operations.ts from the bundled spec: one exported
// function per operationId (HTTP method and path) and the production server URL.
// The client's methods are built from them; none is written by hand.
// Without --write it only checks that the committed file is current.
import { readdir, readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generatedHeader, parseGeneratorArgs, writeOrCheck } from "@billing-api/build-helpers/generated-file";
import { readSpec } from "@billing-api/openapi/reader";

const { write, target: targetOverride, spec: specFile } = parseGeneratorArgs();
const specUrl = specFile
  ? pathToFileURL(resolve(specFile))
  : new URL(import.meta.resolve("@billing-api/openapi/openapi.json"));
const target = targetOverride ?? fileURLToPath(new URL("../src/generated/operations.ts", import.meta.url));
const spec: { servers?: { url: string }[] } & Parameters<typeof readSpec>[0] = JSON.parse(
  await readFile(specUrl, "utf8"),
);

const operations = readSpec(spec).operations.map((op) => ({
  ...op,
  operationId: op.id,
  method: op.method.toUpperCase(),
}));

// Each operation becomes an export of the package, named after its operationId:
// it must be an identifier, and no name the client's own modules export.
const srcDir = new URL("../src/", import.meta.url);
const ownExports = new Set<string>();
for (const file of (await readdir(srcDir)).filter((name) => name.endsWith(".ts"))) {
  const text = await readFile(new URL(file, srcDir), "utf8");
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
const content =
  generatedHeader("openapi/dist/openapi.json", "packages/client/scripts/generate.ts") +
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
`;
await writeOrCheck(target, content, { write });
