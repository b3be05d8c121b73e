// Which bump each kind of change needs, and the keywords of a schema by what
// changing them does: describe only, narrow, widen.
import type { Bump } from "../release-plan.ts";

export type Side = "request" | "response";
export type ChangeKind = "added" | "removed" | "changed";

/** The bump a kind of change needs on each side. A component used on both sides needs the larger. */
export interface Effect {
  request: Bump;
  response: Bump;
  why?: Partial<Record<Side, string>>;
}
export const REMOVAL: Effect = { request: "major", response: "major" };
export const ADDITION: Effect = { request: "minor", response: "minor" };
export const NARROWING: Effect = {
  request: "major",
  response: "major",
  why: {
    request: "requests that were valid are refused",
    response: "responses no longer carry what clients may rely on",
  },
};
export const WIDENING: Effect = {
  request: "minor",
  response: "major",
  why: { response: "responses may carry what clients do not expect" },
};
export const NOW_REQUIRED: Effect = {
  request: "major",
  response: "minor",
  why: { request: "requests without it are refused" },
};
export const NOW_OPTIONAL: Effect = {
  request: "minor",
  response: "major",
  why: { response: "responses may leave it out" },
};
export const ANNOTATION: Effect = { request: "patch", response: "patch" };
export const TYPE_CHANGE: Effect = {
  request: "major",
  response: "major",
  why: { request: "values of the old type are refused", response: "responses carry another type" },
};
/** A change whose effect cannot be told apart (a new pattern, a changed `not`): taken as breaking. */
export const UNKNOWN: Effect = {
  request: "major",
  response: "major",
  why: { request: "its effect cannot be told", response: "its effect cannot be told" },
};

/** Keywords that describe and never constrain. */
export const ANNOTATIONS = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "externalDocs",
  "xml",
  "$comment",
  "deprecated",
  "tags",
  "readOnly",
  "writeOnly",
  "default",
]);
export const isAnnotation = (key: string) => ANNOTATIONS.has(key) || key.startsWith("x-");
/** Lower bounds: raising or adding one narrows what is allowed. */
export const LOWER_BOUNDS = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"];
/** Upper bounds: lowering or adding one narrows what is allowed. */
export const UPPER_BOUNDS = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"];
/** Keywords that narrow when added or changed and widen when removed. */
export const RESTRICTIONS = ["pattern", "format", "multipleOf", "uniqueItems", "contentMediaType", "contentEncoding"];
/** Keywords this diff reads itself. */
export const SCHEMA_KEYWORDS = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "required",
  "properties",
  "items",
  "additionalProperties",
  "oneOf",
  "anyOf",
  "allOf",
  "discriminator",
  ...LOWER_BOUNDS,
  ...UPPER_BOUNDS,
  ...RESTRICTIONS,
]);
