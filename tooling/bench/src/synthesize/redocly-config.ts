// The synthesized spec's redocly.yaml: recommended-strict and the real spec's
// assertion rules, without the house-rule plugin.
export const REDOCLY_CONFIG = {
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
