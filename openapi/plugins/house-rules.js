// House rules of the spec that Redocly's configurable rules cannot express,
// as a Redocly plugin (see redocly.yaml), so that `pnpm lint` reports them.
import { readdirSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";

// The parts of Redocly's visitor API these rules use (checked by tsc with JSDoc;
// Redocly loads plugins with a plain import(), so this file stays JavaScript).
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
function filesUnder(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
  } catch {
    return [];
  }
}

/**
 * house/no-unreferenced-files: every file under paths/ and components/ is
 * reached from the root document by `$ref`s. A file nothing references is
 * never bundled, linted or served, so it is an error, not a silent pass.
 */
function NoUnreferencedFiles() {
  /** @type {Set<string>} */
  const reached = new Set();
  let root = "";
  return {
    Root: {
      /** @param {SpecNode} _ @param {Context} ctx */
      enter(_, ctx) {
        root = ctx.location.source.absoluteRef;
        reached.add(root);
      },
      /** @param {SpecNode} _ @param {Context} ctx */
      leave(_, ctx) {
        const dir = dirname(root);
        for (const file of [...filesUnder(join(dir, "paths")), ...filesUnder(join(dir, "components"))].sort()) {
          if (reached.has(file)) continue;
          ctx.report({
            message: `${relative(dir, file)} is not referenced from ${basename(root)} (directly or through other files): reference it, or delete it.`,
            location: ctx.location,
          });
        }
      },
    },
    ref: {
      /** @param {SpecNode} _ @param {Context} __ @param {Resolved} resolved */
      leave(_, __, resolved) {
        if (resolved?.location) reached.add(resolved.location.source.absoluteRef);
      },
    },
  };
}

const METHODS_WITH_EFFECTS = new Set(["post", "put", "patch", "delete"]);

/**
 * The parameters of an operation and of its path item, resolved.
 * @param {SpecNode} operation @param {SpecNode | undefined} pathItem @param {Context} ctx
 * @returns {SpecNode[]}
 */
function parametersOf(operation, pathItem, ctx) {
  return [...(pathItem?.parameters ?? []), ...(operation.parameters ?? [])].map((/** @type {unknown} */ p) => ctx.resolve(p).node ?? {});
}

/**
 * house/operation-error-responses: every operation declares 400, 401, 403,
 * 422, 429 and 500; 404 when its path names a resource (a path parameter);
 * 413 and 415 when it takes a body.
 */
function OperationErrorResponses() {
  return {
    PathItem: {
      /** @param {SpecNode} operation @param {Context} ctx @param {Parents} parents */
      Operation(operation, ctx, parents) {
        const parameters = parametersOf(operation, parents.PathItem, ctx);
        const expected = ["400", "401", "403", "422", "429", "500"];
        if (parameters.some((p) => p.in === "path")) expected.push("404");
        if (operation.requestBody) expected.push("413", "415");
        const missing = expected.filter((status) => !Object.hasOwn(operation.responses ?? {}, status));
        if (missing.length)
          ctx.report({
            message: `${operation.operationId ?? "The operation"} must declare ${missing.join(", ")}.`,
            location: ctx.location.child(["responses"]).key(),
          });
      },
    },
  };
}

/**
 * house/error-response-body: every error response (4xx, 5xx) is the API's
 * ErrorBody with an example of its own (no two statuses share one), and a 429
 * says when to retry (Retry-After).
 */
function ErrorResponseBody() {
  /** @type {Map<string, string>} example text -> status that uses it */
  const exampleOf = new Map();
  /** @type {Set<string>} */
  const said = new Set();
  return {
    /** @param {SpecNode} operation @param {Context} operationCtx */
    Operation(operation, operationCtx) {
      for (const [status, raw] of Object.entries(operation.responses ?? {})) {
        if (Number(status) < 400) continue;
        const { node: response, location } = operationCtx.resolve(raw);
        if (!response) continue;
        const where = location ?? operationCtx.location.child(["responses", status]);
        // A response component shared by many operations is reported once.
        const report = reportOnce(operationCtx, said);
        const media = response.content?.["application/json"];
        if (!/(^|\/)(ErrorBody\.yaml|ErrorBody)$/.test(media?.schema?.$ref ?? "")) {
          report(`The ${status} response must have the ErrorBody schema.`, where);
        }
        const from = where.source.absoluteRef;
        const examples = Object.values(media?.examples ?? {}).map((/** @type {unknown} */ example) => operationCtx.resolve(example, from).node?.value);
        if (!examples.length) report(`The ${status} response needs an example.`, where);
        else {
          const text = JSON.stringify(examples[0]);
          const other = exampleOf.get(text);
          if (other !== undefined && other !== status) report(`The ${status} response reuses the example of ${other}: give each status its own.`, where);
          else exampleOf.set(text, status);
        }
        if (status === "429" && !Object.hasOwn(response.headers ?? {}, "Retry-After")) {
          report("A 429 response must say when to retry, with a Retry-After header.", where);
        }
      }
    },
  };
}

