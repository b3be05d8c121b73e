// Generates src/generated/operations.ts from the bundled spec: one exported
// function per operationId (HTTP method and path) and the production server URL.
// The client's methods are built from them; none is written by hand.
// Without --write it only checks that the committed file is current.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generatedHeader, parseGeneratorArgs, writeOrCheck } from "@billing-api/build-helpers/generated-file";
import { type GeneratorSpec, ownExportsOf, renderOperations } from "./render-operations.ts";

const { write, target: targetOverride, spec: specFile } = parseGeneratorArgs();
const specUrl = specFile
  ? pathToFileURL(resolve(specFile))
  : new URL(import.meta.resolve("@billing-api/openapi/openapi.json"));
const target = targetOverride ?? fileURLToPath(new URL("../src/generated/operations.ts", import.meta.url));
const spec: GeneratorSpec = JSON.parse(await readFile(specUrl, "utf8"));

let content: string;
try {
  content = renderOperations(
    spec,
    ownExportsOf(fileURLToPath(new URL("../src/", import.meta.url))),
    generatedHeader("openapi/dist/openapi.json", "packages/client/scripts/generate.ts"),
  );
} catch (error) {
  // A reason and what to do, never a stack trace.
  console.error(`✖ ${(error as Error).message}`);
  process.exit(1);
}
await writeOrCheck(target, content, { write });
