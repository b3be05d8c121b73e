// House rules of the spec that Redocly's configurable rules cannot express,
// as a Redocly plugin (see redocly.yaml), so that `pnpm lint` reports them.
// One rule per file under house-rules/, each tested beside it.

import ErrorResponseBody from "./house-rules/error-response-body.js";
import IdSchemas from "./house-rules/id-schemas.js";
import IdempotencyKey from "./house-rules/idempotency-key.js";
import MoneyNonNegative from "./house-rules/money-non-negative.js";
import NoUnreferencedFiles from "./house-rules/no-unreferenced-files.js";
import OpenResponses from "./house-rules/open-responses.js";
import OperationErrorResponses from "./house-rules/operation-error-responses.js";
import RequestBounds from "./house-rules/request-bounds.js";
import SchemaNames from "./house-rules/schema-names.js";
import TypedSchemas from "./house-rules/typed-schemas.js";

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
