// The mock's HTTP server: Prism's request validator and response negotiator
// (@stoplight/prism-http, used as a library) behind a small node:http server
// of our own, which owns everything a hostile client can reach first: the
// request target, the body's size, encoding, nesting and count of values, the
// error format and the logs. Every refusal is the API's own `ErrorBody`, with
// `details` naming the fields that were actually wrong.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server } from "node:http";
import { createRequire } from "node:module";
import type { IHttpMockConfig, IHttpNameValue, IHttpNameValues, IHttpOperationConfig, IHttpRequest } from "@stoplight/prism-http";
import { emptyParameterDiagnostics } from "./empty-parameters.ts";
import { LIMITS } from "./limits.ts";

const require = createRequire(import.meta.url);
const { createInstance, getHttpOperationsFromSpec } = require("@stoplight/prism-http") as typeof import("@stoplight/prism-http");

/** An operation of the spec, as Prism reads it. */
type Operation = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>[number];
type PrismLogger = Parameters<typeof createInstance>[1]["logger"];

/** What `detailsOf` reads of one of Prism's validation results (an `IPrismDiagnostic`). */
export interface Diagnostic {
  path?: readonly string[] | undefined;
  code?: string | number | undefined;
  message: string;
}

/** One entry of an `ErrorBody`'s `details`. */
export interface Detail {
  field: string;
  message: string;
}

// Dynamic answers fill every optional field; at most two items per array keep
// them varied but small (a proposal nests a dozen levels of bounded arrays).
// They invent no field the spec does not document (`fillProperties: false`):
// response schemas are open to additions, and json-schema-faker would otherwise
// add random properties to every open object. This is the json-schema-faker
// that Prism's generator uses: the options are set on it once, after Prism set its own.
const prismRequire = createRequire(require.resolve("@stoplight/prism-http"));
const jsf = prismRequire("json-schema-faker") as { JSONSchemaFaker: { option(options: { maxItems: number; fillProperties: boolean }): void } };
jsf.JSONSchemaFaker.option({ maxItems: 2, fillProperties: false });

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
type Level = keyof typeof LEVELS;

/**
 * A logger: one line per event on stderr, at `level` and above. Request lines
 * carry the method, the path, the status and the time taken, never a body or
 * a header value.
 */
function createLogger(level = "warn") {
  const threshold = (LEVELS as Record<string, number | undefined>)[level] ?? LEVELS.warn;
  const write =
    (at: Level) =>
    (...args: unknown[]) => {
      if (LEVELS[at] < threshold) return;
      const message = args.find((arg) => typeof arg === "string") ?? "";
      process.stderr.write(`[mock] ${at}: ${message}\n`);
    };
  // Prism's own messages are about its choices (which example, which status); they go to debug.
  const prism = {
    child: () => prism,
    trace() {},
    debug: write("debug"),
    info: write("debug"),
    success: write("debug"),
    warn: write("debug"),
    error: write("warn"),
    fatal: write("error"),
  };
  // Prism calls only these methods of its (pino) logger.
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error"), prism: prism as unknown as PrismLogger };
}

/** The documented error codes, by status. */
const CODES: Readonly<Record<number, string>> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  404: "NOT_FOUND",
  405: "BAD_REQUEST",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "UNPROCESSABLE_ENTITY",
  500: "INTERNAL_SERVER_ERROR",
};

class Refusal extends Error {
  status: number;
  details: Detail[] | undefined;
  headers: Record<string, string> | undefined;

  constructor(status: number, message: string, { details, headers }: { details?: Detail[] | undefined; headers?: Record<string, string> } = {}) {
    super(message);
    this.status = status;
    this.details = details;
    this.headers = headers;
  }
}

