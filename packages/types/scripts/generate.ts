// Generates src/generated/schema.ts from the bundled spec with openapi-typescript.
// Without --write it only checks that the committed file is current.
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generatedHeader, parseGeneratorArgs, writeOrCheck } from "@billing-api/build-helpers/generated-file";
import { renderSchema } from "./render-schema.ts";

const { write, target: targetOverride, spec: specFile } = parseGeneratorArgs();
const specUrl = specFile
  ? pathToFileURL(resolve(specFile))
  : new URL(import.meta.resolve("@billing-api/openapi/openapi.json"));
const target = targetOverride ?? fileURLToPath(new URL("../src/generated/schema.ts", import.meta.url));

const content = await renderSchema(
  specUrl,
  generatedHeader("openapi/dist/openapi.json", "packages/types/scripts/generate.ts"),
);
await writeOrCheck(target, content, { write });
