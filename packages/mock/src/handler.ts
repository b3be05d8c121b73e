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
import type { IHttpMockConfig, IHttpNameValue, IHttpNameValues, IHttpRequest } from "@stoplight/prism-http";
import { emptyParameterDiagnostics } from "./empty-parameters.ts";
import { setFakerOptions } from "./faker-options.ts";
import { LIMITS } from "./limits.ts";
import { loadOperations } from "./load-operations.ts";
import { createLogger } from "./logger.ts";
import { CODES, detailsOf, Refusal } from "./refusal.ts";
import { bearer, checkContentType, type MockRequest, parseJson, preferences, readBody } from "./request-reading.ts";
import { asCreated, freshIdLike, replaceIds, resourceIds } from "./resources.ts";
import {
  answerSchema,
  documentedErrorCode,
  IDEMPOTENCY_KEY,
  matchRoute,
  pairRoutes,
  pathValues,
  type Route,
} from "./routes.ts";
import { canonicalBody, createState, type StoredAnswer } from "./state.ts";

export type { MockRequest } from "./request-reading.ts";

const require = createRequire(import.meta.url);
const { createInstance } = require("@stoplight/prism-http") as typeof import("@stoplight/prism-http");
setFakerOptions();

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

/** A token of the test form, which the mock accepts when it was given no `tokens`. */
export const TEST_TOKEN_FORM = /^test/;

const requestId = () => `req_${randomBytes(12).toString("base64url").replace(/[-_]/g, "0")}`;

/** Creates the mock's request handler for the bundled spec at `specPath`: one spec read, one state. */
export async function createMockHandler({
  specPath,
  dynamic = false,
  seed,
  logLevel = "warn",
  tokens,
}: MockHandlerOptions) {
  const log = createLogger(logLevel);
  const operations = await loadOperations(specPath);
  const routes = pairRoutes(operations);
  const state = createState();
  const accepted = tokens?.length ? new Set(tokens) : undefined;
  const acceptsToken = (token: string | undefined) =>
    token !== undefined && (accepted ? accepted.has(token) : TEST_TOKEN_FORM.test(token));
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
    new Refusal(
      404,
      `No resource ${id} exists at ${collection} for this token (the mock keeps the latest ${LIMITS.resources} it made).`,
    );

  /** Prism's answer to a valid request (or the refusal of an invalid one), made the state's: fresh ids, read-backs. */
  async function negotiate(
    route: Route,
    request: MockRequest,
    url: URL,
    body: unknown,
    token: string | undefined,
  ): Promise<StoredAnswer> {
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
    const invalid = [
      ...validations.input.filter((v) => v.severity === 0),
      ...emptyParameterDiagnostics(route.operation, { headers: request.headers, query }),
    ];
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
        outputProblems
          .slice(0, 20)
          .map((v) => ({ location: ["response", ...(v.path ?? [])], code: v.code, message: v.message })),
      );
    }
    let answerBody: unknown = output.body;
    const ok = output.statusCode >= 200 && output.statusCode < 300;
    if (
      output.statusCode >= 400 &&
      asked.mock.dynamic &&
      answerBody !== null &&
      typeof answerBody === "object" &&
      "code" in answerBody
    ) {
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
      const fields = {
        ...pathValues(route, url.pathname),
        ...(body !== null && typeof body === "object" && !Array.isArray(body) ? body : {}),
      };
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
      answerBody === undefined
        ? ""
        : typeof answerBody === "string" && !/json/.test(contentType)
          ? answerBody
          : JSON.stringify(answerBody);
    return { status: output.statusCode, headers: headers as Record<string, string>, payload };
  }

  async function answer(request: MockRequest): Promise<StoredAnswer> {
    const { route, url } = matchRoute(routes, request.method, request.target);
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
    const sent = canonicalBody(body);
    const outcome = await state.idempotent(token, route.operation.id, key, async () => {
      const answered = await negotiate(route, request, url, body, token);
      return {
        answer: answered,
        ...(answered.status >= 200 && answered.status < 300 ? { keep: { body: sent, answer: answered } } : {}),
      };
    });
    if ("answer" in outcome) {
      return outcome.answer;
    }
    if (outcome.replay.body !== sent) {
      throw new Refusal(
        409,
        "This Idempotency-Key was first sent with another body: send a new key for a new request.",
      );
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
        log.error(
          `${request.method} ${request.target.slice(0, 200)}: ${(error as { stack?: unknown } | null | undefined)?.stack ?? error}`,
        );
      }
      const body = {
        code: CODES[refusal.status] ?? "BAD_REQUEST",
        message: refusal.message,
        ...(refusal.details ? { details: refusal.details } : {}),
      };
      answered = {
        status: refusal.status,
        headers: { "content-type": "application/json", "x-request-id": requestId(), ...refusal.headers },
        payload: JSON.stringify(body),
      };
    }
    log.info(
      `${request.method} ${request.target.split("?")[0]?.slice(0, 200)} → ${answered.status} (${Math.round(performance.now() - started)} ms)`,
    );
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
