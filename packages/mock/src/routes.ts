// The spec's operations as the mock routes them, and what each one is to the
// mock's state, read from the spec alone (no operation is named here):
// - a create is a POST whose success answers JSON;
// - a read is a GET of `<path>/{param}` where POST `<path>` is a create: it
//   reads what that create made, by the id in its last path segment (the pairing
//   the contract suite's server mode uses too);
// - an operation that documents an `Idempotency-Key` header parameter replays.
import type { Operation } from "./load-operations.ts";
import { Refusal } from "./refusal.ts";

export type { Operation };

/**
 * The request header that makes a POST safe to retry, in lower case: the
 * header of the IETF's draft (draft-ietf-httpapi-idempotency-key-header), whose
 * replay and conflict the spec's parameter describes.
 */
export const IDEMPOTENCY_KEY = "idempotency-key";

export interface Route {
  operation: Operation;
  method: string;
  pattern: RegExp;
  hasBody: boolean;
  secured: boolean;
  /** Replays a repeated Idempotency-Key. */
  idempotent: boolean;
  /** Makes resources that a read answers. */
  creates: boolean;
  /** For a read: the create whose resources it reads, and the path parameter naming one. */
  reads?: { creator: Route; parameter: string; seeded: ReadonlySet<string> };
}

/** The operations of the spec as routes: method, a regular expression of the path, and what the request may carry. */
export function pairRoutes(operations: readonly Operation[]): Route[] {
  const routes: Route[] = operations.map((operation) => {
    const pattern = operation.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, "[^/]+");
    const contents = operation.request?.body?.contents ?? [];
    const method = operation.method.toUpperCase();
    const success = operation.responses.find((r) => /^2\d\d$/.test(r.code));
    return {
      operation,
      method,
      pattern: new RegExp(`^${pattern}$`),
      hasBody: contents.length > 0,
      secured: (operation.security ?? []).some((alternatives) => alternatives.length > 0),
      idempotent: (operation.request?.headers ?? []).some((p) => p.name.toLowerCase() === IDEMPOTENCY_KEY),
      creates: method === "POST" && (success?.contents ?? []).some((c) => /json/.test(c.mediaType)),
    };
  });
  for (const route of routes) {
    const match = /^(.*)\/\{([^}]+)\}$/.exec(route.operation.path);
    if (route.method !== "GET" || !match) {
      continue;
    }
    const creator = routes.find((r) => r.creates && r.operation.path === match[1]);
    if (!creator) {
      continue;
    }
    const parameter = match[2]!;
    const documented = (route.operation.request?.path ?? []).find((p) => p.name === parameter);
    // The documented example of the id names the documented resource, there for every token.
    const seeded = new Set(
      (documented?.examples ?? [])
        .map((example) => (example as { value?: unknown }).value)
        .filter((v) => typeof v === "string"),
    );
    route.reads = { creator, parameter, seeded: seeded as Set<string> };
  }
  return routes;
}

/** The `code` an error status documents: the one its examples agree on, if they do. */
export function documentedErrorCode(operation: Operation, status: number): string | undefined {
  const response = operation.responses.find((r) => r.code === String(status));
  const codes = new Set(
    (response?.contents ?? []).flatMap((content) =>
      (content.examples ?? []).map((example) => (example as { value?: { code?: unknown } }).value?.code),
    ),
  );
  const [code] = codes;
  return codes.size === 1 && typeof code === "string" ? code : undefined;
}

/** The schema of the JSON body `operation` answers with `status`. */
export const answerSchema = (operation: Operation, status: number) =>
  (operation.responses.find((r) => r.code === String(status))?.contents ?? []).find((c) => /json/.test(c.mediaType))
    ?.schema as Record<string, unknown> | undefined;

/** The path parameters of `pathname`, by name, as the route's path names them. */
export function pathValues(route: Route, pathname: string): Record<string, string> {
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

/** The route `method` and `target` (origin-form) ask for, and the target as a URL; a 400, 404 or 405 refusal otherwise. */
export function matchRoute(routes: readonly Route[], method: string, target: string): { route: Route; url: URL } {
  let url: URL;
  try {
    if (!target.startsWith("/")) {
      throw new Error("not an origin-form target");
    }
    url = new URL(target, "http://mock.invalid");
    decodeURIComponent(url.pathname);
  } catch {
    throw new Refusal(400, "The request target is not a valid path.");
  }
  const onPath = routes.filter((route) => route.pattern.test(url.pathname));
  const route = onPath.find((r) => r.method === method);
  if (!route) {
    if (!onPath.length) {
      throw new Refusal(404, `No operation answers ${url.pathname}.`);
    }
    const allow = onPath.map((r) => r.method).join(", ");
    throw new Refusal(405, `${method} is not allowed on ${url.pathname}; use ${allow}.`, { headers: { allow } });
  }
  return { route, url };
}
