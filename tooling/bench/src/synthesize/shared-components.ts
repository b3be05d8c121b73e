// The shared parts: what every resource's operations refer to.
import { COMPANY_ID, type Document, ERROR_RESPONSES, schemaRef } from "./common.ts";

export function sharedSchemas(): Record<string, Document> {
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
        next_cursor: {
          type: ["string", "null"],
          description: "The value to pass as starting_after for the next page; null on the last page.",
        },
        total_count: {
          type: "integer",
          format: "int32",
          minimum: 0,
          description: "How many records match, over all pages.",
        },
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
        field: {
          type: "string",
          description: "Where the field is in the request body, as a dotted path.",
          example: "lines[0].quantity",
        },
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
        details: {
          type: "array",
          description: "One entry for each field that failed validation.",
          maxItems: 100,
          items: schemaRef("ErrorDetail", "schemas"),
        },
      },
    },
  };
}

export function sharedParameters(): Record<string, Document> {
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

export function sharedHeaders(): Record<string, Document> {
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

export function sharedResponses(): Record<string, Document> {
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
