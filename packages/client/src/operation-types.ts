// Types of the operation-style methods, derived from the generated `operations`
// map of @billing-api/types: what each method takes and what it returns.
import type { operations } from "@billing-api/types";
import type { WithResponse } from "./operation.js";
import type { RequestOptions } from "./options.js";

export type OperationId = keyof operations;

type JsonContent<T> = T extends { content: { "application/json": infer Body } } ? Body : never;
type Parameters<K extends OperationId> = operations[K]["parameters"];

/** The path and query parameters and the body an operation takes, as openapi-fetch names them. */
export type OperationInput<K extends OperationId> = (Parameters<K> extends { path: infer Path }
  ? { path: Path }
  : { path?: never }) &
  (Parameters<K> extends { query: infer Query } ? { query: Query } : { query?: Parameters<K>["query"] }) &
  (operations[K] extends { requestBody: infer Body } ? { body: JsonContent<Body> } : { body?: never });

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;

/** What an operation's success answer carries. */
export type OperationData<K extends OperationId> = {
  [Status in keyof operations[K]["responses"]]: Status extends SuccessStatus
    ? JsonContent<operations[K]["responses"][Status]>
    : never;
}[keyof operations[K]["responses"]];

/** A client's method for one operation: its data, or with `withResponse: true` its data and answer. */
export interface OperationMethod<K extends OperationId> {
  (input: OperationInput<K>, options?: RequestOptions & { withResponse?: false }): Promise<OperationData<K>>;
  (input: OperationInput<K>, options: RequestOptions & { withResponse: true }): Promise<WithResponse<OperationData<K>>>;
}
