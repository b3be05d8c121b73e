// A resource's five operations (get, list, create, update, delete) as path-file entries.
import { capitalize, type Document, parameterRef, requestIdHeader, responseRef, schemaRef } from "./common.ts";
import type { ResourceNames, resourceExamples } from "./resources.ts";

/** A path file's operation, with the fields every operation here carries. */
export interface OperationFields {
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

export function operation({
  operationId,
  summary,
  description,
  tag,
  parameters,
  requestBody,
  success,
  errors,
}: OperationFields): Document {
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

export const jsonBody = (schemaName: string, exampleName: string, summary: string, value: unknown) => ({
  "application/json": { schema: schemaRef(schemaName), examples: { [exampleName]: { summary, value } } },
});

/** One operation of a resource: where it goes, the schemas it names, and its path file's entry. */
export interface ResourceOperation {
  path: string;
  method: "get" | "post" | "patch" | "delete";
  schemas: string[];
  spec: Document;
}

export function resourceOperations(
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
            content: jsonBody("DeletedRecord", "deleted", "The deleted record", {
              id: examples.record.id,
              object: names.snake,
              deleted: true,
            }),
          },
        ],
        errors: readErrors,
      }),
    },
  };
}

// A resource cut short (operations not divisible by 5) keeps the first of these.
export const OPERATION_ORDER = ["get", "list", "create", "update", "delete"] as const;
