// Writes a synthetic, multi-file OpenAPI 3.1 spec shaped like openapi/: a root
// openapi.yaml whose paths point at one file per path, schemas, parameters and
// responses in one file each, and a redocly.yaml that lints it with
// recommended-strict plus the repo's house rules. Used to measure how the
// toolchain grows with the size of a spec.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dump } from "js-yaml";
import { type Random, seededRandom } from "./stats.ts";

const QUALIFIERS = [
  "usage",
  "billing",
  "credit",
  "tax",
  "ledger",
  "payout",
  "refund",
  "dunning",
  "pricing",
  "contract",
  "discount",
  "quota",
  "revenue",
  "invoice",
  "payment",
  "wallet",
  "coupon",
  "seat",
  "plan",
  "meter",
];
const NOUNS = [
  "account",
  "adjustment",
  "alert",
  "allocation",
  "bundle",
  "budget",
  "event",
  "export",
  "grant",
  "hold",
  "import",
  "limit",
  "note",
  "override",
  "period",
  "report",
  "rule",
  "schedule",
  "snapshot",
  "statement",
  "transfer",
  "webhook",
  "window",
  "record",
  "setting",
];
// Past QUALIFIERS × NOUNS names, a leading scope word keeps every resource name unique.
const SCOPES = ["", "regional", "partner", "legacy", "sandbox", "internal", "global", "shared", "archived"];

const STATUS_SETS = [
  ["DRAFT", "ACTIVE", "PAUSED", "ARCHIVED"],
  ["PENDING", "APPROVED", "REJECTED"],
  ["OPEN", "SETTLED", "VOIDED", "FAILED"],
  ["SCHEDULED", "RUNNING", "COMPLETED", "CANCELED", "EXPIRED"],
];
const CURRENCIES = ["USD", "EUR", "GBP", "INR", "JPY", "CAD"];
const PERIODS = ["DAY", "WEEK", "MONTH", "YEAR"];
const ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
const COMPANY_ID = "cmp_4Nq7XbT2kLw9RcV3";

/** A YAML document as it is written: a JSON-like object. */
type Document = Record<string, unknown>;

const pick = <T>(random: Random, list: ArrayLike<T>): T => list[Math.floor(random() * list.length)]!;
const randomId = (random: Random, prefix: string, length = 14) => prefix + Array.from({ length }, () => pick(random, ID_ALPHABET)).join("");
const capitalize = (word: string) => word[0]!.toUpperCase() + word.slice(1);

const toYaml = (document: unknown) => dump(document, { lineWidth: -1, noRefs: true });

// ---- The shared parts: what every resource's operations refer to. ----

const ERROR_RESPONSES: Record<string, { name: string; code: string; description: string; message: string; details?: Document[] }> = {
  400: {
    name: "BadRequest",
    code: "BAD_REQUEST",
    description: "The request could not be read, for example a body that is not well-formed JSON.",
    message: "The request body is not valid JSON.",
  },
  401: {
    name: "Unauthorized",
    code: "UNAUTHORIZED",
    description: "No bearer token was sent, or the API does not accept it.",
    message: "The bearer token is missing or not valid.",
  },
  404: {
    name: "NotFound",
    code: "NOT_FOUND",
    description: "The company, or the record in it, does not exist.",
    message: `No such record exists in company ${COMPANY_ID}.`,
  },
  415: {
    name: "UnsupportedMediaType",
    code: "UNSUPPORTED_MEDIA_TYPE",
    description: "The body was not sent as application/json.",
    message: "Send the body as application/json.",
  },
  422: {
    name: "UnprocessableEntity",
    code: "UNPROCESSABLE_ENTITY",
    description: "The request was read, but a field is not valid.",
    message: "One or more fields are not valid.",
    details: [{ field: "name", message: "must not be empty" }],
  },
  429: {
    name: "TooManyRequests",
    code: "TOO_MANY_REQUESTS",
    description: "Too many requests in a short time. Wait for Retry-After seconds, then retry.",
    message: "Slow down and retry after the time in Retry-After.",
  },
  500: {
    name: "InternalServerError",
    code: "INTERNAL_SERVER_ERROR",
    description: "The API failed while answering. Retrying later may succeed.",
    message: "Something went wrong on our side.",
  },
};

const schemaRef = (name: string, from: "paths" | "schemas" = "paths") => ({
  $ref: from === "schemas" ? `./${name}.yaml` : `../components/schemas/${name}.yaml`,
});
const parameterRef = (name: string) => ({ $ref: `../components/parameters/${name}.yaml` });
const responseRef = (status: string) => ({ $ref: `../components/responses/${ERROR_RESPONSES[status]!.name}.yaml` });
const requestIdHeader = { "X-Request-Id": { $ref: "../components/headers/X-Request-Id.yaml" } };
const dateTime = (description: string, nullable = false) => ({
  type: nullable ? ["string", "null"] : "string",
  format: "date-time",
  description,
});

