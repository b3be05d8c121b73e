// One resource: its names, schemas and examples.
import type { Random } from "../stats.ts";
import {
  COMPANY_ID,
  CURRENCIES,
  capitalize,
  type Document,
  dateTime,
  NOUNS,
  PERIODS,
  pick,
  QUALIFIERS,
  randomId,
  SCOPES,
  schemaRef,
} from "./common.ts";

/** The names under which resource number `index` appears in paths, schemas, operations and prose. */
export interface ResourceNames {
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

export function resourceNames(index: number): ResourceNames {
  const scope = SCOPES[Math.floor(index / (QUALIFIERS.length * NOUNS.length))];
  if (scope === undefined) {
    throw new Error(`synthesizeSpec: no more than ${QUALIFIERS.length * NOUNS.length * SCOPES.length} resources`);
  }
  const words = [
    scope,
    QUALIFIERS[index % QUALIFIERS.length],
    NOUNS[Math.floor(index / QUALIFIERS.length) % NOUNS.length],
  ].filter((word): word is string => Boolean(word));
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

export function resourceSchemas(names: ResourceNames, statuses: string[]): Record<string, Document> {
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
  const name = {
    type: "string",
    description: `A name for the ${singular}, shown to people.`,
    minLength: 1,
    maxLength: 120,
  };
  const description = {
    type: ["string", "null"],
    description: "A longer note; null when there is none.",
    maxLength: 1000,
  };
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
        product_code: {
          type: "string",
          description: "The code of the product billed.",
          pattern: "^[A-Z][A-Z0-9_]{1,31}$",
        },
        quantity: { type: "integer", format: "int32", minimum: 1, description: "How many units." },
        unit_amount_in_cents: {
          type: "integer",
          format: "int64",
          minimum: 0,
          description: "The price of one unit, in the currency's minor unit.",
        },
        tax_rate: {
          type: ["number", "null"],
          minimum: 0,
          maximum: 1,
          description: "The tax rate as a fraction; null when no tax applies.",
        },
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
        file_name: {
          type: "string",
          description: "The name of the file uploaded.",
          pattern: "^[A-Za-z0-9_.-]+[.]csv$",
        },
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
      required: [
        "id",
        "object",
        "company_id",
        "status",
        "name",
        "currency",
        "amount_in_cents",
        "lines",
        "source",
        "created_at",
        "updated_at",
      ],
      properties: {
        id: ref("Id"),
        object: { type: "string", description: "The kind of record, always the same.", const: snake },
        company_id: schemaRef("CompanyId", "schemas"),
        status: ref("Status"),
        name,
        description,
        currency: schemaRef("CurrencyCode", "schemas"),
        amount_in_cents: {
          type: "integer",
          format: "int64",
          minimum: 0,
          description: "The total of the lines, in the currency's minor unit.",
        },
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
        lines: {
          type: "array",
          description: "The lines, in order; at least one.",
          minItems: 1,
          maxItems: 100,
          items: ref("Line"),
        },
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
        data: {
          type: "array",
          description: `The ${names.plural} on this page, newest first.`,
          maxItems: 100,
          items: ref(""),
        },
        pagination: schemaRef("Pagination", "schemas"),
      },
    },
  };
}

export function resourceExamples(names: ResourceNames, statuses: string[], random: Random) {
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
  const limits = {
    period: pick(random, PERIODS),
    max_amount_in_cents: 1000 * (1 + Math.floor(random() * 1000)),
    resets_at: "2026-05-01T00:00:00Z",
  };
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
