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
import type { ErrorBody, ErrorCode, ErrorDetail } from "@billing-api/types";

/** Where a prototype lists its class's name, then its parents'; `Symbol.for`, so every copy shares it. */
const KINDS = Symbol.for("@billing-api/client:error-kinds");
const ordinaryHasInstance = Function.prototype[Symbol.hasInstance];

export type { ErrorBody, ErrorCode, ErrorDetail };

export interface APIErrorInit {
  status?: number | undefined;
  /** What the answer carried: its parsed JSON, or its text. */
  rawBody?: unknown;
  headers?: Headers | undefined;
  cause?: unknown;
}

export class APIError extends Error {
  override name = "APIError";
  /** The HTTP status, or undefined when no answer came back. */
  declare readonly status: number | undefined;
  /** The error body's machine-readable `code`, such as `UNPROCESSABLE_ENTITY`. */
  declare readonly code: ErrorCode | undefined;
  /** The API's error body, when the answer carried one (`code`, `message`, `details`). */
  declare readonly body: ErrorBody | undefined;
  /** What the answer carried, whatever it was: its parsed JSON, or its text. */
  declare readonly rawBody: unknown;
  /** The response's headers. */
  declare readonly headers: Headers | undefined;
  /** The API's `x-request-id` for this request: quote it when asking for support. */
  declare readonly requestId: string | undefined;

  constructor(message: string, init: APIErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    const raw = init.rawBody as Partial<ErrorBody> | null | undefined;
    this.status = init.status;
    this.rawBody = raw;
    this.body =
      typeof raw === "object" && raw !== null && typeof raw.code === "string" ? (raw as ErrorBody) : undefined;
    this.code = this.body?.code;
    this.headers = init.headers;
    this.requestId = init.headers?.get("x-request-id") ?? undefined;
  }

  /** True for this class's errors, whichever copy of the package (ESM or CommonJS) made them. */
  static [Symbol.hasInstance](value: unknown): boolean {
    // A user's subclass has no list of its own: only the ordinary check applies to it.
    const own =
      Object.hasOwn(this.prototype, KINDS) && (this.prototype as unknown as Record<symbol, string[]>)[KINDS]![0];
    return (
      ordinaryHasInstance.call(this, value) ||
      (!!own && !!(value as Record<symbol, string[] | undefined> | null)?.[KINDS]?.includes(own))
    );
  }

  /** The field-level details of a validation error (empty otherwise). */
  get details(): ErrorDetail[] {
    return this.body?.details ?? [];
  }

  toJSON() {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      requestId: this.requestId,
      body: this.rawBody,
    };
  }

  /** The subclass for an error answer, with the body's `code` and `message`. */
  static fromResponse(status: number, rawBody: unknown, headers: Headers): APIError {
    const { code, message, details } = (typeof rawBody === "object" && rawBody !== null ? rawBody : {}) as Partial<
      Record<keyof ErrorBody, unknown>
    >;
    const text =
      typeof message === "string" && message
        ? message
        : typeof rawBody === "string" && rawBody
          ? rawBody
          : "(no message)";
    const fields = Array.isArray(details) ? (details as ErrorDetail[]) : [];
    const suffix = fields.length > 0 ? ` [${fields.map((d) => `${d.field}: ${d.message}`).join("; ")}]` : "";
    const ErrorClass = BY_STATUS[status] ?? (status >= 500 ? InternalServerError : APIError);
    return new ErrorClass(`${status}${typeof code === "string" ? ` ${code}` : ""}: ${text}${suffix}`, {
      status,
      rawBody,
      headers,
    });
  }
}

function kind<T extends abstract new (...args: never[]) => unknown>(type: T, name: string): T {
  const parent = Object.getPrototypeOf(type.prototype) as Record<symbol, string[] | undefined>;
  Object.defineProperty(type.prototype, KINDS, { value: [name, ...(parent[KINDS] ?? [])] });
  return type;
}
kind(APIError, "APIError");

// One class per status family, each with its own `name` (and `status`), so that
// `instanceof` tells them apart and narrows in TypeScript.

/** 400: the request could not be read. */
export class BadRequestError extends APIError {
  override name = "BadRequestError" as const;
  declare readonly status: 400;
}
/** 401: the token is missing or wrong. */
export class AuthenticationError extends APIError {
  override name = "AuthenticationError" as const;
  declare readonly status: 401;
}
/** 403: the token may not do this. */
export class PermissionDeniedError extends APIError {
  override name = "PermissionDeniedError" as const;
  declare readonly status: 403;
}
/** 404: no such resource. */
export class NotFoundError extends APIError {
  override name = "NotFoundError" as const;
  declare readonly status: 404;
}
/** 409: the request conflicts with the resource's state. */
export class ConflictError extends APIError {
  override name = "ConflictError" as const;
  declare readonly status: 409;
}
/** 413: the body is too large (over 1 MiB, or more than 10,000 values). */
export class PayloadTooLargeError extends APIError {
  override name = "PayloadTooLargeError" as const;
  declare readonly status: 413;
}
/** 415: the body is not JSON. */
export class UnsupportedMediaTypeError extends APIError {
  override name = "UnsupportedMediaTypeError" as const;
  declare readonly status: 415;
}
/** 422: the body breaks the schema; `details` names each field. */
export class UnprocessableEntityError extends APIError {
  override name = "UnprocessableEntityError" as const;
  declare readonly status: 422;
}
/** 429: too many requests; see `headers.get("retry-after")`. */
export class RateLimitError extends APIError {
  override name = "RateLimitError" as const;
  declare readonly status: 429;
}
/** 5xx: the server failed. */
export class InternalServerError extends APIError {
  override name = "InternalServerError" as const;
  declare readonly status: number;
}

const BY_STATUS: Record<number, typeof APIError> = {
  400: kind(BadRequestError, "BadRequestError"),
  401: kind(AuthenticationError, "AuthenticationError"),
  403: kind(PermissionDeniedError, "PermissionDeniedError"),
  404: kind(NotFoundError, "NotFoundError"),
  409: kind(ConflictError, "ConflictError"),
  413: kind(PayloadTooLargeError, "PayloadTooLargeError"),
  415: kind(UnsupportedMediaTypeError, "UnsupportedMediaTypeError"),
  422: kind(UnprocessableEntityError, "UnprocessableEntityError"),
  429: kind(RateLimitError, "RateLimitError"),
};
kind(InternalServerError, "InternalServerError");

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
