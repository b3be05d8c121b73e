// Every request of server mode goes through Prism's validation proxy
// (@stoplight/prism-http as a library: the forwarder and validators `prism
// proxy` uses), which sends it to the target and reports what it finds wrong
// with the request and with the answer. Prism answers nothing itself here:
// with `errors: false` it forwards every request, invalid ones too, so the
// server's own refusals are what the suite checks.
import { createRequire } from "node:module";
import type { IHttpNameValue, IHttpProxyConfig, IHttpRequest } from "@stoplight/prism-http";
import { specPath } from "../spec.ts";

const require = createRequire(import.meta.url);
const { createInstance, getHttpOperationsFromSpec } =
  require("@stoplight/prism-http") as typeof import("@stoplight/prism-http");

type PrismLogger = Parameters<typeof createInstance>[1]["logger"];

/** What Prism said about a request or an answer: where (a path into it) and what. */
export interface PrismViolation {
  path: string;
  message: string;
}

/** One request as the suite sends it. */
export interface Request {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** The path, below the target's base URL, parameters filled in. */
  path: string;
  headers: Record<string, string>;
  /** A JSON value (sent as JSON), or a string sent as it is. */
  body?: unknown;
}

/** What came back, and what Prism found. */
export interface Exchange {
  status: number;
  headers: Record<string, string>;
  /** The answer's body: parsed JSON when it was JSON, else its text. */
  body: unknown;
  /** Prism's findings about the request: none is expected for a valid one. */
  requestViolations: PrismViolation[];
  /** Prism's findings about the answer (error statuses included). */
  answerViolations: PrismViolation[];
  /** The server answered 501, which Prism's proxy replaces with a mocked answer (stoplightio/prism#1963). */
  upstream501: boolean;
}

export interface Proxy {
  send(request: Request): Promise<Exchange>;
}

const severityError = 0;

/** A proxy of the bundled spec in front of `target`. */
export async function createProxy(target: URL): Promise<Proxy> {
  const operations = await getHttpOperationsFromSpec(specPath);
  let remocked = false;
  const quiet = () => {};
  // Prism's log lines are its own choices; the one that matters is the 501 it turns into a mocked answer.
  const watch = (...args: unknown[]) => {
    if (args.some((arg) => typeof arg === "string" && /has returned 501|Remocking the call/.test(arg))) {
      remocked = true;
    }
  };
  const logger = {
    child: () => logger,
    trace: quiet,
    debug: quiet,
    info: watch,
    success: quiet,
    warn: watch,
    error: quiet,
    fatal: quiet,
  };
  const config: IHttpProxyConfig = {
    isProxy: true,
    upstream: target,
    upstreamProxy: undefined,
    checkSecurity: true,
    validateRequest: true,
    validateResponse: true,
    errors: false,
    mock: { dynamic: false },
  };
  const prism = createInstance(config, { logger: logger as unknown as PrismLogger });

  return {
    async send(request: Request): Promise<Exchange> {
      remocked = false;
      const url = new URL(request.path, "http://target.invalid");
      const query: Record<string, string | string[]> = {};
      for (const key of new Set(url.searchParams.keys())) {
        query[key] = url.searchParams.getAll(key);
      }
      const input: IHttpRequest = {
        method: request.method,
        url: { path: url.pathname, query },
        headers: request.headers as IHttpNameValue,
        body: request.body,
      };
      const result = await prism.request(input, operations, config)();
      if (result._tag === "Left") {
        throw new Error(
          `Prism could not forward ${request.method.toUpperCase()} ${request.path}: ${result.left.message}`,
        );
      }
      const { output, validations } = result.right;
      const violations = (found: typeof validations.input) =>
        found
          .filter((v) => v.severity === severityError)
          .map((v) => ({ path: (v.path ?? []).join("."), message: v.message }));
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(output.headers ?? {})) {
        headers[name.toLowerCase()] = String(value);
      }
      return {
        status: output.statusCode,
        headers,
        body: output.body,
        requestViolations: violations(validations.input),
        answerViolations: violations(validations.output),
        upstream501: remocked,
      };
    },
  };
}
