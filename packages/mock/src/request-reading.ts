// What the mock reads of a request before Prism sees it: the body within its
// limits (size, encoding, nesting, count of values), its content type, and
// what a Prefer header asks for.
import type { IHttpOperationConfig } from "@stoplight/prism-http";
import { LIMITS } from "./limits.ts";
import { Refusal } from "./refusal.ts";

/** A request as the mock reads it, whatever carried it. */
export interface MockRequest {
  method: string;
  /** The request target: a path and query, as sent. */
  target: string;
  /** Header names in lower case; a repeated header as node:http joins it. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body's bytes as they arrive; undefined when the request has no body. */
  body?: AsyncIterable<Uint8Array> | undefined;
}

/** `true`, `false` or the value: what a `Prefer` header asks of the mock (`code=422, example=x, dynamic=true, seed=s`). */
export function preferences(header: string | string[] | undefined): Partial<IHttpOperationConfig> {
  const mock: Partial<IHttpOperationConfig> = {};
  for (const part of String(header ?? "").split(/[,;]/)) {
    const [key, value] = part.split("=").map((s) => s?.trim());
    if (!key || value === undefined) {
      continue;
    }
    if (key === "code" && /^\d{3}$/.test(value)) {
      mock.code = Number(value);
    } else if (key === "example") {
      mock.exampleKey = value;
    } else if (key === "dynamic") {
      mock.dynamic = value === "true";
    } else if (key === "seed") {
      mock.seed = value;
    }
  }
  return mock;
}

/**
 * Reads the body, at most `LIMITS.bodyBytes` of it. A longer body is read to
 * its end and dropped (up to `LIMITS.drainBytes`), so that a client still
 * sending it gets the 413 instead of a broken pipe; a body longer than that
 * is refused at once, and the connection closed.
 */
export async function readBody(request: MockRequest): Promise<Buffer> {
  const declared = Number(request.headers["content-length"]);
  const tooLarge = (size: number) =>
    new Refusal(
      413,
      `The body is ${size > LIMITS.drainBytes ? `over ${LIMITS.drainBytes}` : size} bytes; at most ${LIMITS.bodyBytes} are accepted.`,
    );
  if (declared > LIMITS.drainBytes) {
    throw tooLarge(declared);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body ?? []) {
    size += chunk.length;
    if (size > LIMITS.drainBytes) {
      throw tooLarge(size);
    }
    if (size <= LIMITS.bodyBytes) {
      chunks.push(chunk);
    }
  }
  if (size > LIMITS.bodyBytes) {
    throw tooLarge(size);
  }
  return Buffer.concat(chunks);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The body as JSON, within the limits on encoding, nesting and size. */
export function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new Refusal(400, "The body is not valid UTF-8.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Refusal(400, `The request body is not valid JSON: ${(error as SyntaxError).message}`);
  }
  // Counted without recursion, so that no depth can overflow the stack.
  let values = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== "object") {
      continue;
    }
    if (depth >= LIMITS.depth) {
      throw new Refusal(400, `The body nests deeper than ${LIMITS.depth} levels.`);
    }
    const children = Array.isArray(item) ? item : Object.values(item);
    values += children.length;
    if (values > LIMITS.values) {
      throw new Refusal(413, `The body holds more than ${LIMITS.values} values.`);
    }
    for (const child of children) {
      stack.push([child, depth + 1]);
    }
  }
  return value;
}

/** The content types a body may be sent as: JSON, in UTF-8. */
export function checkContentType(header: string | undefined): void {
  const [type, ...parameters] = String(header ?? "")
    .split(";")
    .map((s) => s.trim().toLowerCase());
  if (type !== "application/json" && !/^application\/[\w.-]+\+json$/.test(type ?? "")) {
    throw new Refusal(415, `The body must be sent as application/json${type ? `, not ${type}` : ""}.`);
  }
  const charset = parameters
    .find((p) => p.startsWith("charset="))
    ?.slice(8)
    .replace(/"/g, "");
  if (charset && charset !== "utf-8" && charset !== "utf8") {
    throw new Refusal(415, `The body must be UTF-8, not ${charset}.`);
  }
}

/** The bearer token of an Authorization header, if it carries one. */
export const bearer = (header: string | string[] | undefined) =>
  /^Bearer\s+(\S+)$/i.exec(String(header ?? "").trim())?.[1];
