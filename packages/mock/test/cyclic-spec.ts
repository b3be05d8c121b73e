// A bundled OpenAPI 3.1 spec (one JSON document, local $refs only) whose
// schemas reach themselves as real specs' do: a tree node whose children are
// nodes, a rule that is a condition or a group of rules (oneOf, allOf), a
// folder and its items, a filter expression shared by every resource, a chain
// of aliasing $refs, and records that link two other resources' records
// (an id or the whole record) around a ring, which puts every record in one
// cycle. Prism's own loader does not get through such a spec of a few hundred
// operations (src/load-operations.ts says why). The benchmark's synthesizer
// (tooling/bench/src/synthesize-spec.ts, `cyclic`) writes the same shapes as a
// multi-file spec; this one is small enough to write in a test.
import { writeFileSync } from "node:fs";

type Schema = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const text = (maxLength = 80) => ({ type: "string", minLength: 1, maxLength });
const object = (properties: Record<string, unknown>, required: string[] = []): Schema => ({
  type: "object",
  additionalProperties: false,
  required,
  properties,
});

const COMPANY_ID = "cmp_4Nq7XbT2kLw9RcV3";
const LINK_STEPS = [1, 3];

/** A valid create request of every resource: recursion in its tree, rule and filter. */
export const CREATE_EXAMPLE = {
  name: "Globex",
  tree: {
    label: "All",
    children: [
      { label: "Engineering", weight: 3, children: [{ label: "Platform", weight: 2 }] },
      { label: "Sales", weight: 1 },
    ],
  },
  rule: {
    kind: "GROUP",
    operator: "ALL",
    rules: [
      { kind: "CONDITION", field: "region", equals: "EU" },
      { kind: "GROUP", operator: "ANY", rules: [{ kind: "CONDITION", field: "plan", equals: "pro" }] },
    ],
  },
  filter: {
    kind: "JOIN",
    left: { kind: "COMPARE", field: "status", value: "ACTIVE" },
    right: { kind: "NOT", operand: { kind: "COMPARE", field: "country", value: "US" } },
  },
  balance: { amount_in_cents: 1200, currency: "EUR" },
};

const shared: Record<string, Schema> = {
  CompanyId: { type: "string", pattern: "^cmp_[A-Za-z0-9]{8,32}$" },
  Money: object(
    { amount_in_cents: { type: "integer", format: "int64" }, currency: { type: "string", pattern: "^[A-Z]{3}$" } },
    ["amount_in_cents", "currency"],
  ),
  ...Object.fromEntries(
    Array.from({ length: 8 }, (_, index) => [`Amount${index + 1}`, ref(index < 7 ? `Amount${index + 2}` : "Money")]),
  ),
  RuleBase: { type: "object", properties: { note: { type: "string", maxLength: 200 } } },
  Expression: { oneOf: [ref("ExpressionComparison"), ref("ExpressionNot"), ref("ExpressionJoin")] },
  ExpressionComparison: object(
    { kind: { const: "COMPARE" }, field: { type: "string", pattern: "^[a-z_]{1,40}$" }, value: text(100) },
    ["kind", "field", "value"],
  ),
  ExpressionNot: object({ kind: { const: "NOT" }, operand: ref("Expression") }, ["kind", "operand"]),
  ExpressionJoin: object({ kind: { const: "JOIN" }, left: ref("Expression"), right: ref("Expression") }, [
    "kind",
    "left",
    "right",
  ]),
  Error: object({ code: { type: "string" }, message: { type: "string" } }, ["code", "message"]),
};

