// The errors the client throws. Every failure is one of these: an answer with
// an error status is an `APIError` subclass chosen by status; a request that
// got no answer is an `APIConnectionError` (or its `APITimeoutError`), and one
// the caller aborted is an `APIUserAbortError`. None of them holds the request,
// so none can show the token.
//
// An app can load this package twice, as ESM (`import`) and as CommonJS
// (`require`): two copies of every class. Each class's prototype lists its
// name and its parents' names under a global symbol, and `instanceof` checks
// that list as well as the prototype chain, so an error of either copy is an
// instance of both copies' classes.

/** Where a prototype lists its class's name, then its parents'; `Symbol.for`, so every copy shares it. */
const KINDS = Symbol.for("@billing-api/client:error-kinds");
const ordinaryHasInstance = Function.prototype[Symbol.hasInstance];

/** One field that failed validation, as the error body's `details` lists it. */
export interface ErrorDetail {
  field: string;
  message: string;
}

export interface APIErrorInit {
  status?: number | undefined;
  code?: string | undefined;
  body?: unknown;
  headers?: Headers | undefined;
  cause?: unknown;
}

export class APIError extends Error {
  override name = "APIError";
  /** The HTTP status, or undefined when no answer came back. */
  declare readonly status: number | undefined;
  /** The error body's machine-readable `code`, such as `UNPROCESSABLE_ENTITY`. */
  declare readonly code: string | undefined;
  /** The parsed error body, as the API sent it. */
  declare readonly body: unknown;
  /** The response's headers. */
  declare readonly headers: Headers | undefined;
  /** The API's `x-request-id` for this request: quote it when asking for support. */
  declare readonly requestId: string | undefined;

  constructor(message: string, init: APIErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.body = init.body;
    this.headers = init.headers;
    this.requestId = init.headers?.get("x-request-id") ?? undefined;
  }

  /** True for this class's errors, whichever copy of the package (ESM or CommonJS) made them. */
  static [Symbol.hasInstance](value: unknown): boolean {
    // A user's subclass has no list of its own: only the ordinary check applies to it.
    const own = Object.hasOwn(this.prototype, KINDS) && (this.prototype as unknown as Record<symbol, string[]>)[KINDS]![0];
    return ordinaryHasInstance.call(this, value) || (!!own && !!(value as Record<symbol, string[] | undefined> | null)?.[KINDS]?.includes(own));
  }

  /** The field-level details of a validation error (empty otherwise). */
  get details(): ErrorDetail[] {
    const details = (this.body as { details?: unknown } | undefined)?.details;
    return Array.isArray(details) ? (details as ErrorDetail[]) : [];
  }

  toJSON() {
    return { name: this.name, message: this.message, status: this.status, code: this.code, requestId: this.requestId, body: this.body };
  }

  /** The subclass for an error answer, with the body's `code` and `message`. */
  static fromResponse(status: number, body: unknown, headers: Headers): APIError {
    const { code, message } = (typeof body === "object" && body !== null ? body : {}) as { code?: unknown; message?: unknown };
    const text = typeof message === "string" && message ? message : typeof body === "string" && body ? body : "(no message)";
    const fields = (body as { details?: ErrorDetail[] } | undefined)?.details;
    const suffix = Array.isArray(fields) && fields.length > 0 ? ` [${fields.map((d) => `${d.field}: ${d.message}`).join("; ")}]` : "";
    const init = { status, code: typeof code === "string" ? code : undefined, body, headers };
    const ErrorClass = errorClassFor(status);
    return new ErrorClass(`${status}${init.code ? ` ${init.code}` : ""}: ${text}${suffix}`, init);
  }
}

/** A subclass of APIError that only changes `name`: one per status family, told apart with `instanceof`. */
const subclass = (name: string): typeof APIError =>
  kind(
    class extends APIError {
      override name = name;
    },
    name,
  );

function kind<T extends Function>(type: T, name: string): T {
  const parent = Object.getPrototypeOf(type.prototype) as Record<symbol, string[] | undefined>;
  Object.defineProperty(type.prototype, KINDS, { value: [name, ...(parent[KINDS] ?? [])] });
  return type;
}
kind(APIError, "APIError");

/** 400: the request could not be read. */
export const BadRequestError = subclass("BadRequestError");
export type BadRequestError = APIError;
/** 401: the token is missing or wrong. */
export const AuthenticationError = subclass("AuthenticationError");
export type AuthenticationError = APIError;
/** 403: the token may not do this. */
export const PermissionDeniedError = subclass("PermissionDeniedError");
export type PermissionDeniedError = APIError;
/** 404: no such resource. */
export const NotFoundError = subclass("NotFoundError");
export type NotFoundError = APIError;
/** 409: the request conflicts with the resource's state. */
export const ConflictError = subclass("ConflictError");
export type ConflictError = APIError;
/** 413: the body is too large (over 1 MiB, or more than 10,000 values). */
export const PayloadTooLargeError = subclass("PayloadTooLargeError");
export type PayloadTooLargeError = APIError;
/** 415: the body is not JSON. */
export const UnsupportedMediaTypeError = subclass("UnsupportedMediaTypeError");
export type UnsupportedMediaTypeError = APIError;
/** 422: the body breaks the schema; `details` names each field. */
export const UnprocessableEntityError = subclass("UnprocessableEntityError");
export type UnprocessableEntityError = APIError;
/** 429: too many requests; see `headers.get("retry-after")`. */
export const RateLimitError = subclass("RateLimitError");
export type RateLimitError = APIError;
/** 5xx: the server failed. */
export const InternalServerError = subclass("InternalServerError");
export type InternalServerError = APIError;

const BY_STATUS: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  415: UnsupportedMediaTypeError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

function errorClassFor(status: number): typeof APIError {
  return BY_STATUS[status] ?? (status >= 500 ? InternalServerError : APIError);
}

/** No answer came back: the connection failed, was reset, or the request timed out. */
export class APIConnectionError extends APIError {
  override name = "APIConnectionError";
  constructor(message = "Connection error: the request got no answer.", cause?: unknown) {
    super(message, { cause });
  }
}
kind(APIConnectionError, "APIConnectionError");

/** An attempt took longer than `timeoutMs` (and no retry was left). */
export class APITimeoutError extends APIConnectionError {
  override name = "APITimeoutError";
  /** `target`: the request, as `METHOD URL`. */
  constructor(timeoutMs: number, target?: string) {
    super(`Request timed out after ${timeoutMs} ms${target ? `: ${target}` : ""}.`);
  }
}
kind(APITimeoutError, "APITimeoutError");

/** The caller's `AbortSignal` stopped the request. */
export class APIUserAbortError extends APIError {
  override name = "APIUserAbortError";
  constructor(cause?: unknown) {
    super("Request was aborted.", { cause });
  }
}
kind(APIUserAbortError, "APIUserAbortError");