/**
 * house/idempotency-key: every operation that changes something accepts an
 * optional Idempotency-Key header; an operation's own security, if any, is the
 * API's.
 */
function IdempotencyKey() {
  let rootSecurity = "[]";
  return {
    /** @param {SpecNode} root */
    Root(root) {
      rootSecurity = JSON.stringify(root.security ?? []);
    },
    PathItem: {
      /** @param {SpecNode} operation @param {Context} ctx @param {Parents} parents */
      Operation(operation, ctx, parents) {
        if (operation.security && JSON.stringify(operation.security) !== rootSecurity) {
          ctx.report({ message: "An operation's security must be the API's (bearer token).", location: ctx.location.child(["security"]) });
        }
        if (!METHODS_WITH_EFFECTS.has(String(ctx.key))) return;
        const key = parametersOf(operation, parents.PathItem, ctx).find((p) => p.name === "Idempotency-Key");
        if (key?.in !== "header" || key.required) {
          ctx.report({
            message: `${operation.operationId ?? "The operation"} must accept an optional Idempotency-Key header.`,
            location: ctx.location.child(["parameters"]).key(),
          });
        }
      },
    },
  };
}

/**
 * Calls `onSchema` on `raw` and on every schema inside it (properties, items,
 * additionalProperties, propertyNames, oneOf/anyOf/allOf branches), each
 * resolved and visited once per `seen`, with the location where it is written.
 * @param {SpecNode | undefined} raw @param {Location} location @param {Context} ctx @param {Set<SpecNode>} seen
 * @param {(schema: SpecNode, at: Location) => void} onSchema
 */
function walkSchemas(raw, location, ctx, seen, onSchema) {
  const { node: schema, location: resolvedAt } = raw?.$ref ? ctx.resolve(raw, location.source.absoluteRef) : { node: raw, location };
  const at = resolvedAt ?? location;
  if (!schema || typeof schema !== "object" || seen.has(schema)) return;
  seen.add(schema);
  onSchema(schema, at);
  for (const [name, property] of Object.entries(schema.properties ?? {})) walkSchemas(property, at.child(["properties", name]), ctx, seen, onSchema);
  for (const keyword of ["items", "additionalProperties", "propertyNames"]) {
    if (schema[keyword] && typeof schema[keyword] === "object") walkSchemas(schema[keyword], at.child([keyword]), ctx, seen, onSchema);
  }
  for (const keyword of ["oneOf", "anyOf", "allOf"]) {
    for (const [i, branch] of (schema[keyword] ?? []).entries()) walkSchemas(branch, at.child([keyword, i]), ctx, seen, onSchema);
  }
}

/**
 * Calls `onSchema` on every schema a request of `operation` can carry: its JSON
 * body and its parameters (the path item's too).
 * @param {SpecNode} operation @param {Context} ctx @param {Parents} parents @param {Set<SpecNode>} seen
 * @param {(schema: SpecNode, at: Location) => void} onSchema
 */
function walkRequestSchemas(operation, ctx, parents, seen, onSchema) {
  if (operation.requestBody) {
    const { node: body, location } = ctx.resolve(operation.requestBody);
    const bodyAt = location ?? ctx.location.child(["requestBody"]);
    const media = body?.content?.["application/json"];
    if (media?.schema) walkSchemas(media.schema, bodyAt.child(["content", "application/json", "schema"]), ctx, seen, onSchema);
  }
  for (const raw of [...(parents.PathItem?.parameters ?? []), ...(operation.parameters ?? [])]) {
    const { node: parameter, location } = ctx.resolve(raw);
    if (parameter?.schema && location) walkSchemas(parameter.schema, location.child(["schema"]), ctx, seen, onSchema);
  }
}

/**
 * A `report` that says each problem once per place, however many operations
 * reach that place.
 * @param {Context} ctx @param {Set<string>} reported
 */
const reportOnce = (ctx, reported) => (/** @type {string} */ message, /** @type {Location} */ at) => {
  const key = `${at.source.absoluteRef}#${at.pointer} ${message}`;
  if (reported.has(key)) return;
  reported.add(key);
  ctx.report({ message, location: at });
};

/**
 * house/request-bounds: every string a request can carry has a maxLength (or
 * an enum or a const: a format alone bounds nothing a parser reads first), every array a maxItems, every number a
 * minimum and a maximum, and every object either closed
 * (`additionalProperties: false`) or given a maxProperties, so that no request
 * is unbounded by its schema.
 */