function resourceSchemas(name: string, links: string[]): Record<string, Schema> {
  const create = {
    name: text(),
    tree: ref(`${name}Node`),
    rule: ref(`${name}Rule`),
    filter: ref("Expression"),
    balance: ref("Amount1"),
  };
  return {
    [`${name}Id`]: { type: "string", pattern: "^rec_[A-Za-z0-9]{8,32}$" },
    [`${name}Node`]: object(
      {
        label: text(),
        weight: { type: "integer", format: "int32", minimum: 0 },
        children: { type: "array", maxItems: 20, items: ref(`${name}Node`) },
      },
      ["label"],
    ),
    [`${name}Rule`]: { oneOf: [ref(`${name}Condition`), ref(`${name}RuleGroup`)] },
    [`${name}Condition`]: object(
      { kind: { const: "CONDITION" }, field: { type: "string", pattern: "^[a-z_]{1,40}$" }, equals: text(100) },
      ["kind", "field", "equals"],
    ),
    [`${name}RuleGroup`]: {
      allOf: [
        ref("RuleBase"),
        {
          type: "object",
          required: ["kind", "operator", "rules"],
          properties: {
            kind: { const: "GROUP" },
            operator: { enum: ["ALL", "ANY"] },
            rules: { type: "array", minItems: 1, items: ref(`${name}Rule`) },
          },
        },
      ],
    },
    [`${name}Folder`]: object({ name: text(), items: { type: "array", items: ref(`${name}Item`) } }, ["name", "items"]),
    [`${name}Item`]: object({ name: text(), folder: ref(`${name}Folder`) }, ["name"]),
    [`Create${name}Request`]: object(create, ["name", "tree"]),
    [name]: object(
      {
        id: ref(`${name}Id`),
        company_id: ref("CompanyId"),
        ...create,
        folder: ref(`${name}Folder`),
        ...Object.fromEntries(
          links.map((other, index) => [`related_${index + 1}`, { oneOf: [ref(`${other}Id`), ref(other)] }]),
        ),
      },
      ["id", "company_id", "name", "tree"],
    ),
    [`${name}List`]: object({ data: { type: "array", items: ref(name) }, has_more: { type: "boolean" } }, [
      "data",
      "has_more",
    ]),
  };
}

const json = (schema: string, example: unknown) => ({
  "application/json": { schema: ref(schema), examples: { typical: { value: example } } },
});
const errors = {
  "404": { description: "Not found.", content: json("Error", { code: "NOT_FOUND", message: "No such record." }) },
  "422": {
    description: "Invalid.",
    content: json("Error", { code: "UNPROCESSABLE_ENTITY", message: "A field is not valid." }),
  },
};

/** The names of the resources of a spec of `operations` operations (five each: get, list, create, update, delete). */
export const resourceName = (index: number) => `Resource${index}`;

/** Writes the spec of `operations` operations (a multiple of 5) to `file`. */
export function writeCyclicSpec(file: string, operations: number): void {
  const count = Math.ceil(operations / 5);
  const schemas: Record<string, Schema> = { ...shared };
  const paths: Record<string, unknown> = {};
  for (let index = 0; index < count; index++) {
    const name = resourceName(index);
    const links = LINK_STEPS.map((step) => resourceName((index + step) % count));
    Object.assign(schemas, resourceSchemas(name, links));
    const record = {
      id: "rec_1234567890ab",
      company_id: COMPANY_ID,
      ...CREATE_EXAMPLE,
      folder: { name: "Q", items: [{ name: "Q1" }] },
      related_1: "rec_abcdefgh",
    };
    const company = { name: "company_id", in: "path", required: true, schema: ref("CompanyId") };
    const id = { name: "id", in: "path", required: true, schema: ref(`${name}Id`) };
    const ok = (status: string, schema: string, example: unknown) => ({
      [status]: { description: "Done.", content: json(schema, example) },
      ...errors,
    });
    const body = { required: true, content: json(`Create${name}Request`, CREATE_EXAMPLE) };
    const security = [{ bearer: [] }];
    const collection = `/companies/{company_id}/resource-${index}s`;
    paths[collection] = {
      parameters: [company],
      get: {
        operationId: `list${name}s`,
        security,
        responses: ok("200", `${name}List`, { data: [record], has_more: false }),
      },
      post: { operationId: `create${name}`, security, requestBody: body, responses: ok("201", name, record) },
    };
    paths[`${collection}/{id}`] = {
      parameters: [company, id],
      get: { operationId: `get${name}`, security, responses: ok("200", name, record) },
      patch: { operationId: `update${name}`, security, requestBody: body, responses: ok("200", name, record) },
      delete: { operationId: `delete${name}`, security, responses: ok("200", name, record) },
    };
  }
  const spec = {
    openapi: "3.1.0",
    info: { title: "A spec of cycles", version: "1.0.0" },
    security: [{ bearer: [] }],
    paths,
    components: { schemas, securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
  };
  writeFileSync(file, JSON.stringify(spec));
}
