// Cycles (`cyclic: true`): the recursive and deeply referenced shapes of real specs.
import type { Random } from "../stats.ts";
import { CURRENCIES, capitalize, type Document, pick, randomId, schemaRef } from "./common.ts";
import type { ResourceNames } from "./resources.ts";

/** A chain of $refs that only alias the next one, ending at Money: Amount1 → Amount2 → … → Money. */
export const ALIAS_CHAIN = 8;

export function cyclicSharedSchemas(): Record<string, Document> {
  const aliases = Object.fromEntries(
    Array.from({ length: ALIAS_CHAIN }, (_, index) => [
      `Amount${index + 1}`,
      schemaRef(index + 1 < ALIAS_CHAIN ? `Amount${index + 2}` : "Money", "schemas"),
    ]),
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
      oneOf: [
        schemaRef("ExpressionComparison", "schemas"),
        schemaRef("ExpressionNot", "schemas"),
        schemaRef("ExpressionJoin", "schemas"),
      ],
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
      properties: {
        kind: { type: "string", description: "Always NOT.", const: "NOT" },
        operand: schemaRef("Expression", "schemas"),
      },
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
export function cyclicResourceSchemas(names: ResourceNames, links: ResourceNames[]): Record<string, Document> {
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
    [`${pascal}Rule`]: {
      description: "A condition, or a group of rules.",
      oneOf: [ref("Condition"), ref("RuleGroup")],
    },
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
            operator: {
              type: "string",
              description: "Whether all the rules or any of them must hold.",
              enum: ["ALL", "ANY"],
            },
            rules: {
              type: "array",
              description: "The rules of the group.",
              minItems: 1,
              maxItems: 20,
              items: ref("Rule"),
            },
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
export function cyclicProperties(
  names: ResourceNames,
  links: readonly unknown[],
): { record: Document; create: Document } {
  const ref = (suffix: string) => schemaRef(`${names.pascal}${suffix}`, "schemas");
  const create = {
    tree: ref("Node"),
    rule: ref("Rule"),
    filter: schemaRef("Expression", "schemas"),
    balance: schemaRef("Amount1", "schemas"),
  };
  const linked = Object.fromEntries(
    links.map((_, index) => [index === 0 ? "related" : `related_${index + 1}`, ref(`Link${index + 1}`)]),
  );
  return { create, record: { ...create, folder: ref("Folder"), ...linked } };
}

export function cyclicExamples(links: ResourceNames[], random: Random) {
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
  const related = Object.fromEntries(
    links.map((other, index) => [index === 0 ? "related" : `related_${index + 1}`, randomId(random, other.idPrefix)]),
  );
  return {
    create,
    record: { ...create, folder: { name: "Quarterly", items: [{ name: "Q1" }, { name: "Q2" }] }, ...related },
  };
}
