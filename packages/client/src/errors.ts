// The errors the client throws. Every failure is one of these: an answer with
// an error status is an `APIError` subclass chosen by status; a request that
// got no answer is an `APIConnectionError` (or its `APITimeoutError`), and one
// the caller aborted is an `APIUserAbortError`. None of them holds the request,
// so none can show the token.

/** One field that failed validation, as the error body's `details` lists it. */
export interface ErrorDetail {
  field: string;
  message: string;
}

interface APIErrorInit {
  status?: number | undefined;
  code?: string | undefined;
  body?: unknown;
  headers?: Headers | undefined;
  cause?: unknown;
}

export class APIError extends Error {
  override name = "APIError";
  /** The HTTP status, or undefined when no answer came back. */
  readonly status: number | undefined;
  /** The error body's machine-readable `code`, such as `UNPROCESSABLE_ENTITY`. */
  readonly code: string | undefined;
  /** The parsed error body, as the API sent it. */
  readonly body: unknown;
  /** The response's headers. */
  readonly headers: Headers | undefined;
  /** The API's `x-request-id` for this request: quote it when asking for support. */
  readonly requestId: string | undefined;

  constructor(message: string, init: APIErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.body = init.body;
    this.headers = init.headers;
    this.requestId = init.headers?.get("x-request-id") ?? undefined;
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

export class BadRequestError extends APIError {
  override name = "BadRequestError";
}
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
}
export class PermissionDeniedError extends APIError {
  override name = "PermissionDeniedError";
}
export class NotFoundError extends APIError {
  override name = "NotFoundError";
}
export class ConflictError extends APIError {
  override name = "ConflictError";
}
export class UnsupportedMediaTypeError extends APIError {
  override name = "UnsupportedMediaTypeError";
}
export class UnprocessableEntityError extends APIError {
  override name = "UnprocessableEntityError";
}
export class RateLimitError extends APIError {
  override name = "RateLimitError";
}
export class InternalServerError extends APIError {
  override name = "InternalServerError";
}

/** No answer came back: the connection failed, was reset, or the request timed out. */
export class APIConnectionError extends APIError {
  override name = "APIConnectionError";
  constructor(message = "Connection error: the request got no answer.", cause?: unknown) {
    super(message, { cause });
  }
}

/** An attempt took longer than `timeoutMs` (and no retry was left). */
export class APITimeoutError extends APIConnectionError {
  override name = "APITimeoutError";
  constructor(timeoutMs: number) {
    super(`Request timed out after ${timeoutMs} ms.`);
  }
}

/** The caller's `AbortSignal` stopped the request. */
export class APIUserAbortError extends APIError {
  override name = "APIUserAbortError";
  constructor(cause?: unknown) {
    super("Request was aborted.", { cause });
  }
}

function errorClassFor(status: number): typeof APIError {
  switch (status) {
    case 400:
      return BadRequestError;
    case 401:
      return AuthenticationError;
    case 403:
      return PermissionDeniedError;
    case 404:
      return NotFoundError;
    case 409:
      return ConflictError;
    case 415:
      return UnsupportedMediaTypeError;
    case 422:
      return UnprocessableEntityError;
    case 429:
      return RateLimitError;
    default:
      return status >= 500 ? InternalServerError : APIError;
  }
}
