// What server mode asks of a request, read from the spec alone: its headers (the
// token, or none, or a wrong one; JSON; an Idempotency-Key of its own), which
// statuses an operation documents, and which create makes what a read reads.
import { randomUUID } from "node:crypto";
import { type Operation, operations as specOperations } from "../spec.ts";

/** The header parameter whose replay and conflict IdempotencyKey.yaml describes, in lower case. */
export const IDEMPOTENCY_KEY = "idempotency-key";
export const takesIdempotencyKey = (operation: Operation) =>
  operation.headerParameters.some((p) => p.name.toLowerCase() === IDEMPOTENCY_KEY);

/** Which token a request carries (the one given, none, or one the server never issued), and whether its body is JSON. */
export interface HeaderOptions {
  auth?: "token" | "none" | "wrong";
  json?: boolean;
}

/** The headers of a request to `operation`. */
export function requestHeaders(
  operation: Operation,
  token: string,
  { auth = "token", json = true }: HeaderOptions = {},
) {
  const headers: Record<string, string> = { accept: "application/json" };
  if (auth === "token") {
    headers.authorization = `Bearer ${token}`;
  }
  if (auth === "wrong") {
    headers.authorization = `Bearer wrong-${randomUUID()}`;
  }
  if (operation.requestBody && json) {
    headers["content-type"] = "application/json";
  }
  if (takesIdempotencyKey(operation)) {
    headers[IDEMPOTENCY_KEY] = randomUUID();
  }
  return headers;
}

export const documents = (operation: Operation, status: number) => operation.responses.some((r) => r.status === status);
export const documented = (operation: Operation, statuses: number[]) => statuses.filter((s) => documents(operation, s));

/** The create operation whose answer's `id` names what `operation` reads: POST `<path>` for GET `<path>/{id}`. */
export const creatorOf = (operation: Operation) => {
  const match = /^(.*)\/\{([^}]+)\}$/.exec(operation.path);
  if (operation.method !== "get" || !match) {
    return undefined;
  }
  const creator = specOperations.find((o) => o.method === "post" && o.path === match[1]);
  return creator && { creator, parameter: match[2]! };
};
