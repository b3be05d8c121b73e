// Generates src/generated/operations.ts from the bundled spec: one entry per
// operationId (HTTP method and path) and the production server URL. The client's
// operation-style methods are built from this table; none is written by hand.
// Without --write it only checks that the committed file is current.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { readSpec } from "@billing-api/openapi/reader";
import { generatedHeader, parseGeneratorArgs, writeOrCheck } from "@billing-api/build-helpers/generated-file";

const { write, target: targetOverride } = parseGeneratorArgs();
const specUrl = new URL(import.meta.resolve("@billing-api/openapi/openapi.json"));
const target = targetOverride ?? fileURLToPath(new URL("../src/generated/operations.ts", import.meta.url));
const spec: { servers?: { url: string }[] } & Parameters<typeof readSpec>[0] = JSON.parse(await readFile(specUrl, "utf8"));

const operations = readSpec(spec).operations.map((op) => ({ ...op, operationId: op.id, method: op.method.toUpperCase() }));

const production = spec.servers?.[0]?.url;
if (!production) throw new Error("The spec has no servers: the client needs the first one as its default baseUrl.");

const comment = (op: (typeof operations)[number]) => `  /** ${op.summary} (\`${op.method} ${op.path}\`). */`;
const content =
  generatedHeader("openapi/dist/openapi.json", "packages/client/scripts/generate.ts") +
  `import type { OperationMethod } from "../operation-types.js";

/** The spec's first server: where the client sends requests unless given a \`baseUrl\`. */
export const DEFAULT_BASE_URL = ${JSON.stringify(production)};

/** Every operation of the spec, by operationId. */
export const OPERATIONS = {
${operations.map((op) => `  ${op.operationId}: { method: ${JSON.stringify(op.method)}, path: ${JSON.stringify(op.path)} },`).join("\n")}
} as const;

/** One method per operation: takes the parameters and body, returns the success body, throws typed errors. */
export interface OperationMethods {
${operations.map((op) => `${comment(op)}\n  ${op.operationId}: OperationMethod<${JSON.stringify(op.operationId)}>;`).join("\n")}
}
`;
await writeOrCheck(target, content, { write });