function sharedSchemas(): Record<string, Document> {
  return {
    CompanyId: {
      type: "string",
      description: "The id of a company (the tenant whose billing a request acts on), prefixed cmp_.",
      pattern: "^cmp_[A-Za-z0-9]{8,32}$",
      example: COMPANY_ID,
    },
    CurrencyCode: {
      type: "string",
      description: "A three-letter ISO 4217 currency code, in capitals.",
      pattern: "^[A-Z]{3}$",
      example: "USD",
    },
    Pagination: {
      type: "object",
      description: "Where a page of results stands in the whole list.",
      additionalProperties: false,
      required: ["has_more", "next_cursor"],
      properties: {
        has_more: { type: "boolean", description: "Whether more records follow this page." },
        next_cursor: { type: ["string", "null"], description: "The value to pass as starting_after for the next page; null on the last page." },
        total_count: { type: "integer", format: "int32", minimum: 0, description: "How many records match, over all pages." },
      },
    },
    DeletedRecord: {
      type: "object",
      description: "What is left of a record after it is deleted.",
      additionalProperties: false,
      required: ["id", "object", "deleted"],
      properties: {
        id: { type: "string", description: "The id the record had.", minLength: 1 },
        object: { type: "string", description: "The kind of record that was deleted.", minLength: 1 },
        deleted: { type: "boolean", const: true, description: "Always true." },
      },
    },
    ErrorCode: {
      type: "string",
      description: "A machine-readable category of the failure, one for each kind of error answer.",
      enum: Object.values(ERROR_RESPONSES).map((error) => error.code),
      example: "UNPROCESSABLE_ENTITY",
    },
    ErrorDetail: {
      type: "object",
      description: "One field that failed validation, and why.",
      additionalProperties: false,
      required: ["field", "message"],
      properties: {
        field: { type: "string", description: "Where the field is in the request body, as a dotted path.", example: "lines[0].quantity" },
        message: { type: "string", description: "Why the field was rejected.", example: "must be at least 1" },
      },
    },
    ErrorBody: {
      type: "object",
      description: "The body of every error answer: a stable code for programs and a message for people.",
      additionalProperties: false,
      required: ["code", "message"],
      properties: {
        code: schemaRef("ErrorCode", "schemas"),
        message: { type: "string", description: "What went wrong, in a sentence meant for a developer." },
        details: { type: "array", description: "One entry for each field that failed validation.", maxItems: 100, items: schemaRef("ErrorDetail", "schemas") },
      },
    },
  };
}

function sharedParameters(): Record<string, Document> {
  return {
    CompanyId: {
      name: "company_id",
      in: "path",
      required: true,
      description: "The company whose records the request acts on.",
      schema: { $ref: "../schemas/CompanyId.yaml" },
      example: COMPANY_ID,
    },
    IdempotencyKey: {
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "A key chosen by the caller that makes a mutating request safe to retry.",
      schema: { type: "string", description: "Any string of 1 to 255 characters.", minLength: 1, maxLength: 255 },
      example: "5f0c6a2e-8d3b-4c47-9a51-2f7e0b9d4c13",
    },
    Limit: {
      name: "limit",
      in: "query",
      required: false,
      description: "How many records a page holds at most.",
      schema: { type: "integer", format: "int32", description: "A page size.", minimum: 1, maximum: 100, default: 20 },
      example: 20,
    },
    StartingAfter: {
      name: "starting_after",
      in: "query",
      required: false,
      description: "The next_cursor of the previous page; absent for the first page.",
      schema: { type: "string", description: "An opaque cursor.", minLength: 1, maxLength: 64 },
      example: "cur_7Hk2LmN9pQr4",
    },
  };
}

function sharedHeaders(): Record<string, Document> {
  return {
    "X-Request-Id": {
      description: "An identifier of this request, to quote when asking for support.",
      schema: { type: "string", description: "The header value.", maxLength: 128 },
      example: "req_8MkW3qf1ZpA0nR7c",
    },
    "Retry-After": {
      description: "How many seconds to wait before sending the request again.",
      schema: { type: "integer", format: "int32", description: "The header value.", minimum: 0 },
      example: 30,
    },
  };
}

function sharedResponses(): Record<string, Document> {
  return Object.fromEntries(
    Object.entries(ERROR_RESPONSES).map(([status, error]) => {
      const headers: Record<string, { $ref: string }> = { "X-Request-Id": { $ref: "../headers/X-Request-Id.yaml" } };
      if (status === "429") {
        headers["Retry-After"] = { $ref: "../headers/Retry-After.yaml" };
      }
      const value = { code: error.code, message: error.message, ...(error.details && { details: error.details }) };
      const exampleName = error.name[0]!.toLowerCase() + error.name.slice(1);
      return [
        error.name,
        {
          description: error.description,
          headers,
          content: {
            "application/json": {
              schema: { $ref: "../schemas/ErrorBody.yaml" },
              examples: { [exampleName]: { summary: `A ${status} answer`, value } },
            },
          },
        },
      ];
    }),
  );
}

