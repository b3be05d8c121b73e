// Ids of forms the services do not document are accepted. An id whose schema
// cites no fact of the operation's own service (its `x-source`) is opaque: a
// UUID, a number written as a string or a code with a dash must do. For every
// operation, each such id in its request examples and path is replaced by ids
// of those forms, and the mock must answer the documented success; a read's own
// id (GET `<path>/{id}` of what POST `<path>` creates) names a resource the mock
// never made, so it must reach the lookup: a 404 naming it, never a 422. Ids whose
// form is the service's documented fact (a company's `cmp_`) keep their example.
import { describe, expect, it } from "vitest";
import { type Operation, operations, resolve, type Schema, validPath } from "../src/spec.ts";
import { isValid } from "../src/validator.ts";
import { expectDocumentedAnswer, expectErrorAnswer } from "./support/expect-answer.ts";
import { send } from "./support/mock-client.ts";

/** Ids as other systems make them. */
const FORMS = ["3f2b8c1e-9d4a-4b6e-8f0a-2c5d7e9b1a34", "4815162342", "CUST-0001"] as const;
/** What house/id-schemas calls an id: `id`, `<thing>_id`, `<thing>_ids`. */
const ID_NAME = /^(id|[a-z0-9_]+_ids?)$/;

/** The service an operation belongs to: the one non-`contract` key of its `x-source`. */
const serviceOf = (operation: Operation) =>
  Object.keys(operation.source.node["x-source"] ?? {}).find((key) => key !== "contract");

/** Whether an id schema states a fact of `service` (its x-source cites it): then its form is that service's, not free. */
const documentedFor = (schema: Schema, service: string | undefined) =>
  service !== undefined && Object.hasOwn(resolve<Schema>(schema)["x-source"] ?? {}, service);

interface Rewrite {
  value: unknown;
  /** The fields given another form, and the id fields kept because their form is documented. */
  replaced: string[];
  kept: string[];
}

/** `value` read along `schema`, every opaque id in it replaced by `form`. */
function rewrite(value: unknown, schema: Schema, service: string | undefined, form: string, at = ""): Rewrite {
  const out: Rewrite = { value, replaced: [], kept: [] };
  const node = resolve<Schema>(schema);
  const merge = (inner: Rewrite) => {
    out.replaced.push(...inner.replaced);
    out.kept.push(...inner.kept);
    return inner.value;
  };
  const isId = typeof schema.$ref === "string" && /\/[A-Z][A-Za-z]*Id(OrAlias)?$/.test(schema.$ref);
  if (isId && typeof value === "string") {
    if (documentedFor(schema, service)) {
      out.kept.push(at);
    } else {
      [out.value, out.replaced] = [form, [at]];
    }
    return out;
  }
  const branches = (node.oneOf ?? node.anyOf) as Schema[] | undefined;
  if (branches) {
    const branch = branches.find((b) => isValid(b, value));
    if (branch) {
      out.value = merge(rewrite(value, branch, service, form, at));
    }
    return out;
  }
  if (Array.isArray(value) && node.items) {
    out.value = value.map((item, i) => merge(rewrite(item, node.items, service, form, `${at}[${i}]`)));
  } else if (value && typeof value === "object" && node.properties) {
    out.value = Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        node.properties[key]
          ? merge(rewrite(item, node.properties[key], service, form, at ? `${at}.${key}` : key))
          : item,
      ]),
    );
  }
  return out;
}

/** Every id-named field in `value`, as `a.b[0].c`. */
function idFields(value: unknown, at = ""): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => {
      const here = `${at}[${i}]`;
      return typeof item === "string" && ID_NAME.test(at.split(".").pop() ?? "") ? [here] : idFields(item, here);
    });
  }
  if (!value || typeof value !== "object") {
    return [];
  }
  return Object.entries(value).flatMap(([key, item]) => {
    const here = at ? `${at}.${key}` : key;
    return typeof item === "string" && ID_NAME.test(key) ? [here] : idFields(item, here);
  });
}

/** For a GET of `<path>/{param}` where POST `<path>` creates: the parameter naming what it reads. */
function readParameter(operation: Operation): string | undefined {
  const match = /^(.*)\/\{([^}]+)\}$/.exec(operation.path);
  return operation.method === "get" && match && operations.some((o) => o.method === "post" && o.path === match[1])
    ? match[2]
    : undefined;
}

describe.each(operations)("$id: ids of other forms", (operation) => {
  const service = serviceOf(operation);
  const examples = Object.entries(operation.requestBody?.examples ?? { "(no body)": undefined });

  it("reads every id-named field of its examples as an id schema, documented for the service or opaque", () => {
    for (const [, example] of examples) {
      const { replaced, kept } = rewrite(example, operation.requestBody?.schema ?? {}, service, FORMS[0]);
      expect([...replaced, ...kept]).toEqual(expect.arrayContaining(idFields(example)));
    }
  });

  it.concurrent.each(FORMS.flatMap((form) => examples.map(([name, example]) => ({ form, name, example }))))(
    "answers the $name example with the documented success when its opaque ids look like $form",
    async ({ form, example }) => {
      const parameters = operation.source.parameters.filter((p) => p.in === "path");
      const path = Object.fromEntries(
        parameters.map((p) => [
          p.name,
          String(rewrite(validPath(operation)[p.name], p.node.schema, service, form).value),
        ]),
      );
      const body = rewrite(example, operation.requestBody?.schema ?? {}, service, form).value;
      const outcome = await send(operation, "operation", { path, body });
      const read = readParameter(operation);
      if (read && path[read] !== validPath(operation)[read]) {
        expectErrorAnswer(operation, outcome, 404);
        expect((outcome.body as { message: string }).message).toContain(path[read]);
      } else {
        expectDocumentedAnswer(operation, outcome, operation.success.status);
      }
    },
  );
});
