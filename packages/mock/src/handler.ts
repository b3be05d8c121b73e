// The mock's answers, whatever carries the request (the node:http server in
// server.ts, or the in-process fetch in fetch.ts): Prism's request validator
// and response negotiator (@stoplight/prism-http, used as a library) behind
// checks of our own, which own everything a hostile client can reach first:
// the request target, the body's size, encoding, nesting and count of values,
// the token, the error format and the logs; and the state (state.ts) that
// makes the mock answer what was created, per token. Every refusal is the
// API's own `ErrorBody`, with `details` naming the fields that were actually wrong.
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import type { IHttpMockConfig, IHttpNameValue, IHttpNameValues, IHttpOperationConfig, IHttpRequest } from "@stoplight/prism-http";
import { emptyParameterDiagnostics } from "./empty-parameters.ts";
import { LIMITS } from "./limits.ts";
import { loadOperations } from "./load-operations.ts";
import { asCreated, freshIdLike, replaceIds, resourceIds } from "./resources.ts";
import { documentedErrorCode, IDEMPOTENCY_KEY, type Operation, pairRoutes, type Route } from "./routes.ts";
import { createState, type StoredAnswer } from "./state.ts";

const require = createRequire(import.meta.url);
const { createInstance } = require("@stoplight/prism-http") as typeof import("@stoplight/prism-http");

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
      if (LEVELS[at] < threshold) {
        return;
      }
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
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "BAD_REQUEST",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "UNPROCESSABLE_ENTITY",
  429: "TOO_MANY_REQUESTS",
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
    if (missing) {
      [location, text] = [[...path, missing[1]], "is required"];
    } else if (extra) {
      [location, text] = [[...path, extra[1]], "is not a property of this object"];
    }
    const field = fieldName(location.map(String)) || "body";
    const key = `${field}\n${text}`;
    if (!seen.has(key)) {
      seen.set(key, { field, message: text, depth: location.length });
    }
  }
  return [...seen.values()].sort((a, b) => b.depth - a.depth).map(({ field, message }) => ({ field, message }));
}

/**
 * Reads the body, at most `LIMITS.bodyBytes` of it. A longer body is read to
 * its end and dropped (up to `LIMITS.drainBytes`), so that a client still
 * sending it gets the 413 instead of a broken pipe; a body longer than that
 * is refused at once, and the connection closed.
 */
async function readBody(request: MockRequest): Promise<Buffer> {
  const declared = Number(request.headers["content-length"]);
  const tooLarge = (size: number) =>
    new Refusal(413, `The body is ${size > LIMITS.drainBytes ? `over ${LIMITS.drainBytes}` : size} bytes; at most ${LIMITS.bodyBytes} are accepted.`);
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
  if (charset && charset !== "utf-8" && charset !== "utf8") {
    throw new Refusal(415, `The body must be UTF-8, not ${charset}.`);
  }
}

export interface MockHandlerOptions {
  /** The bundled spec (see src/spec-path.ts). */
  specPath: string;
  dynamic?: boolean;
  seed?: string | undefined;
  /** `debug`, `info`, `warn` (the default), `error` or `silent`; another value counts as `warn`. */
  logLevel?: string;
  /**
   * The bearer tokens the mock accepts, each a tenant of its own; any other is a 401. When none
   * is given, any token of the test form (one that starts with `test`) is accepted.
   */
  tokens?: readonly string[] | undefined;
}

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

/** A token of the test form, which the mock accepts when it was given no `tokens`. */
export const TEST_TOKEN_FORM = /^test/;

const requestId = () => `req_${randomBytes(12).toString("base64url").replace(/[-_]/g, "0")}`;

const bearer = (header: string | string[] | undefined) => /^Bearer\s+(\S+)$/i.exec(String(header ?? "").trim())?.[1];

/** A body as the mock compares bodies under one Idempotency-Key: its JSON with members in one order, so that only a change of content is another body. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "";
}

/** The schema of the JSON body `operation` answers with `status`. */
const answerSchema = (operation: Operation, status: number) =>
  (operation.responses.find((r) => r.code === String(status))?.contents ?? []).find((c) => /json/.test(c.mediaType))?.schema as
    | Record<string, unknown>
    | undefined;