// ---- One resource: its schemas, examples and path files. ----

/** The names under which resource number `index` appears in paths, schemas, operations and prose. */
interface ResourceNames {
  words: string[];
  singular: string;
  plural: string;
  article: "a" | "an";
  snake: string;
  pascal: string;
  pascalPlural: string;
  collectionPath: string;
  itemPath: string;
  tag: string;
  idPrefix: string;
}

function resourceNames(index: number): ResourceNames {
  const scope = SCOPES[Math.floor(index / (QUALIFIERS.length * NOUNS.length))];
  if (scope === undefined) {
    throw new Error(`synthesizeSpec: no more than ${QUALIFIERS.length * NOUNS.length * SCOPES.length} resources`);
  }
  const words = [scope, QUALIFIERS[index % QUALIFIERS.length], NOUNS[Math.floor(index / QUALIFIERS.length) % NOUNS.length]].filter((word): word is string =>
    Boolean(word),
  );
  const singular = words.join(" ");
  const pascal = words.map(capitalize).join("");
  return {
    words,
    singular,
    plural: `${singular}s`,
    article: /^[aeio]/.test(singular) ? "an" : "a",
    snake: words.join("_"),
    pascal,
    pascalPlural: `${pascal}s`,
    collectionPath: `/companies/{company_id}/${words.join("-")}s`,
    itemPath: `/companies/{company_id}/${words.join("-")}s/{id}`,
    tag: capitalize(`${singular}s`),
    idPrefix: `${words.map((word) => word.slice(0, 2)).join("")}_`,
  };
}

