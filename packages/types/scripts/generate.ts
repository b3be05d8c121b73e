// Generates src/generated/schema.ts from the bundled spec with openapi-typescript.
// Without --write it only checks that the committed file is current.
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generatedHeader, parseGeneratorArgs, writeOrCheck } from "@billing-api/build-helpers/generated-file";
import openapiTS, { astToString } from "openapi-typescript";

const { write, target: targetOverride, spec: specFile } = parseGeneratorArgs();
const specUrl = specFile
  ? pathToFileURL(resolve(specFile))
  : new URL(import.meta.resolve("@billing-api/openapi/openapi.json"));
const target = targetOverride ?? fileURLToPath(new URL("../src/generated/schema.ts", import.meta.url));

const ast = await openapiTS(specUrl, {
  // Named aliases (`export type CheckoutSession = components["schemas"]["CheckoutSession"]`)
  // for every component, so users never index `components` by hand.
  rootTypes: true,
  rootTypesNoSchemaPrefix: true,
  // A property with a default is still optional to send.
  defaultNonNullable: false,
  silent: true,
});

const content = generatedHeader("openapi/dist/openapi.json", "packages/types/scripts/generate.ts") + astToString(ast);
await writeOrCheck(target, content, { write });
