// The types generator's output, rendered in-process: openapi-typescript on the
// bundled spec, with the options the package ships. scripts/generate.ts writes
// it; the tests call it directly.
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";

/** schema.ts for the spec at `spec` (a URL) or the spec itself, after `header`. */
export async function renderSchema(spec: URL | OpenAPI3, header: string): Promise<string> {
  const ast = await openapiTS(spec, {
    // Named aliases (`export type CheckoutSession = components["schemas"]["CheckoutSession"]`)
    // for every component, so users never index `components` by hand.
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    // A property with a default is still optional to send.
    defaultNonNullable: false,
    silent: true,
  });
  return header + astToString(ast);
}