function resourceSchemas(names: ResourceNames, statuses: string[]): Record<string, Document> {
  const { pascal, singular, snake, idPrefix } = names;
  const ref = (suffix: string) => schemaRef(`${pascal}${suffix}`, "schemas");
  const limits = {
    type: "object",
    description: `How much the ${singular} may spend in one period.`,
    additionalProperties: false,
    required: ["period", "max_amount_in_cents"],
    properties: {
      period: { type: "string", description: "The length of the period.", enum: PERIODS },
      max_amount_in_cents: {
        type: "integer",
        format: "int64",
        minimum: 0,
        description: "The most that may be spent in a period, in the currency's minor unit.",
      },
      resets_at: dateTime("When the current period ends; null when the limit never resets.", true),
    },
  };
  const labels = {
    type: "array",
    description: "Free-form labels for searching and grouping.",
    maxItems: 20,
    uniqueItems: true,
    items: { type: "string", description: "A lower-case label.", pattern: "^[a-z0-9-]{1,40}$" },
  };
  const name = { type: "string", description: `A name for the ${singular}, shown to people.`, minLength: 1, maxLength: 120 };
  const description = { type: ["string", "null"], description: "A longer note; null when there is none.", maxLength: 1000 };
  return {
    [`${pascal}Id`]: {
      type: "string",
      description: `The id of ${names.article} ${singular}, prefixed ${idPrefix}.`,
      pattern: `^${idPrefix}[A-Za-z0-9]{8,32}$`,
    },
    [`${pascal}Status`]: {
      type: "string",
      description: `Where ${names.article} ${singular} stands in its life cycle.`,
      enum: statuses,
    },
    [`${pascal}Line`]: {
      type: "object",
      description: `One line of ${names.article} ${singular}: a product, a quantity and a unit price.`,
      additionalProperties: false,
      required: ["product_code", "quantity", "unit_amount_in_cents"],
      properties: {
        product_code: { type: "string", description: "The code of the product billed.", pattern: "^[A-Z][A-Z0-9_]{1,31}$" },
        quantity: { type: "integer", format: "int32", minimum: 1, description: "How many units." },
        unit_amount_in_cents: { type: "integer", format: "int64", minimum: 0, description: "The price of one unit, in the currency's minor unit." },
        tax_rate: { type: ["number", "null"], minimum: 0, maximum: 1, description: "The tax rate as a fraction; null when no tax applies." },
      },
    },
    [`${pascal}ManualSource`]: {
      type: "object",
      description: `The ${singular} was entered by a person.`,
      additionalProperties: false,
      required: ["type", "entered_by"],
      properties: {
        type: { type: "string", description: "Always MANUAL.", const: "MANUAL" },
        entered_by: { type: "string", format: "email", description: "Who entered it." },
        note: { type: ["string", "null"], description: "Why it was entered by hand, if said.", maxLength: 500 },
      },
    },
    [`${pascal}ImportSource`]: {
      type: "object",
      description: `The ${singular} was read from an uploaded file.`,
      additionalProperties: false,
      required: ["type", "file_name", "row"],
      properties: {
        type: { type: "string", description: "Always IMPORT.", const: "IMPORT" },
        file_name: { type: "string", description: "The name of the file uploaded.", pattern: "^[A-Za-z0-9_.-]+[.]csv$" },
        row: { type: "integer", format: "int32", minimum: 1, description: "The row of the file it came from." },
      },
    },
    [`${pascal}Source`]: {
      description: `Where the ${singular} came from, chosen by type.`,
      oneOf: [ref("ManualSource"), ref("ImportSource")],
      discriminator: {
        propertyName: "type",
        mapping: { MANUAL: `./${pascal}ManualSource.yaml`, IMPORT: `./${pascal}ImportSource.yaml` },
      },
    },
    [pascal]: {
      type: "object",
      description: `${capitalize(names.article)} ${singular} of a company.`,
      additionalProperties: false,
      required: ["id", "object", "company_id", "status", "name", "currency", "amount_in_cents", "lines", "source", "created_at", "updated_at"],
      properties: {
        id: ref("Id"),
        object: { type: "string", description: "The kind of record, always the same.", const: snake },
        company_id: schemaRef("CompanyId", "schemas"),
        status: ref("Status"),
        name,
        description,
        currency: schemaRef("CurrencyCode", "schemas"),
        amount_in_cents: { type: "integer", format: "int64", minimum: 0, description: "The total of the lines, in the currency's minor unit." },
        lines: { type: "array", description: "The lines, in order.", maxItems: 100, items: ref("Line") },
        source: ref("Source"),
        limits,
        labels,
        created_at: dateTime("When the record was created."),
        updated_at: dateTime("When the record was last changed."),
        archived_at: dateTime("When the record was archived; null while it is in use.", true),
      },
    },
    [`Create${pascal}Request`]: {
      type: "object",
      description: `What is needed to create ${names.article} ${singular}.`,
      additionalProperties: false,
      required: ["name", "currency", "lines", "source"],
      properties: {
        name,
        description,
        currency: schemaRef("CurrencyCode", "schemas"),
        lines: { type: "array", description: "The lines, in order; at least one.", minItems: 1, maxItems: 100, items: ref("Line") },
        source: ref("Source"),
        limits,
        labels,
      },
    },
    [`Update${pascal}Request`]: {
      type: "object",
      description: `The fields of ${names.article} ${singular} to change; fields left out keep their value.`,
      additionalProperties: false,
      minProperties: 1,
      properties: { name, description, status: ref("Status"), limits, labels },
    },
    [`${pascal}List`]: {
      type: "object",
      description: `A page of ${names.plural}.`,
      additionalProperties: false,
      required: ["data", "pagination"],
      properties: {
        data: { type: "array", description: `The ${names.plural} on this page, newest first.`, maxItems: 100, items: ref("") },
        pagination: schemaRef("Pagination", "schemas"),
      },
    },
  };
}

function resourceExamples(names: ResourceNames, statuses: string[], random: Random) {
  const currency = pick(random, CURRENCIES);
  const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, index) => ({
    product_code: `${names.words.at(-1)!.toUpperCase()}_${index + 1}`,
    quantity: 1 + Math.floor(random() * 20),
    unit_amount_in_cents: 100 * (1 + Math.floor(random() * 500)),
    tax_rate: index === 0 ? null : Math.round(random() * 25) / 100,
  }));
  const source =
    random() < 0.5
      ? { type: "MANUAL", entered_by: "finance@acme.example", note: null }
      : { type: "IMPORT", file_name: `${names.snake}_2026_04.csv`, row: 1 + Math.floor(random() * 400) };
  const limits = { period: pick(random, PERIODS), max_amount_in_cents: 1000 * (1 + Math.floor(random() * 1000)), resets_at: "2026-05-01T00:00:00Z" };
  const create = {
    name: `${capitalize(names.singular)} for Globex`,
    description: null,
    currency,
    lines,
    source,
    limits,
    labels: ["globex", "q2"],
  };
  const record = {
    id: randomId(random, names.idPrefix),
    object: names.snake,
    company_id: COMPANY_ID,
    status: statuses[0],
    ...create,
    amount_in_cents: lines.reduce((sum, line) => sum + line.quantity * line.unit_amount_in_cents, 0),
    created_at: "2026-04-02T09:15:00Z",
    updated_at: "2026-04-02T09:15:00Z",
    archived_at: null,
  };
  const update = { name: `${capitalize(names.singular)} for Globex, renewed`, status: statuses[1] };
  return { create, record, update, updated: { ...record, ...update, updated_at: "2026-04-09T16:40:00Z" } };
}

