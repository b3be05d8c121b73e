import { reportOnce } from "./visitor.js";

/** @typedef {import("./visitor.js").SpecNode} SpecNode */
/** @typedef {import("./visitor.js").Location} Location */
/** @typedef {import("./visitor.js").Context} Context */

/** A property that holds ids: `id`, `<thing>_id`, `<thing>_ids`. */
const ID_PROPERTY = /^(id|[a-z0-9_]+_ids?)$/;

/**
 * house/id-schemas: every id (a property or path parameter named `id`,
 * `<thing>_id`, or a list `<thing>_ids`) is a `$ref` to a named id schema
 * (components/schemas/<Thing>Id, or <Thing>IdOrAlias) that has a pattern and a
 * maxLength, so that the same kind of id has one type everywhere.
 */
export default function IdSchemas() {
  /** @type {Set<string>} */
  const reported = new Set();
  /** @param {SpecNode | undefined} raw @param {Location} at @param {Context} ctx @param {string} name */
  function check(raw, at, ctx, name) {
    const report = reportOnce(ctx, reported);
    let target = raw;
    let where = at;
    if (raw?.oneOf) {
      target = raw.oneOf.find((/** @type {SpecNode} */ branch) => branch.type !== "null");
      where = at.child(["oneOf", raw.oneOf.indexOf(target)]);
    }
    if (name.endsWith("_ids")) {
      target = target?.items;
      where = where.child(["items"]);
    }
    const ref = typeof target?.$ref === "string" ? target.$ref : "";
    if (!/(^|\/)[A-Z][A-Za-z]*Id(OrAlias)?(\.yaml)?$/.test(ref)) {
      report(
        `${name} holds an id: make it a $ref to a named id schema (components/schemas/<Thing>Id.yaml) with a pattern.`,
        where,
      );
      return;
    }
    const { node: schema, location } = ctx.resolve(target, where.source.absoluteRef);
    if (schema && (typeof schema.pattern !== "string" || typeof schema.maxLength !== "number")) {
      report(`${ref} is an id schema: it needs a pattern and a maxLength.`, location ?? where);
    }
  }
  return {
    SchemaProperties: {
      /** @param {SpecNode} properties @param {Context} ctx */
      enter(properties, ctx) {
        for (const [name, property] of Object.entries(properties)) {
          if (ID_PROPERTY.test(name)) {
            check(property, ctx.location.child([name]), ctx, name);
          }
        }
      },
    },
    Parameter: {
      /** @param {SpecNode} parameter @param {Context} ctx */
      enter(parameter, ctx) {
        if (parameter.in === "path" && ID_PROPERTY.test(parameter.name ?? "")) {
          check(parameter.schema, ctx.location.child(["schema"]), ctx, parameter.name);
        }
      },
    },
  };
}
