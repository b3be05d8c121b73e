// One function per operation of the spec (generated in src/generated/operations.ts
// by `operation()`), each sent through a `Transport`: `createTransport`'s,
// which builds its own Request, or a `createBillingClient`'s. An app imports
// only the operations it calls, and a bundler keeps only those.

import type { OperationCall, PathParts } from "./direct-call.js";
import type { OperationData, OperationId, OperationInput } from "./operation-types.js";
import type { CallOptions, RequestOptions } from "./options.js";

export type { CallOptions };

/** How operation calls are sent: made by `createTransport` or by `createBillingClient`. */
export interface Transport {
  /** Sends one call of an operation and settles it: its data (or `WithResponse`), or a typed error. */
  readonly send: (
    operationId: string,
    method: string,
    path: string,
    parts: PathParts,
    input: OperationCall,
    options?: CallOptions,
  ) => Promise<unknown>;
}

/** A successful call's data with its answer: what `withResponse: true` resolves to. */
export interface WithResponse<T> {
  data: T;
  /** The answer; its body has been read. */
  response: Response;
  status: number;
  headers: Headers;
  /** The API's `x-request-id` for this request. */
  requestId: string | undefined;
}

/** An operation as a function of a transport: `await <operationId>(transport, { path, query, body })`. */
export interface OperationFunction<K extends OperationId> {
  (
    transport: Transport,
    input: OperationInput<K>,
    options?: RequestOptions & { withResponse?: false },
  ): Promise<OperationData<K>>;
  (
    transport: Transport,
    input: OperationInput<K>,
    options: RequestOptions & { withResponse: true },
  ): Promise<WithResponse<OperationData<K>>>;
  readonly operationId: K;
  readonly method: string;
  readonly path: string;
}

/** Makes the function of one operation; its path is split into literal parts and parameter names once, here. */
export function operation<K extends OperationId>(operationId: K, method: string, path: string): OperationFunction<K> {
  const parts = path.split(/\{([^}]+)\}/);
  const call = (transport: Transport, input: OperationCall = {}, options?: CallOptions) =>
    transport.send(operationId, method, path, parts, input, options);
  return Object.assign(call, { operationId, method, path }) as unknown as OperationFunction<K>;
}