function RequestBounds() {
  /** @type {Set<string>} */
  const reported = new Set();
  return {
    PathItem: {
      /** @param {SpecNode} operation @param {Context} ctx @param {Parents} parents */
      Operation(operation, ctx, parents) {
        const report = reportOnce(ctx, reported);
        walkRequestSchemas(operation, ctx, parents, new Set(), (schema, at) => {
          const types = [schema.type].flat();
          if (types.includes("string") && schema.maxLength === undefined && !schema.enum && schema.const === undefined)
            report(
              "A string a request can carry needs a maxLength (or an enum or a const); a format alone does not bound it (10 for a date, 35 for a date-time).",
              at,
            );
          if (types.includes("array") && schema.maxItems === undefined) report("An array a request can carry needs a maxItems.", at);
          if (
            (types.includes("integer") || types.includes("number")) &&
            (schema.maximum === undefined || schema.minimum === undefined) &&
            !schema.enum &&
            schema.const === undefined
          )
            report(
              "A number a request can carry needs a minimum and a maximum (the format's own range will do: 2147483647 for an int32, 2^53 − 1 otherwise).",
              at,
            );
          if ((types.includes("object") || schema.properties) && schema.additionalProperties !== false && schema.maxProperties === undefined)
            report(
              "An object a request can carry needs a bound on its keys: additionalProperties: false, or a maxProperties when it stays open (an answer carries it too, or it is a map).",
              at,
            );
        });
      },
    },
  };
}

/**
 * house/open-responses: no schema an answer can carry is closed to additions
 * (`additionalProperties: false` or `unevaluatedProperties: false`). Adding a
 * field to a response is not a breaking change, so a client that validates
 * answers must not break on one. The contract tests read answers strictly.
 */
function OpenResponses() {
  /** @type {Set<string>} */
  const reported = new Set();
  return {
    /** @param {SpecNode} operation @param {Context} ctx */
    Operation(operation, ctx) {
      const report = reportOnce(ctx, reported);
      const seen = new Set();
      for (const [status, raw] of Object.entries(operation.responses ?? {})) {
        const { node: response, location } = ctx.resolve(raw);
        const at = (location ?? ctx.location.child(["responses", status])).child(["content", "application/json", "schema"]);
        walkSchemas(response?.content?.["application/json"]?.schema, at, ctx, seen, (schema, schemaAt) => {
          for (const keyword of ["additionalProperties", "unevaluatedProperties"]) {
            if (schema[keyword] === false)
              report(
                `A schema an answer can carry must stay open to additions: remove ${keyword}: false (the contract tests read answers strictly).`,
                schemaAt,
              );
          }
        });
      }
    },
  };
}

/**
 * house/typed-schemas: every schema says what it holds (a type, a $ref, a
 * oneOf/anyOf/allOf, a const or an enum), and every object names its
 * properties or types the ones it does not name (`additionalProperties: {…}`),
 * so that no generator has to render a documented field as `unknown` or
 * `Record<string, never>`.
 */
function TypedSchemas() {
  return {
    Schema: {
      /** @param {SpecNode} schema @param {Context} ctx */
      enter(schema, ctx) {
        const typed = schema.type !== undefined || schema.$ref || schema.oneOf || schema.anyOf || schema.allOf || schema.const !== undefined || schema.enum;
        if (!typed) {
          ctx.report({
            message: "A schema needs a type (or a $ref, a oneOf/anyOf/allOf, a const or an enum): generators render an untyped one as unknown.",
            location: ctx.location,
          });
          return;
        }
        if (schema.additionalProperties === true)
          ctx.report({
            message: "additionalProperties: true leaves the values untyped (unknown): give them a schema.",
            location: ctx.location.child(["additionalProperties"]),
          });
        const isObject = [schema.type].flat().includes("object");
        const named = schema.properties && Object.keys(schema.properties).length > 0;
        const typedExtras = schema.additionalProperties && typeof schema.additionalProperties === "object";
        if (isObject && !named && !typedExtras && !schema.oneOf && !schema.anyOf && !schema.allOf)
          ctx.report({
            message: "An object needs its properties (or an additionalProperties schema): generators render an empty one as Record<string, never>.",
            location: ctx.location,
          });
      },
    },
  };
}

/** A property that holds ids: `id`, `<thing>_id`, `<thing>_ids`. */
const ID_PROPERTY = /^(id|[a-z0-9_]+_ids?)$/;

/**
 * house/id-schemas: every id (a property or path parameter named `id`,
 * `<thing>_id`, or a list `<thing>_ids`) is a `$ref` to a named id schema
 * (components/schemas/<Thing>Id, or <Thing>IdOrAlias) that has a pattern and a
 * maxLength, so that the same kind of id has one type everywhere.
 */