/** `true`, `false` or the value: what a `Prefer` header asks of the mock (`code=422, example=x, dynamic=true, seed=s`). */
function preferences(header: string | string[] | undefined): Partial<IHttpOperationConfig> {
  const mock: Partial<IHttpOperationConfig> = {};
  for (const part of String(header ?? "").split(/[,;]/)) {
    const [key, value] = part.split("=").map((s) => s?.trim());
    if (!key || value === undefined) continue;
    if (key === "code" && /^\d{3}$/.test(value)) mock.code = Number(value);
    else if (key === "example") mock.exampleKey = value;
    else if (key === "dynamic") mock.dynamic = value === "true";
    else if (key === "seed") mock.seed = value;
  }
  return mock;
}

/** The operations of the spec as routes: method, a regular expression of the path, and what the request may carry. */
function routesOf(operations: readonly Operation[]) {
  return operations.map((operation) => {
    const pattern = operation.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, "[^/]+");
    const contents = operation.request?.body?.contents ?? [];
    return {
      operation,
      method: operation.method.toUpperCase(),
      pattern: new RegExp(`^${pattern}$`),
      hasBody: contents.length > 0,
      secured: (operation.security ?? []).some((alternatives) => alternatives.length > 0),
    };
  });
}

/** A JSON path for `details[].field`: `add_ons[0].quantity`. Parameters are prefixed with where they go (`path.company_id`). */
function fieldName(location: readonly string[]): string {
  const [where, ...rest] = location;
  const dotted = rest.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), "");
  return where === "body" ? dotted : [where, dotted].filter(Boolean).join(".");
}

/** Prism's diagnostics as `details`: one per field and rule, the most specific first. */
export function detailsOf(diagnostics: readonly Diagnostic[]): Detail[] {
  const seen = new Map<string, Detail & { depth: number }>();
  for (const { path = [], code, message } of diagnostics) {
    let location: readonly (string | undefined)[] = path;
    let text = String(message).replace(/^Request (?:body|path|query|header)(?: (?:parameter|property) \S+)? /, "");
    const missing = code === "required" && /required property '([^']+)'/.exec(message);
    const extra = code === "additionalProperties" && /found '([^']+)'/.exec(message);
    if (missing) [location, text] = [[...path, missing[1]], "is required"];
    else if (extra) [location, text] = [[...path, extra[1]], "is not a property of this object"];
    const field = fieldName(location.map(String)) || "body";
    const key = `${field}\n${text}`;
    if (!seen.has(key)) seen.set(key, { field, message: text, depth: location.length });
  }
  return [...seen.values()].sort((a, b) => b.depth - a.depth).map(({ field, message }) => ({ field, message }));
}

/**
 * Reads the body, at most `LIMITS.bodyBytes` of it. A longer body is read to
 * its end and dropped (up to `LIMITS.drainBytes`), so that a client still
 * sending it gets the 413 instead of a broken pipe; a body longer than that
 * is refused at once, and the connection closed.
 */
async function readBody(request: IncomingMessage): Promise<Buffer> {
  const declared = Number(request.headers["content-length"]);
  const tooLarge = (size: number) =>
    new Refusal(413, `The body is ${size > LIMITS.drainBytes ? `over ${LIMITS.drainBytes}` : size} bytes; at most ${LIMITS.bodyBytes} are accepted.`);
  if (declared > LIMITS.drainBytes) throw tooLarge(declared);
  const chunks: Buffer[] = [];
  let size = 0;
  // No encoding is set on the request: its chunks are Buffers.
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LIMITS.drainBytes) throw tooLarge(size);
    if (size <= LIMITS.bodyBytes) chunks.push(chunk);
  }
  if (size > LIMITS.bodyBytes) throw tooLarge(size);
  return Buffer.concat(chunks);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The body as JSON, within the limits on encoding, nesting and size. */
function parseJson(bytes: Uint8Array): unknown {
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
    if (item === null || typeof item !== "object") continue;
    if (depth >= LIMITS.depth) throw new Refusal(400, `The body nests deeper than ${LIMITS.depth} levels.`);
    const children = Array.isArray(item) ? item : Object.values(item);
    values += children.length;
    if (values > LIMITS.values) throw new Refusal(413, `The body holds more than ${LIMITS.values} values.`);
    for (const child of children) stack.push([child, depth + 1]);
  }
  return value;
}