// ---- Cycles (`cyclic: true`): the recursive and deeply referenced shapes of real specs. ----

/** A chain of $refs that only alias the next one, ending at Money: Amount1 → Amount2 → … → Money. */
const ALIAS_CHAIN = 8;

function cyclicSharedSchemas(): Record<string, Document> {
  const aliases = Object.fromEntries(
    Array.from({ length: ALIAS_CHAIN }, (_, index) => [`Amount${index + 1}`, schemaRef(index + 1 < ALIAS_CHAIN ? `Amount${index + 2}` : "Money", "schemas")]),
  );
  return {
    ...aliases,
    Money: {
      type: "object",
      description: "An amount of money in one currency.",
      additionalProperties: false,
      required: ["amount_in_cents", "currency"],
      properties: {
        amount_in_cents: { type: "integer", format: "int64", description: "The amount, in the currency's minor unit." },
        currency: schemaRef("CurrencyCode", "schemas"),
      },
    },
    RuleBase: {
      type: "object",
      description: "What every group of rules carries.",
      properties: { note: { type: "string", description: "Why the group exists.", maxLength: 200 } },
    },
    // Shared by every resource: a recursive union (oneOf whose branches hold the union again).
    Expression: {
      description: "A filter expression: a comparison, a negation or two expressions joined.",
      oneOf: [schemaRef("ExpressionComparison", "schemas"), schemaRef("ExpressionNot", "schemas"), schemaRef("ExpressionJoin", "schemas")],
    },
    ExpressionComparison: {
      type: "object",
      description: "A field compared with a value.",
      additionalProperties: false,
      required: ["kind", "field", "value"],
      properties: {
        kind: { type: "string", description: "Always COMPARE.", const: "COMPARE" },
        field: { type: "string", description: "The field compared.", pattern: "^[a-z_]{1,40}$" },
        value: { type: "string", description: "The value it must equal.", maxLength: 100 },
      },
    },
    ExpressionNot: {
      type: "object",
      description: "The negation of an expression.",
      additionalProperties: false,
      required: ["kind", "operand"],
      properties: { kind: { type: "string", description: "Always NOT.", const: "NOT" }, operand: schemaRef("Expression", "schemas") },
    },
    ExpressionJoin: {
      type: "object",
      description: "Two expressions joined by AND or OR.",
      additionalProperties: false,
      required: ["kind", "operator", "left", "right"],
      properties: {
        kind: { type: "string", description: "Always JOIN.", const: "JOIN" },
        operator: { type: "string", description: "How the two are joined.", enum: ["AND", "OR"] },
        left: schemaRef("Expression", "schemas"),
        right: schemaRef("Expression", "schemas"),
      },
    },
  };
}

/**
 * A resource's recursive schemas: a tree (a node whose children are nodes), a
 * rule that is a condition or a group of rules (oneOf, allOf), a folder and its
 * items pointing at each other, and links to other resources' records (either
 * an id or the whole record, as expandable fields are), which tie every
 * record into one cycle through all the resources.
 */
function cyclicResourceSchemas(names: ResourceNames, links: ResourceNames[]): Record<string, Document> {
  const { pascal, singular } = names;
  const ref = (suffix: string) => schemaRef(`${pascal}${suffix}`, "schemas");
  const linked = Object.fromEntries(
    links.map((other, index) => [
      `${pascal}Link${index + 1}`,
      {
        description: `${capitalize(other.article)} ${other.singular}: its id, or the whole record when expanded.`,
        oneOf: [schemaRef(`${other.pascal}Id`, "schemas"), schemaRef(other.pascal, "schemas")],
      },
    ]),
  );
  return {
    ...linked,
    [`${pascal}Node`]: {
      type: "object",
      description: `A node of the ${singular}'s tree of cost centres; its children are nodes too.`,
      additionalProperties: false,
      required: ["label"],
      properties: {
        label: { type: "string", description: "The node's name.", minLength: 1, maxLength: 80 },
        weight: { type: "integer", format: "int32", minimum: 0, description: "The node's share of the cost." },
        children: { type: "array", description: "The nodes below this one.", maxItems: 20, items: ref("Node") },
      },
    },
    [`${pascal}Rule`]: { description: "A condition, or a group of rules.", oneOf: [ref("Condition"), ref("RuleGroup")] },
    [`${pascal}Condition`]: {
      type: "object",
      description: "A field that must hold a value.",
      additionalProperties: false,
      required: ["kind", "field", "equals"],
      properties: {
        kind: { type: "string", description: "Always CONDITION.", const: "CONDITION" },
        field: { type: "string", description: "The field tested.", pattern: "^[a-z_]{1,40}$" },
        equals: { type: "string", description: "The value it must hold.", maxLength: 100 },
      },
    },
    [`${pascal}RuleGroup`]: {
      description: "Rules that must all, or any of them, hold.",
      allOf: [
        schemaRef("RuleBase", "schemas"),
        {
          type: "object",
          description: "The group's rules.",
          required: ["kind", "operator", "rules"],
          properties: {
            kind: { type: "string", description: "Always GROUP.", const: "GROUP" },
            operator: { type: "string", description: "Whether all the rules or any of them must hold.", enum: ["ALL", "ANY"] },
            rules: { type: "array", description: "The rules of the group.", minItems: 1, maxItems: 20, items: ref("Rule") },
          },
        },
      ],
    },
    [`${pascal}Folder`]: {
      type: "object",
      description: `A folder of ${names.plural}' items.`,
      additionalProperties: false,
      required: ["name", "items"],
      properties: {
        name: { type: "string", description: "The folder's name.", minLength: 1, maxLength: 80 },
        items: { type: "array", description: "The items in the folder.", maxItems: 50, items: ref("Item") },
      },
    },
    [`${pascal}Item`]: {
      type: "object",
      description: "An item of a folder, which may say the folder it is in.",
      additionalProperties: false,
      required: ["name"],
      properties: {
        name: { type: "string", description: "The item's name.", minLength: 1, maxLength: 80 },
        folder: ref("Folder"),
      },
    },
  };
}