function IdSchemas() {
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
      report(`${name} holds an id: make it a $ref to a named id schema (components/schemas/<Thing>Id.yaml) with a pattern.`, where);
      return;
    }
    const { node: schema, location } = ctx.resolve(target, where.source.absoluteRef);
    if (schema && (typeof schema.pattern !== "string" || typeof schema.maxLength !== "number"))
      report(`${ref} is an id schema: it needs a pattern and a maxLength.`, location ?? where);
  }
  return {
    SchemaProperties: {
      /** @param {SpecNode} properties @param {Context} ctx */
      enter(properties, ctx) {
        for (const [name, property] of Object.entries(properties)) {
          if (ID_PROPERTY.test(name)) check(property, ctx.location.child([name]), ctx, name);
        }
      },
    },
    Parameter: {
      /** @param {SpecNode} parameter @param {Context} ctx */
      enter(parameter, ctx) {
        if (parameter.in === "path" && ID_PROPERTY.test(parameter.name ?? "")) check(parameter.schema, ctx.location.child(["schema"]), ctx, parameter.name);
      },
    },
  };
}

/** What generators name after an operation (hey-api: `<Id>Data`, `<Id>Response`…; orval: `<Id>Body`, `<Id>Params`), lower-cased. */
const DERIVED_SUFFIXES = ["", "data", "error", "errors", "response", "responses", "body", "params"];

/**
 * house/schema-names: no schema under components/schemas is named like a type
 * that generators derive from an operationId (`CreateCheckoutResponse` for
 * `createCheckout`), whatever the case, so that no generator has to rename one
 * of the two (hey-api emitted `CreateCheckoutResponse2`).
 */
function SchemaNames() {
  /** @type {{ id: string, location: Location }[]} */
  const operations = [];
  let root = "";
  return {
    Root: {
      /** @param {SpecNode} _ @param {Context} ctx */
      enter(_, ctx) {
        root = ctx.location.source.absoluteRef;
      },
      /** @param {SpecNode} _ @param {Context} ctx */
      leave(_, ctx) {
        const dir = dirname(root);
        const schemas = new Map(
          filesUnder(join(dir, "components/schemas"))
            .filter((file) => file.endsWith(".yaml"))
            .map((file) => [basename(file, ".yaml").toLowerCase(), relative(dir, file)]),
        );
        for (const { id, location } of operations) {
          for (const suffix of DERIVED_SUFFIXES) {
            const file = schemas.get(id.toLowerCase() + suffix);
            if (!file) continue;
            const derived = `${id[0]?.toUpperCase()}${id.slice(1)}${suffix && suffix[0]?.toUpperCase() + suffix.slice(1)}`;
            ctx.report({ message: `${file} is named like ${derived}, a type generators derive from operationId ${id}: rename the schema.`, location });
          }
        }
      },
    },
    Operation: {
      /** @param {SpecNode} operation @param {Context} ctx */
      enter(operation, ctx) {
        if (typeof operation.operationId === "string") operations.push({ id: operation.operationId, location: ctx.location.child(["operationId"]) });
      },
    },
  };
}

/**
 * house/money-non-negative: a money amount (`value_in_cents`) says it is never
 * negative (`minimum: 0`) and bounded (`maximum`), so that no price, cap or
 * minimum spend can be sent below zero. A credit would be a schema of its own.
 */
function MoneyNonNegative() {
  return {
    SchemaProperties: {
      /** @param {SpecNode} properties @param {Context} ctx */
      enter(properties, ctx) {
        if (!Object.hasOwn(properties, "value_in_cents")) return;
        const { node: amount, location } = ctx.resolve(properties.value_in_cents);
        if (amount && (typeof amount.minimum !== "number" || amount.minimum < 0 || typeof amount.maximum !== "number")) {
          ctx.report({
            message: "value_in_cents needs minimum: 0 and a maximum: money is never negative or unbounded.",
            location: location ?? ctx.location.child(["value_in_cents"]),
          });
        }
      },
    },
  };
}

export default function houseRules() {
  return {
    id: "house",
    rules: {
      oas3: {
        "no-unreferenced-files": NoUnreferencedFiles,
        "operation-error-responses": OperationErrorResponses,
        "error-response-body": ErrorResponseBody,
        "idempotency-key": IdempotencyKey,
        "request-bounds": RequestBounds,
        "schema-names": SchemaNames,
        "money-non-negative": MoneyNonNegative,
        "open-responses": OpenResponses,
        "typed-schemas": TypedSchemas,
        "id-schemas": IdSchemas,
      },
    },
  };
}