/** The content types a body may be sent as: JSON, in UTF-8. */
function checkContentType(header: string | undefined): void {
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
  if (charset && charset !== "utf-8" && charset !== "utf8") throw new Refusal(415, `The body must be UTF-8, not ${charset}.`);
}

export interface MockServerOptions {
  /** The bundled spec (see src/spec-path.ts). */
  specPath: string;
  dynamic?: boolean;
  seed?: string | undefined;
  /** `debug`, `info`, `warn` (the default), `error` or `silent`; another value counts as `warn`. */
  logLevel?: string;
}

const requestId = () => `req_${randomBytes(12).toString("base64url").replace(/[-_]/g, "0")}`;

/** Creates the mock's server (not yet listening) for the bundled spec at `specPath`. */
export async function createMockServer({ specPath, dynamic = false, seed, logLevel = "warn" }: MockServerOptions): Promise<Server> {
  const log = createLogger(logLevel);
  const operations = await getHttpOperationsFromSpec(specPath);
  const routes = routesOf(operations);
  const config: IHttpMockConfig = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: false,
    isProxy: false,
    upstreamProxy: undefined,
    mock: { dynamic, seed },
  };
  const prism = createInstance(config, { logger: log.prism });

  async function answer(request: IncomingMessage): Promise<{ status: number; headers: IHttpNameValue; payload: string }> {
    let url: URL;
    try {
      if (!request.url?.startsWith("/")) throw new Error("not an origin-form target");
      url = new URL(request.url, "http://mock.invalid");
      decodeURIComponent(url.pathname);
    } catch {
      throw new Refusal(400, "The request target is not a valid path.");
    }
    const method = request.method ?? "GET";
    const onPath = routes.filter((route) => route.pattern.test(url.pathname));
    const route = onPath.find((r) => r.method === method);
    if (!route) {
      if (!onPath.length) throw new Refusal(404, `No operation answers ${url.pathname}.`);
      const allow = onPath.map((r) => r.method).join(", ");
      throw new Refusal(405, `${method} is not allowed on ${url.pathname}; use ${allow}.`, { headers: { allow } });
    }
    // The token first, as the API checks it before it reads anything else.
    if (route.secured && !/^Bearer\s+\S+$/i.test(String(request.headers.authorization ?? "").trim())) {
      throw new Refusal(401, "A bearer token is required: send `Authorization: Bearer <token>`.");
    }
    let body: unknown;
    const hasContent = Number(request.headers["content-length"] ?? 0) > 0 || request.headers["transfer-encoding"] !== undefined;
    if (route.hasBody && hasContent) {
      checkContentType(request.headers["content-type"]);
      body = parseJson(await readBody(request));
    } else if (hasContent) {
      await readBody(request); // a body this operation does not take: read (within the limit) and ignored
    }

    const query: IHttpNameValues = {};
    for (const key of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(key);
      query[key] = values.length === 1 ? values[0]! : values;
    }
    // The method matched a route, so it is one of the spec's (Prism wants it in lower case);
    // the headers go to Prism as Node parsed them.
    const input: IHttpRequest = {
      method: method.toLowerCase() as IHttpRequest["method"],
      url: { path: url.pathname, query },
      headers: request.headers as IHttpNameValue,
      body,
    };
    const asked: IHttpMockConfig = { ...config, mock: { ...config.mock, ...preferences(request.headers.prefer) } };
    const result = await prism.request(input, operations, asked)();
    if (result._tag === "Left") {
      // Prism cannot answer as asked (a `Prefer: code=` the operation does not document, say).
      // Its errors (ProblemJsonError) carry the status it would have answered.
      const { status: prismStatus } = result.left as Error & { status?: number };
      const status = prismStatus !== undefined && prismStatus >= 400 && prismStatus < 500 ? 400 : 500;
      throw new Refusal(status, `The mock cannot answer this request: ${result.left.message}.`);
    }

    const { output, validations } = result.right;
    const invalid = [...validations.input.filter((v) => v.severity === 0), ...emptyParameterDiagnostics(route.operation, { headers: request.headers, query })];
    if (invalid.length) {
      const unauthorized = invalid.some((v) => v.code === 401);
      const details = unauthorized ? undefined : detailsOf(invalid);
      const message = !details
        ? "A bearer token is required: send `Authorization: Bearer <token>`."
        : `${details.length} field${details.length === 1 ? " is" : "s are"} invalid${details.length > LIMITS.details ? `; the first ${LIMITS.details} are listed` : ""}.`;
      throw new Refusal(unauthorized ? 401 : 422, message, { details: details?.slice(0, LIMITS.details) });
    }
    const outputProblems = validations.output.filter((v) => v.severity === 0);
    const headers: IHttpNameValue = { ...output.headers };
    if (outputProblems.length) {
      // The mock's answer breaks the spec (a bad example, a generator bug): said in a header, as Prism does.
      headers["sl-violations"] = JSON.stringify(
        outputProblems.slice(0, 20).map((v) => ({ location: ["response", ...(v.path ?? [])], code: v.code, message: v.message })),
      );
    }
    const contentType = String(headers["content-type"] ?? headers["Content-type"] ?? "");
    const payload: string =
      output.body === undefined ? "" : typeof output.body === "string" && !/json/.test(contentType) ? output.body : JSON.stringify(output.body);
    return { status: output.statusCode, headers, payload };
  }

  const server = createServer(async (request, response) => {
    const started = performance.now();
    const origin = request.headers.origin;
    // Browsers call the mock from other origins (a web app on its dev server).
    if (origin) {
      response.setHeader("access-control-allow-origin", origin);
      response.setHeader("vary", "origin");
      response.setHeader("access-control-expose-headers", "x-request-id, retry-after, retry-after-ms, sl-violations");
    }
    if (request.method === "OPTIONS" && origin && request.headers["access-control-request-method"]) {
      response.setHeader("access-control-allow-methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
      response.setHeader("access-control-allow-headers", request.headers["access-control-request-headers"] ?? "*");
      response.setHeader("access-control-max-age", "600");
      response.writeHead(204).end();
      return;
    }
    let status: number;
    try {
      const answered = await answer(request);
      status = answered.status;
      response.writeHead(status, { ...answered.headers, "content-length": Buffer.byteLength(answered.payload) }).end(answered.payload);
    } catch (error) {
      const refusal = error instanceof Refusal ? error : new Refusal(500, "The mock failed to answer.");
      if (!(error instanceof Refusal))
        log.error(`${request.method} ${request.url?.slice(0, 200)}: ${(error as { stack?: unknown } | null | undefined)?.stack ?? error}`);
      status = refusal.status;
      const body = { code: CODES[status] ?? "BAD_REQUEST", message: refusal.message, ...(refusal.details ? { details: refusal.details } : {}) };
      const payload = JSON.stringify(body);
      const headers: OutgoingHttpHeaders = {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(payload),
        "x-request-id": requestId(),
        ...refusal.headers,
      };
      // A refusal sent before the body was read closes the connection, so the rest is never read.
      if (!request.complete) headers.connection = "close";
      if (!response.headersSent) response.writeHead(status, headers).end(payload);
      else response.destroy();
    }
    log.info(`${request.method} ${(request.url ?? "").split("?")[0]?.slice(0, 200)} → ${status} (${Math.round(performance.now() - started)} ms)`);
  });
  // No idle timeout on keep-alive connections (Node's 5 s timer could close a
  // connection that already carried the client's next request: ECONNRESET);
  // a limit on how long the headers may take instead.
  server.keepAliveTimeout = 0;
  server.headersTimeout = 30_000;
  server.requestTimeout = 60_000;
  server.on("clientError", (_error, socket) => {
    if (socket.writable && !socket.writableEnded) {
      const body = JSON.stringify({ code: "BAD_REQUEST", message: "The request could not be read." });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    } else socket.destroy();
  });
  return server;
}
