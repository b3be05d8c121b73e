// The one reader of the bundled spec: its operations (method, path,
// parameters, request body, responses, examples), and `$ref` resolution with
// one behaviour. The client's generator, the docs' code samples, the contract
// tests and the spec's own tests all read the spec through it.
//
//   import spec from "@billing-api/openapi/openapi.json" with { type: "json" };
//   import { readSpec } from "@billing-api/openapi/reader";
//   const { operations, resolve } = readSpec(spec);

/** A node of the spec, as parsed JSON. */
export type Node = Record<string, any>;

/** The HTTP methods an OpenAPI path item can hold, in the order the spec lists them. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  description?: string;
  /** Resolved. */
  schema: Node;
  /** The documented example: the parameter's own, or its schema's. */
  example: unknown;
  /** The parameter as the spec has it (resolved). */
  node: Node;
}

export interface Body {
  required: boolean;
  description?: string;
  /** The JSON media type's schema, refs intact. */
  schema: Node;
  /** Named examples' values, in spec order. */
  examples: Record<string, unknown>;
}

export interface Response {
  status: number;
  description?: string;
  /** The JSON body's schema, refs intact; undefined without a JSON body. */
  schema?: Node;
  /** Named examples' values, in spec order. */
  examples: Record<string, unknown>;
  /** Documented headers by lower-case name: their resolved schemas. */
  headers: Record<string, Node>;
  /** The response as the spec has it (resolved). */
  node: Node;
}

export interface Operation {
  id: string;
  method: HttpMethod;
  path: string;
  summary?: string;
  description?: string;
  tags: string[];
  /** Path-level and operation-level parameters, resolved (the operation's win on a name clash). */
  parameters: Parameter[];
  requestBody?: Body;
  responses: Response[];
  /** The first 2xx response. */
  success: Response;
  /** The operation object as the spec has it. */
  node: Node;
}

export interface SpecReader {
  spec: Node;
  /** `node`, or what its local `$ref` points to (through chains of them). Throws on a `$ref` that points nowhere. */
  resolve<T = Node>(node: unknown): T;
  /** Every operation, sorted by operationId. */
  operations: Operation[];
  /** The same operations in the order the spec lists them (paths, then each path's methods, as written): the reference's order. */
  inSpecOrder: Operation[];
}

/** The node a local JSON pointer (`#/components/schemas/A~1B`, percent-encoded or not) names; throws when there is none. */
export function pointerTarget(document: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) {
    throw new Error(`Only local $refs are read, not ${ref}.`);
  }
  let node: unknown = document;
  for (const part of ref.slice(1).split("/").slice(1)) {
    const key = decodeURIComponent(part).replaceAll("~1", "/").replaceAll("~0", "~");
    node = node !== null && typeof node === "object" && Object.hasOwn(node, key) ? (node as Node)[key] : undefined;
    if (node === undefined) {
      throw new Error(`$ref ${ref} points nowhere.`);
    }
  }
  return node;
}

/** Reads a parsed, bundled spec (every `$ref` local). */
export function readSpec(spec: Node): SpecReader {
  const resolve = <T = Node>(node: unknown): T => {
    const seen = new Set<string>();
    let current = node as Node | undefined;
    while (current && typeof current === "object" && typeof current.$ref === "string") {
      const ref = current.$ref as string;
      if (seen.has(ref)) {
        throw new Error(`$ref ${ref} refers to itself.`);
      }
      seen.add(ref);
      current = pointerTarget(spec, ref) as Node;
    }
    return current as T;
  };

  const named = (media: Node | undefined): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries((media?.examples ?? {}) as Node).map(([name, example]) => [name, resolve<Node>(example).value]),
    );

  const parameter = (raw: unknown): Parameter => {
    const node = resolve(raw);
    const schema = resolve(node.schema ?? {});
    return {
      name: node.name,
      in: node.in,
      required: node.required === true,
      description: node.description,
      schema,
      example: node.example ?? schema.example,
      node,
    };
  };

  const operation = (path: string, method: HttpMethod, item: Node): Operation => {
    const node = item[method] as Node;
    const where = `${method.toUpperCase()} ${path}`;
    if (!node.operationId) {
      throw new Error(`${where} has no operationId.`);
    }
    const byName = new Map<string, Parameter>();
    for (const p of [...(item.parameters ?? []), ...(node.parameters ?? [])].map(parameter)) {
      byName.set(`${p.in} ${p.name}`, p);
    }
    const body = node.requestBody ? resolve(node.requestBody) : undefined;
    const bodyMedia = body?.content?.["application/json"];
    const responses = Object.entries((node.responses ?? {}) as Node).map(([status, raw]): Response => {
      const response = resolve(raw);
      const media = response.content?.["application/json"];
      const headers = Object.entries((response.headers ?? {}) as Node).map(([name, header]) => [
        name.toLowerCase(),
        resolve(resolve(header).schema ?? {}),
      ]);
      return {
        status: Number(status),
        description: response.description,
        schema: media?.schema,
        examples: named(media),
        headers: Object.fromEntries(headers),
        node: response,
      };
    });
    const success = responses.find((r) => r.status >= 200 && r.status < 300);
    if (!success) {
      throw new Error(`${where} documents no success response.`);
    }
    return {
      id: node.operationId,
      method,
      path,
      summary: node.summary,
      description: node.description,
      tags: node.tags ?? [],
      parameters: [...byName.values()],
      requestBody: bodyMedia
        ? {
            required: body!.required === true,
            description: body!.description,
            schema: bodyMedia.schema,
            examples: named(bodyMedia),
          }
        : undefined,
      responses,
      success,
      node,
    };
  };

  const isMethod = (key: string): key is HttpMethod => (HTTP_METHODS as readonly string[]).includes(key);
  const inSpecOrder = Object.entries((spec.paths ?? {}) as Node).flatMap(([path, item]) =>
    Object.keys(item as Node)
      .filter(isMethod)
      .map((method) => operation(path, method, item)),
  );
  const operations = [...inSpecOrder].sort((a, b) => a.id.localeCompare(b.id));
  return { spec, resolve, operations, inSpecOrder };
}

/** The values of `operation`'s path parameters that every valid request uses: the documented examples. */
export function examplePath(operation: Operation): Record<string, string> {
  return Object.fromEntries(
    operation.parameters.filter((p) => p.in === "path").map((p) => [p.name, String(p.example)]),
  );
}

/** The operation's first named request example, or undefined without a body. */
export function firstRequestExample(operation: Operation): unknown {
  return operation.requestBody ? Object.values(operation.requestBody.examples)[0] : undefined;
}

/** `template` (`/things/{thing_id}`) with each `{name}` replaced by `values[name]`, percent-encoded; a missing value is an empty segment. */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ""));
}

/**
 * The first operation, in the order the spec lists them, that reads one thing
 * by its id: a GET whose path ends in a path parameter, with no required query
 * parameter or body. Tools that need "a read" (benchmarks, size budgets) take
 * it from here rather than naming an operation.
 */
export function firstReadById({ inSpecOrder }: SpecReader): Operation | undefined {
  return inSpecOrder.find(
    (op) =>
      op.method === "get" &&
      /\/\{[^}]+\}$/.test(op.path) &&
      !op.requestBody &&
      !op.parameters.some((p) => p.in === "query" && p.required),
  );
}

/** The first POST, in the order the spec lists them, whose JSON body has a named example: "a write" for the same tools. */
export function firstCreate({ inSpecOrder }: SpecReader): Operation | undefined {
  return inSpecOrder.find((op) => op.method === "post" && firstRequestExample(op) !== undefined);
}
