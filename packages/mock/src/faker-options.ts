// The options of the json-schema-faker that Prism's generator uses, for dynamic answers.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * Dynamic answers fill every optional field; at most two items per array keep
 * them varied but small (a proposal nests a dozen levels of bounded arrays).
 * They invent no field the spec does not document (`fillProperties: false`):
 * response schemas are open to additions, and json-schema-faker would otherwise
 * add random properties to every open object. Called once Prism is loaded, since
 * loading it sets Prism's own options.
 */
export function setFakerOptions(): void {
  const prismRequire = createRequire(require.resolve("@stoplight/prism-http"));
  const jsf = prismRequire("json-schema-faker") as {
    JSONSchemaFaker: { option(options: { maxItems: number; fillProperties: boolean }): void };
  };
  jsf.JSONSchemaFaker.option({ maxItems: 2, fillProperties: false });
}
