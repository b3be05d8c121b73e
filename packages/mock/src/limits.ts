// Limits on the work one request may cause the mock, and on what it keeps
// (src/handler.ts and src/state.ts enforce them). Each is a bound the mock
// chose: the API documents only the 1 MiB body.
export const LIMITS = Object.freeze({
  /** Bytes of request body (413 beyond). */
  bodyBytes: 1024 * 1024,
  /** Bytes of a too-large body read and dropped before the 413, so that the client reads it; beyond, the connection is closed. */
  drainBytes: 64 * 1024 * 1024,
  /** Nesting depth of the JSON body (400 beyond). */
  depth: 32,
  /** Values (members and items, at every depth) in the JSON body (413 beyond). */
  values: 10_000,
  /** Entries of `details` in one error answer; the message counts the rest. */
  details: 100,
  /** Created resources kept, all tokens together; the oldest is dropped first. */
  resources: 10_000,
  /** Idempotency keys kept with their first answer, all tokens together; the oldest is dropped first. */
  idempotencyKeys: 10_000,
  /** Bytes of request bodies and answers kept for both, together; the oldest entries are dropped first. */
  stateBytes: 64 * 1024 * 1024,
});
