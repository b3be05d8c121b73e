// What every part of the synthesized spec is made from: the vocabulary
// (vocabulary.json), seeded picks and ids, the error answers every operation
// shares, and the $refs between the spec's files.
import { readFileSync } from "node:fs";
import { dump } from "js-yaml";
import type { Random } from "../stats.ts";

const vocabulary: {
  qualifiers: string[];
  nouns: string[];
  scopes: string[];
  statusSets: string[][];
  currencies: string[];
  periods: string[];
} = JSON.parse(readFileSync(new URL("./vocabulary.json", import.meta.url), "utf8"));

export const QUALIFIERS = vocabulary.qualifiers;
export const NOUNS = vocabulary.nouns;
/** Past QUALIFIERS × NOUNS names, a leading scope word keeps every resource name unique. */
export const SCOPES = vocabulary.scopes;
export const STATUS_SETS = vocabulary.statusSets;
export const CURRENCIES = vocabulary.currencies;
export const PERIODS = vocabulary.periods;
export const ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
export const COMPANY_ID = "cmp_4Nq7XbT2kLw9RcV3";

/** A YAML document as it is written: a JSON-like object. */
export type Document = Record<string, unknown>;

export const pick = <T>(random: Random, list: ArrayLike<T>): T => list[Math.floor(random() * list.length)]!;
export const randomId = (random: Random, prefix: string, length = 14) =>
  prefix + Array.from({ length }, () => pick(random, ID_ALPHABET)).join("");
export const capitalize = (word: string) => word[0]!.toUpperCase() + word.slice(1);

export const toYaml = (document: unknown) => dump(document, { lineWidth: -1, noRefs: true });

export const ERROR_RESPONSES: Record<
  string,
  { name: string; code: string; description: string; message: string; details?: Document[] }
> = {
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

export const schemaRef = (name: string, from: "paths" | "schemas" = "paths") => ({
  $ref: from === "schemas" ? `./${name}.yaml` : `../components/schemas/${name}.yaml`,
});
export const parameterRef = (name: string) => ({ $ref: `../components/parameters/${name}.yaml` });
export const responseRef = (status: string) => ({
  $ref: `../components/responses/${ERROR_RESPONSES[status]!.name}.yaml`,
});
export const requestIdHeader = { "X-Request-Id": { $ref: "../components/headers/X-Request-Id.yaml" } };
export const dateTime = (description: string, nullable = false) => ({
  type: nullable ? ["string", "null"] : "string",
  format: "date-time",
  description,
});