/** Creates the mock's request handler for the bundled spec at `specPath`: one spec read, one state. */
export async function createMockHandler({ specPath, dynamic = false, seed, logLevel = "warn", tokens }: MockHandlerOptions) {
  const log = createLogger(logLevel);
  const operations = await loadOperations(specPath);
  const routes = pairRoutes(operations);
  const state = createState();
  const accepted = tokens?.length ? new Set(tokens) : undefined;
  const acceptsToken = (token: string | undefined) => token !== undefined && (accepted ? accepted.has(token) : TEST_TOKEN_FORM.test(token));
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

  const notFound = (id: string, collection: string) =>
    new Refusal(404, `No resource ${id} exists at ${collection} for this token (the mock keeps the latest ${LIMITS.resources} it made).`);

  /** Prism's answer to a valid request (or the refusal of an invalid one), made the state's: fresh ids, read-backs. */
  async function negotiate(route: Route, request: MockRequest, url: URL, body: unknown, token: string | undefined): Promise<StoredAnswer> {
    const query: IHttpNameValues = {};
    for (const key of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(key);
      query[key] = values.length === 1 ? values[0]! : values;
    }
    const preferred = preferences(request.headers.prefer);
    // `Prefer: code=` or `example=` asks for a documented answer as the spec writes it, outside the state.
    const selected = preferred.code !== undefined || preferred.exampleKey !== undefined;
    const read = route.reads && !selected ? route.reads : undefined;
    const collection = url.pathname.slice(0, url.pathname.lastIndexOf("/"));
    const id = route.reads ? decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf("/") + 1)) : "";
    const resource = read && token !== undefined ? state.resource(token, collection, id) : undefined;
    // The method matched a route, so it is one of the spec's (Prism wants it in lower case);
    // the headers go to Prism as read.
    const input: IHttpRequest = {
      method: request.method.toLowerCase() as IHttpRequest["method"],
      url: { path: url.pathname, query },
      headers: request.headers as IHttpNameValue,
      body,
    };
    const asked: IHttpMockConfig = { ...config, mock: { ...config.mock, ...preferred } };
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
    // Valid, so the id is well-formed: one the mock never made (nor the documented one) does not exist.
    if (read && !resource && !read.seeded.has(id)) {
      throw notFound(id, collection);
    }
    // A 404 asked for with `Prefer: code=404` names the id asked for, not the example's.
    if (route.reads && output.statusCode === 404 && preferred.exampleKey === undefined) {
      throw notFound(id, collection);
    }
    const outputProblems = validations.output.filter((v) => v.severity === 0);
    const headers: IHttpNameValue = { ...output.headers };
    if (outputProblems.length) {
      // The mock's answer breaks the spec (a bad example, a generator bug): said in a header, as Prism does.
      headers["sl-violations"] = JSON.stringify(
        outputProblems.slice(0, 20).map((v) => ({ location: ["response", ...(v.path ?? [])], code: v.code, message: v.message })),
      );
    }
    let answerBody: unknown = output.body;
    const ok = output.statusCode >= 200 && output.statusCode < 300;
    if (output.statusCode >= 400 && asked.mock.dynamic && answerBody !== null && typeof answerBody === "object" && "code" in answerBody) {
      // A generated error body carries the code its status documents, not one drawn at random.
      const code = documentedErrorCode(route.operation, output.statusCode) ?? CODES[output.statusCode];
      if (code) {
        answerBody = { ...answerBody, code };
      }
    }
    if (ok && route.creates && !selected && token !== undefined) {
      const ids = resourceIds(answerBody);
      const fresh = new Map(ids.map((documented) => [documented, freshIdLike(documented)]));
      answerBody = replaceIds(answerBody, fresh);
      const fields = { ...pathValues(route, url.pathname), ...(body !== null && typeof body === "object" && !Array.isArray(body) ? body : {}) };
      for (const made of fresh.values()) {
        state.keepResource(token, url.pathname, made, fields);
      }
    }
    if (ok && resource) {
      const fields = JSON.parse(resource.fields) as Record<string, unknown>;
      answerBody = asCreated(answerBody, answerSchema(route.operation, output.statusCode), id, fields);
    }
    const contentType = String(headers["content-type"] ?? headers["Content-type"] ?? "");
    const payload: string =
      answerBody === undefined ? "" : typeof answerBody === "string" && !/json/.test(contentType) ? answerBody : JSON.stringify(answerBody);
    return { status: output.statusCode, headers: headers as Record<string, string>, payload };
  }

  async function answer(request: MockRequest): Promise<StoredAnswer> {
    let url: URL;
    try {
      if (!request.target.startsWith("/")) {
        throw new Error("not an origin-form target");
      }
      url = new URL(request.target, "http://mock.invalid");
      decodeURIComponent(url.pathname);
    } catch {
      throw new Refusal(400, "The request target is not a valid path.");
    }
    const method = request.method;
    const onPath = routes.filter((route) => route.pattern.test(url.pathname));
    const route = onPath.find((r) => r.method === method);
    if (!route) {
      if (!onPath.length) {
        throw new Refusal(404, `No operation answers ${url.pathname}.`);
      }
      const allow = onPath.map((r) => r.method).join(", ");
      throw new Refusal(405, `${method} is not allowed on ${url.pathname}; use ${allow}.`, { headers: { allow } });
    }
    // The token first, as the API checks it before it reads anything else.
    const token = bearer(request.headers.authorization);
    if (route.secured && !token) {
      throw new Refusal(401, "A bearer token is required: send `Authorization: Bearer <token>`.");
    }
    if (route.secured && !acceptsToken(token)) {
      throw new Refusal(
        401,
        accepted
          ? "This token is not one the mock was started with (`--token`)."
          : "This token is not of the mock's test form: start it with `test` (or start the mock with `--token <yours>`).",
      );
    }
    let body: unknown;
    if (route.hasBody && request.body) {
      checkContentType(request.headers["content-type"] as string | undefined);
      body = parseJson(await readBody(request));
    } else if (request.body) {
      await readBody(request); // a body this operation does not take: read (within the limit) and ignored
    }

    const key = request.headers[IDEMPOTENCY_KEY];
    if (!route.idempotent || typeof key !== "string" || key === "" || token === undefined) {
      return negotiate(route, request, url, body, token);
    }
    const sent = canonical(body);
    const outcome = await state.idempotent(token, route.operation.id, key, async () => {
      const answered = await negotiate(route, request, url, body, token);
      return { answer: answered, ...(answered.status >= 200 && answered.status < 300 ? { keep: { body: sent, answer: answered } } : {}) };
    });
    if ("answer" in outcome) {
      return outcome.answer;
    }
    if (outcome.replay.body !== sent) {
      throw new Refusal(409, "This Idempotency-Key was first sent with another body: send a new key for a new request.");
    }
    return outcome.replay.answer;
  }

  /** The answer to `request`: Prism's, the state's, or a refusal in the API's error format. `complete` says whether the body was read to its end. */
  async function handle(request: MockRequest): Promise<StoredAnswer> {
    const started = performance.now();
    let answered: StoredAnswer;
    try {
      answered = await answer(request);
    } catch (error) {
      const refusal = error instanceof Refusal ? error : new Refusal(500, "The mock failed to answer.");
      if (!(error instanceof Refusal)) {
        log.error(`${request.method} ${request.target.slice(0, 200)}: ${(error as { stack?: unknown } | null | undefined)?.stack ?? error}`);
      }
      const body = { code: CODES[refusal.status] ?? "BAD_REQUEST", message: refusal.message, ...(refusal.details ? { details: refusal.details } : {}) };
      answered = {
        status: refusal.status,
        headers: { "content-type": "application/json", "x-request-id": requestId(), ...refusal.headers },
        payload: JSON.stringify(body),
      };
    }
    log.info(`${request.method} ${request.target.split("?")[0]?.slice(0, 200)} → ${answered.status} (${Math.round(performance.now() - started)} ms)`);
    return answered;
  }

  // The paths of the spec's servers (`/api/v1`): what an in-process fetch finds before an operation's path.
  const basePaths = [
    ...new Set(
      operations.flatMap((operation) =>
        (operation.servers ?? []).map((server) => {
          try {
            return new URL(server.url).pathname.replace(/\/+$/, "");
          } catch {
            return "";
          }
        }),
      ),
    ),
  ].filter(Boolean);

  return { handle, state, basePaths };
}

/** The path parameters of `pathname`, by name, as the route's path names them. */
function pathValues(route: Route, pathname: string): Record<string, string> {
  const template = route.operation.path.split("/");
  const values: Record<string, string> = {};
  pathname.split("/").forEach((segment, index) => {
    const name = /^\{([^}]+)\}$/.exec(template[index] ?? "")?.[1];
    if (name) {
      values[name] = decodeURIComponent(segment);
    }
  });
  return values;
}
