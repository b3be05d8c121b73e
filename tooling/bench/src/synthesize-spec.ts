// Writes a synthetic, multi-file OpenAPI 3.1 spec shaped like openapi/: a root
// openapi.yaml whose paths point at one file per path, schemas, parameters and
// responses in one file each, and a redocly.yaml that lints it with
// recommended-strict plus the repo's house rules. Used to measure how the
// toolchain grows with the size of a spec.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { seededRandom } from "./stats.ts";
import { capitalize, type Document, parameterRef, STATUS_SETS, schemaRef, toYaml } from "./synthesize/common.ts";
import { cyclicExamples, cyclicProperties, cyclicResourceSchemas, cyclicSharedSchemas } from "./synthesize/cycles.ts";
import { OPERATION_ORDER, resourceOperations } from "./synthesize/operations.ts";
import { REDOCLY_CONFIG } from "./synthesize/redocly-config.ts";
import { reachableSchemas, referencedComponents } from "./synthesize/references.ts";
import { resourceExamples, resourceNames, resourceSchemas } from "./synthesize/resources.ts";
import { sharedHeaders, sharedParameters, sharedResponses, sharedSchemas } from "./synthesize/shared-components.ts";

/** Resource `index`'s records link to these resources' records (`cyclic`): the next one and the one three on, around a ring. */
const LINK_STEPS = [1, 3];

/**
 * Writes a deterministic synthetic OpenAPI 3.1 spec with exactly `operations`
 * operations into `dir`: openapi.yaml, paths/*.yaml, components/{schemas,
 * parameters,responses,headers,securitySchemes}/*.yaml and a redocly.yaml.
 * Resources get a get/list/create/update/delete family each, in that order.
 * With `cyclic`, records and create requests also hold recursive schemas
 * (a tree, rules of rules, a shared filter expression, a folder and its items,
 * a chain of aliases) and every record links to two other resources' records.
 *
 * @returns the root file, how many operations and schema files were written, and the total bytes written.
 */
export function synthesizeSpec({
  operations,
  dir,
  cyclic = false,
}: {
  operations: number;
  dir: string;
  cyclic?: boolean;
}): {
  root: string;
  operations: number;
  schemas: number;
  bytes: number;
} {
  if (!Number.isInteger(operations) || operations < 1) {
    throw new Error(`synthesizeSpec: operations must be a positive integer, got ${operations}`);
  }
  let bytes = 0;
  const write = (relativePath: string, document: unknown) => {
    const text = relativePath.endsWith(".yaml") ? toYaml(document) : (document as string);
    writeFileSync(join(dir, relativePath), text);
    bytes += Buffer.byteLength(text);
  };
  for (const folder of [
    "paths",
    "components/schemas",
    "components/parameters",
    "components/responses",
    "components/headers",
    "components/securitySchemes",
  ]) {
    mkdirSync(join(dir, folder), { recursive: true });
  }

  const definitions = new Map(Object.entries({ ...sharedSchemas(), ...(cyclic && cyclicSharedSchemas()) }));
  const pathFiles = new Map<string, Document>(); // path -> { parameters, [method]: operation }
  const tags: Document[] = [];
  const resourceCount = Math.ceil(operations / OPERATION_ORDER.length);
  for (let index = 0; index < resourceCount; index++) {
    const names = resourceNames(index);
    const random = seededRandom(index + 1);
    const statuses = STATUS_SETS[index % STATUS_SETS.length]!;
    const examples = resourceExamples(names, statuses, random);
    const schemas = resourceSchemas(names, statuses);
    if (cyclic) {
      const links = LINK_STEPS.map((step) => resourceNames((index + step) % resourceCount));
      Object.assign(schemas, cyclicResourceSchemas(names, links));
      const properties = cyclicProperties(names, links);
      Object.assign((schemas[names.pascal] as { properties: Document }).properties, properties.record);
      Object.assign(
        (schemas[`Create${names.pascal}Request`] as { properties: Document }).properties,
        properties.create,
      );
      const added = cyclicExamples(links, random);
      Object.assign(examples.create, added.create);
      Object.assign(examples.record, added.record);
      Object.assign(examples.updated, added.record);
    }
    const family = resourceOperations(names, statuses, examples);
    for (const [name, schema] of Object.entries(schemas)) {
      definitions.set(name, schema);
    }
    const kept = OPERATION_ORDER.slice(0, operations - index * OPERATION_ORDER.length);
    for (const kind of kept) {
      const { path, method, spec } = family[kind];
      if (!pathFiles.has(path)) {
        const parameters: Document[] = [parameterRef("CompanyId")];
        if (path === names.itemPath) {
          parameters.push({
            name: "id",
            in: "path",
            required: true,
            description: `The id of the ${names.singular}.`,
            schema: schemaRef(`${names.pascal}Id`),
            example: examples.record.id,
          });
        }
        pathFiles.set(path, { parameters });
      }
      pathFiles.get(path)![method] = spec;
    }
    tags.push({
      name: names.tag,
      description: `${capitalize(names.plural)} of a company: create them, read them, change them and delete them.`,
    });
  }

  const pathEntries: Record<string, { $ref: string }> = {};
  for (const [path, document] of pathFiles) {
    const fileName = `${path.slice(1).replaceAll("/", "_")}.yaml`;
    write(join("paths", fileName), document);
    pathEntries[path] = { $ref: `paths/${fileName}` };
  }
  const pathDocuments = [...pathFiles.values()];
  const allParameters = sharedParameters();
  const parameters = [...referencedComponents(pathDocuments, "parameters")].map(
    (name) => [name, allParameters[name]] as const,
  );
  for (const [name, parameter] of parameters) {
    write(`components/parameters/${name}.yaml`, parameter);
  }
  const allResponses = sharedResponses();
  const responses = [...referencedComponents(pathDocuments, "responses")].map(
    (name) => [name, allResponses[name]] as const,
  );
  for (const [name, response] of responses) {
    write(`components/responses/${name}.yaml`, response);
  }
  const allHeaders = sharedHeaders();
  for (const name of referencedComponents([pathDocuments, responses], "headers")) {
    write(`components/headers/${name}.yaml`, allHeaders[name]);
  }
  const usedSchemas = reachableSchemas(
    referencedComponents([pathDocuments, parameters, responses], "schemas"),
    definitions,
  );
  for (const name of [...usedSchemas].sort()) {
    write(`components/schemas/${name}.yaml`, definitions.get(name));
  }
  write("components/securitySchemes/bearerAuth.yaml", {
    type: "http",
    scheme: "bearer",
    description:
      "An API token sent as Authorization: Bearer <token>. A request without an accepted token is answered with 401.",
  });

  const root = "openapi.yaml";
  write(root, {
    openapi: "3.1.0",
    info: {
      title: "Synthetic billing API",
      version: "0.1.0",
      summary: `A generated spec with ${operations} operations over ${resourceCount} resources.`,
      description:
        "A spec written by tooling/bench/src/synthesize-spec.ts to measure how the toolchain grows with the size of a spec. Every error answers with the ErrorBody schema.",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: "https://api.billing.invalid/api/v1", description: "A placeholder host." }],
    security: [{ bearerAuth: [] }],
    tags,
    paths: pathEntries,
    components: { securitySchemes: { bearerAuth: { $ref: "components/securitySchemes/bearerAuth.yaml" } } },
  });
  write("redocly.yaml", REDOCLY_CONFIG);
  return { root: join(dir, root), operations, schemas: usedSchemas.size, bytes };
}
