// What the house rules share: the parts of Redocly's visitor API they use
// (checked by tsc with JSDoc; Redocly loads plugins with a plain import(), so
// the rules stay JavaScript), and walks over what an operation can carry.
import { readdirSync } from "node:fs";
import { join } from "node:path";

/** @typedef {Record<string, any>} SpecNode A node of the spec, as parsed YAML. */
/** @typedef {{ source: { absoluteRef: string }, pointer: string, child(path: (string | number)[]): Location, key(): Location }} Location */
/** @typedef {{ message: string, location: Location }} Problem */
/** @typedef {{ node: SpecNode | undefined, location?: Location }} Resolved */
/** @typedef {{ location: Location, key: string | number, report(problem: Problem): void, resolve(node: unknown, from?: string): Resolved }} Context */
/** @typedef {{ PathItem?: SpecNode }} Parents */

/**
 * Every file under `dir`, recursively (none if it does not exist).
 * @param {string} dir
 * @returns {string[]}
 */
export function filesUnder(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
  } catch {
    return [];
  }
}

/**
 * The parameters of an operation and of its path item, resolved.
 * @param {SpecNode} operation @param {SpecNode | undefined} pathItem @param {Context} ctx
 * @returns {SpecNode[]}
 */
export function parametersOf(operation, pathItem, ctx) {
  return [...(pathItem?.parameters ?? []), ...(operation.parameters ?? [])].map(
    (/** @type {unknown} */ p) => ctx.resolve(p).node ?? {},
  );
}

/**
 * `raw` resolved, with where it is written: where its `$ref` leads, or `at`
 * when it is written in place (Redocly's resolve answers the visited node's
 * location for a node without a `$ref`, not the node's own).
 * @param {Context} ctx @param {unknown} raw @param {Location} at
 * @returns {{ node: SpecNode | undefined, location: Location }}
 */
export function resolveAt(ctx, raw, at) {
  if (!raw || typeof raw !== "object" || !("$ref" in raw)) {
    return { node: /** @type {SpecNode | undefined} */ (raw), location: at };
  }
  const { node, location } = ctx.resolve(raw, at.source.absoluteRef);
  return { node, location: location ?? at };
}

/**
 * Calls `onSchema` on `raw` and on every schema inside it (properties, items,
 * additionalProperties, propertyNames, oneOf/anyOf/allOf branches), each
 * resolved and visited once per `seen`, with the location where it is written.
 * @param {SpecNode | undefined} raw @param {Location} location @param {Context} ctx @param {Set<SpecNode>} seen
 * @param {(schema: SpecNode, at: Location) => void} onSchema
 */
export function walkSchemas(raw, location, ctx, seen, onSchema) {
  const { node: schema, location: at } = resolveAt(ctx, raw, location);
  if (!schema || typeof schema !== "object" || seen.has(schema)) {
    return;
  }
  seen.add(schema);
  onSchema(schema, at);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    walkSchemas(property, at.child(["properties", name]), ctx, seen, onSchema);
  }
  for (const keyword of ["items", "additionalProperties", "propertyNames"]) {
    if (schema[keyword] && typeof schema[keyword] === "object") {
      walkSchemas(schema[keyword], at.child([keyword]), ctx, seen, onSchema);
    }
  }
  for (const keyword of ["oneOf", "anyOf", "allOf"]) {
    for (const [i, branch] of (schema[keyword] ?? []).entries()) {
      walkSchemas(branch, at.child([keyword, i]), ctx, seen, onSchema);
    }
  }
}

/**
 * Calls `onSchema` on every schema a request of `operation` can carry: its JSON
 * body and its parameters (the path item's too).
 * @param {SpecNode} operation @param {Context} ctx @param {Parents} parents @param {Set<SpecNode>} seen
 * @param {(schema: SpecNode, at: Location) => void} onSchema
 */
export function walkRequestSchemas(operation, ctx, parents, seen, onSchema) {
  if (operation.requestBody) {
    const { node: body, location: bodyAt } = resolveAt(ctx, operation.requestBody, ctx.location.child(["requestBody"]));
    const media = body?.content?.["application/json"];
    if (media?.schema) {
      walkSchemas(media.schema, bodyAt.child(["content", "application/json", "schema"]), ctx, seen, onSchema);
    }
  }
  // A parameter written in place on the path item is reported on the operation
  // that carries it: a visitor of an operation is given no location of its path item.
  const written = [
    ...(parents.PathItem?.parameters ?? []).map((/** @type {unknown} */ raw) => ({ raw, at: ctx.location })),
    ...(operation.parameters ?? []).map((/** @type {unknown} */ raw, /** @type {number} */ i) => ({
      raw,
      at: ctx.location.child(["parameters", i]),
    })),
  ];
  for (const { raw, at } of written) {
    const { node: parameter, location } = resolveAt(ctx, raw, at);
    if (parameter?.schema) {
      walkSchemas(parameter.schema, location.child(["schema"]), ctx, seen, onSchema);
    }
  }
}

/**
 * A `report` that says each problem once per place, however many operations
 * reach that place.
 * @param {Context} ctx @param {Set<string>} reported
 */
export const reportOnce = (ctx, reported) => (/** @type {string} */ message, /** @type {Location} */ at) => {
  const key = `${at.source.absoluteRef}#${at.pointer} ${message}`;
  if (reported.has(key)) {
    return;
  }
  reported.add(key);
  ctx.report({ message, location: at });
};