/** The recursive properties a record (and, all but the links, its create request) gains with `cyclic`. */
function cyclicProperties(names: ResourceNames, links: readonly unknown[]): { record: Document; create: Document } {
  const ref = (suffix: string) => schemaRef(`${names.pascal}${suffix}`, "schemas");
  const create = { tree: ref("Node"), rule: ref("Rule"), filter: schemaRef("Expression", "schemas"), balance: schemaRef("Amount1", "schemas") };
  const linked = Object.fromEntries(links.map((_, index) => [index === 0 ? "related" : `related_${index + 1}`, ref(`Link${index + 1}`)]));
  return { create, record: { ...create, folder: ref("Folder"), ...linked } };
}

function cyclicExamples(links: ResourceNames[], random: Random) {
  const create = {
    tree: {
      label: "All costs",
      children: [
        { label: "Engineering", weight: 3, children: [{ label: "Platform", weight: 2 }] },
        { label: "Sales", weight: 1, children: [] },
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
      operator: "AND",
      left: { kind: "COMPARE", field: "status", value: "ACTIVE" },
      right: { kind: "NOT", operand: { kind: "COMPARE", field: "country", value: "US" } },
    },
    balance: { amount_in_cents: 1000 * (1 + Math.floor(random() * 100)), currency: pick(random, CURRENCIES) },
  };
  const related = Object.fromEntries(links.map((other, index) => [index === 0 ? "related" : `related_${index + 1}`, randomId(random, other.idPrefix)]));
  return { create, record: { ...create, folder: { name: "Quarterly", items: [{ name: "Q1" }, { name: "Q2" }] }, ...related } };
}

/** A path file's operation, with the fields every operation here carries. */
interface OperationFields {
  operationId: string;
  summary: string;
  description: string;
  tag: string;
  parameters?: Document[];
  requestBody?: Document;
  /** The success status and its response. */
  success: [string, Document];
  /** The error statuses, each answered with its shared response. */
  errors: string[];
}

function operation({ operationId, summary, description, tag, parameters, requestBody, success, errors }: OperationFields): Document {
  const [status, response] = success;
  return {
    operationId,
    summary,
    description,
    tags: [tag],
    security: [{ bearerAuth: [] }],
    ...(parameters && { parameters }),
    ...(requestBody && { requestBody }),
    responses: {
      [status]: response,
      ...Object.fromEntries(errors.map((code) => [code, responseRef(code)])),
    },
  };
}

const jsonBody = (schemaName: string, exampleName: string, summary: string, value: unknown) => ({
  "application/json": { schema: schemaRef(schemaName), examples: { [exampleName]: { summary, value } } },
});

/** One operation of a resource: where it goes, the schemas it names, and its path file's entry. */
interface ResourceOperation {
  path: string;
  method: "get" | "post" | "patch" | "delete";
  schemas: string[];
  spec: Document;
}

function resourceOperations(
  names: ResourceNames,
  statuses: string[],
  examples: ReturnType<typeof resourceExamples>,
): Record<(typeof OPERATION_ORDER)[number], ResourceOperation> {
  const { pascal, pascalPlural, singular, plural, article, tag } = names;
  const readErrors = ["400", "401", "404", "429", "500"];
  const writeErrors = ["400", "401", "404", "415", "422", "429", "500"];
  return {
    get: {
      path: names.itemPath,
      method: "get",
      schemas: [pascal],
      spec: operation({
        operationId: `get${pascal}`,
        summary: `Get ${article} ${singular}`,
        description: `Returns one ${singular} of the company, with its lines and where it came from. Safe to repeat.`,
        tag,
        success: [
          "200",
          {
            description: `The ${singular}.`,
            headers: requestIdHeader,
            content: jsonBody(pascal, "found", `${capitalize(article)} ${singular}`, examples.record),
          },
        ],
        errors: readErrors,
      }),
    },
    list: {
      path: names.collectionPath,
      method: "get",
      schemas: [`${pascal}List`],
      spec: operation({
        operationId: `list${pascalPlural}`,
        summary: `List ${plural}`,
        description: `Returns the company's ${plural}, newest first, one page at a time. Filter by status to narrow the list.`,
        tag,
        parameters: [
          parameterRef("Limit"),
          parameterRef("StartingAfter"),
          {
            name: "status",
            in: "query",
            required: false,
            description: `Only ${plural} in this status.`,
            schema: schemaRef(`${pascal}Status`),
            example: statuses[0],
          },
        ],
        success: [
          "200",
          {
            description: `A page of ${plural}.`,
            headers: requestIdHeader,
            content: jsonBody(`${pascal}List`, "firstPage", "The first page", {
              data: [examples.record],
              pagination: { has_more: false, next_cursor: null, total_count: 1 },
            }),
          },
        ],
        errors: ["400", "401", "404", "422", "429", "500"],
      }),
    },
    create: {
      path: names.collectionPath,
      method: "post",
      schemas: [`Create${pascal}Request`],
      spec: operation({
        operationId: `create${pascal}`,
        summary: `Create ${article} ${singular}`,
        description: `Creates ${article} ${singular} from its lines and source. Send an Idempotency-Key to retry safely.`,
        tag,
        parameters: [parameterRef("IdempotencyKey")],
        requestBody: {
          required: true,
          description: `The ${singular} to create.`,
          content: jsonBody(`Create${pascal}Request`, "typical", `A typical ${singular}`, examples.create),
        },
        success: [
          "201",
          {
            description: `The ${singular} was created.`,
            headers: requestIdHeader,
            content: jsonBody(pascal, "created", `The new ${singular}`, examples.record),
          },
        ],
        errors: writeErrors,
      }),
    },
    update: {
      path: names.itemPath,
      method: "patch",
      schemas: [`Update${pascal}Request`],
      spec: operation({
        operationId: `update${pascal}`,
        summary: `Update ${article} ${singular}`,
        description: `Changes the fields sent and keeps the others. Send an Idempotency-Key to retry safely.`,
        tag,
        parameters: [parameterRef("IdempotencyKey")],
        requestBody: {
          required: true,
          description: "The fields to change.",
          content: jsonBody(`Update${pascal}Request`, "rename", "Rename and change status", examples.update),
        },
        success: [
          "200",
          {
            description: `The ${singular} as it is now.`,
            headers: requestIdHeader,
            content: jsonBody(pascal, "updated", `The changed ${singular}`, examples.updated),
          },
        ],
        errors: writeErrors,
      }),
    },
    delete: {
      path: names.itemPath,
      method: "delete",
      schemas: ["DeletedRecord"],
      spec: operation({
        operationId: `delete${pascal}`,
        summary: `Delete ${article} ${singular}`,
        description: `Deletes the ${singular} for good. Deleting it again answers 404.`,
        tag,
        success: [
          "200",
          {
            description: `The ${singular} was deleted.`,
            headers: requestIdHeader,
            content: jsonBody("DeletedRecord", "deleted", "The deleted record", { id: examples.record.id, object: names.snake, deleted: true }),
          },
        ],
        errors: readErrors,
      }),
    },
  };
}

// A resource cut short (operations not divisible by 5) keeps the first of these.
const OPERATION_ORDER = ["get", "list", "create", "update", "delete"] as const;

/** Every relative file $ref in `document`. */
function* fileRefs(document: unknown): Generator<string> {
  if (Array.isArray(document)) {
    for (const item of document) {
      yield* fileRefs(item);
    }
  } else if (document !== null && typeof document === "object") {
    for (const [key, value] of Object.entries(document)) {
      if (key === "$ref") {
        yield value as string;
      } else {
        yield* fileRefs(value);
      }
    }
  }
}

/** The names of the components of `folder` (e.g. "schemas") that `documents` point at. */
function referencedComponents(documents: unknown, folder: string): Set<string> {
  const pattern = new RegExp(`(?:^|/)${folder}/([^/]+)[.]yaml$`);
  return new Set([...fileRefs(documents)].map((ref) => pattern.exec(ref)?.[1]).filter((name): name is string => Boolean(name)));
}

/** `roots` and every schema they reach, since schemas point at each other as ./Name.yaml. */
function reachableSchemas(roots: Iterable<string>, definitions: Map<string, Document>): Set<string> {
  const reached = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (reached.has(name)) {
      continue;
    }
    reached.add(name);
    const schema = definitions.get(name);
    if (!schema) {
      throw new Error(`synthesizeSpec: no definition for schema ${name}`);
    }
    for (const ref of fileRefs(schema)) {
      pending.push(ref.replace(/^.*\//, "").replace(/[.]yaml$/, ""));
    }
  }
  return reached;
}

const REDOCLY_CONFIG = {
  telemetry: "off",
  extends: ["recommended-strict"],
  rules: {
    "no-invalid-media-type-examples": { severity: "error", allowAdditionalProperties: false },
    "no-invalid-schema-examples": { severity: "error", allowAdditionalProperties: false },
    "no-invalid-parameter-examples": "error",
    "no-unused-components": "error",
    "component-name-unique": "error",
    "no-required-schema-properties-undefined": "error",
    "no-schema-type-mismatch": "error",
    "operation-tag-defined": "error",
    // Like the real spec: one error body of its own, not RFC 7807 problem details.
    "operation-4xx-problem-details-rfc7807": "off",
    "tags-alphabetical": "off",
    "rule/operation-id-verb-noun": {
      subject: { type: "Operation", property: "operationId" },
      assertions: { defined: true, pattern: "/^(create|get|list|update|delete|cancel)[A-Z][A-Za-z]+$/" },
      message: "operationId must be camelCase verb + noun.",
      severity: "error",
    },
    "rule/summary-sentence-case": {
      subject: { type: "Operation", property: "summary" },
      assertions: { defined: true, pattern: "/^[A-Z][a-z]+( [a-z0-9-]+)*$/", maxLength: 60 },
      message: "A summary is a short phrase in sentence case without a trailing period.",
      severity: "error",
    },
    "rule/request-body-example": {
      subject: { type: "MediaType", filterInParentKeys: ["requestBody"] },
      assertions: { requireAny: ["example", "examples"] },
      message: "Every request body needs an example.",
      severity: "error",
    },
    "rule/response-example": {
      subject: { type: "MediaType", filterInParentKeys: ["responses"] },
      assertions: { requireAny: ["example", "examples"] },
      message: "Every response body needs an example.",
      severity: "error",
    },
    "rule/schema-description": {
      subject: { type: "Schema" },
      where: [{ subject: { type: "Schema", property: "type" }, assertions: { defined: true, notPattern: "/^null$/" } }],
      assertions: { required: ["description"] },
      message: "Every schema needs a description.",
      severity: "error",
    },
  },
};

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
export function synthesizeSpec({ operations, dir, cyclic = false }: { operations: number; dir: string; cyclic?: boolean }): {
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
  for (const folder of ["paths", "components/schemas", "components/parameters", "components/responses", "components/headers", "components/securitySchemes"]) {
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
      Object.assign((schemas[`Create${names.pascal}Request`] as { properties: Document }).properties, properties.create);
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
    tags.push({ name: names.tag, description: `${capitalize(names.plural)} of a company: create them, read them, change them and delete them.` });
  }

  const pathEntries: Record<string, { $ref: string }> = {};
  for (const [path, document] of pathFiles) {
    const fileName = `${path.slice(1).replaceAll("/", "_")}.yaml`;
    write(join("paths", fileName), document);
    pathEntries[path] = { $ref: `paths/${fileName}` };
  }
  const pathDocuments = [...pathFiles.values()];
  const allParameters = sharedParameters();
  const parameters = [...referencedComponents(pathDocuments, "parameters")].map((name) => [name, allParameters[name]] as const);
  for (const [name, parameter] of parameters) {
    write(`components/parameters/${name}.yaml`, parameter);
  }
  const allResponses = sharedResponses();
  const responses = [...referencedComponents(pathDocuments, "responses")].map((name) => [name, allResponses[name]] as const);
  for (const [name, response] of responses) {
    write(`components/responses/${name}.yaml`, response);
  }
  const allHeaders = sharedHeaders();
  for (const name of referencedComponents([pathDocuments, responses], "headers")) {
    write(`components/headers/${name}.yaml`, allHeaders[name]);
  }
  const usedSchemas = reachableSchemas(referencedComponents([pathDocuments, parameters, responses], "schemas"), definitions);
  for (const name of [...usedSchemas].sort()) {
    write(`components/schemas/${name}.yaml`, definitions.get(name));
  }
  write("components/securitySchemes/bearerAuth.yaml", {
    type: "http",
    scheme: "bearer",
    description: "An API token sent as Authorization: Bearer <token>. A request without an accepted token is answered with 401.",
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
