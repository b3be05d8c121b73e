// Conventions of the bundled spec that the linter cannot express: descriptions
// everywhere, the error responses every operation declares, idempotency keys on
// every mutating operation, and examples on every body.
import { describe, expect, it } from "vitest";
import { operations as read, resolve, spec, type Node } from "./bundle.js";

const operations = read.map((op) => ({ path: op.path, method: op.method, operation: op.node, parameters: op.parameters.map((p) => p.node) }));

/** Every schema node under `schema`, with a readable location, following no $ref. */
function* schemaNodes(schema: Node, where: string): Generator<[string, Node]> {
  if (!schema || typeof schema !== "object" || schema.$ref) return;
  yield [where, schema];
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Node)) {
    yield* schemaNodes(property, `${where}.${name}`);
  }
  if (schema.items) yield* schemaNodes(schema.items, `${where}[]`);
  for (const key of ["oneOf", "anyOf", "allOf"]) {
    for (const [i, branch] of ((schema[key] ?? []) as Node[]).entries()) yield* schemaNodes(branch, `${where}.${key}[${i}]`);
  }
}

function describedProperty(property: Node): boolean {
  return Boolean(property.description) || Boolean(property.$ref && resolve(property).description);
}

describe("the spec's conventions", () => {
  it("has operations, each with an operationId, a summary, a description and one tag", () => {
    expect(operations.length).toBeGreaterThan(0);
    for (const { path, method, operation } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(operation.operationId, where).toMatch(/^[a-z]+[A-Za-z]+$/);
      expect(operation.summary, where).toBeTruthy();
      expect(operation.description, where).toBeTruthy();
      expect(operation.tags, where).toHaveLength(1);
      expect(spec.tags.map((t: Node) => t.name), where).toContain(operation.tags[0]);
    }
    for (const tag of spec.tags) expect(tag.description, tag.name).toBeTruthy();
  });

  it("describes every parameter, schema and property", () => {
    const missing: string[] = [];
    for (const { path, method, parameters } of operations) {
      for (const p of parameters) if (!p.description) missing.push(`${method} ${path} parameter ${p.name}`);
    }
    for (const [name, schema] of Object.entries(spec.components.schemas as Node)) {
      for (const [where, node] of schemaNodes(schema, name)) {
        if (node.type === "null") continue;
        if (!node.description && where === name) missing.push(where);
        for (const [prop, value] of Object.entries((node.properties ?? {}) as Node)) {
          if (!describedProperty(value)) missing.push(`${where}.${prop}`);
        }
      }
    }
    expect(missing, `undescribed:\n${missing.join("\n")}`).toEqual([]);
  });

  it("declares 400, 401, 403, 422, 429 and 500 everywhere, 404 where the path addresses a resource, 413 and 415 where there is a body", () => {
    for (const { path, method, operation } of operations) {
      const statuses = Object.keys(operation.responses);
      const expected = [
        ...["400", "401", "403", "422", "429", "500"],
        ...(path.includes("{") ? ["404"] : []),
        ...(operation.requestBody ? ["413", "415"] : []),
      ];
      for (const status of expected) expect(statuses, `${method} ${path} lacks ${status}`).toContain(status);
    }
  });

  it("gives every error response the ErrorBody schema and its own example, and 429 a Retry-After", () => {
    const seen = new Map<string, string>();
    for (const { path, method, operation } of operations) {
      for (const [status, ref] of Object.entries(operation.responses as Node)) {
        if (Number(status) < 400) continue;
        const response = resolve(ref);
        const media = response.content["application/json"];
        expect(media.schema.$ref, `${method} ${path} ${status}`).toBe("#/components/schemas/ErrorBody");
        const examples = Object.values(media.examples as Node).map(resolve);
        expect(examples.length, `${method} ${path} ${status} example`).toBeGreaterThan(0);
        const message = JSON.stringify(examples[0]!.value);
        expect(seen.get(message) ?? status, `status ${status} reuses the example of ${seen.get(message)}`).toBe(status);
        seen.set(message, status);
        if (status === "429") expect(Object.keys(response.headers)).toContain("Retry-After");
      }
    }
  });

  it("accepts an optional Idempotency-Key on every mutating operation and puts bearer auth on all", () => {
    expect(spec.security).toEqual([{ bearerAuth: [] }]);
    for (const { path, method, operation, parameters } of operations) {
      if (operation.security) expect(operation.security, `${method} ${path}`).toEqual(spec.security);
      if (method === "get") continue;
      const key = parameters.find((p) => p.name === "Idempotency-Key");
      expect(key, `${method} ${path}`).toMatchObject({ in: "header", required: false });
    }
  });

  it("bounds every string and array a request can carry", () => {
    const unbounded = new Set<string>();
    const visited = new Set<Node>();
    const visit = (schema: Node, where: string): void => {
      if (!schema || typeof schema !== "object") return;
      if (schema.$ref) return visit(resolve(schema), `${where}`);
      if (visited.has(schema)) return;
      visited.add(schema);
      const types = [schema.type].flat();
      const bounded = schema.maxLength !== undefined || schema.enum || schema.const !== undefined || schema.format;
      if (types.includes("string") && !bounded) unbounded.add(`${where}: string without maxLength`);
      if (types.includes("array") && schema.maxItems === undefined) unbounded.add(`${where}: array without maxItems`);
      for (const [name, property] of Object.entries((schema.properties ?? {}) as Node)) visit(property, `${where}.${name}`);
      if (schema.items) visit(schema.items, `${where}[]`);
      for (const key of ["oneOf", "anyOf", "allOf"]) for (const branch of schema[key] ?? []) visit(branch, where);
    };
    for (const { path, method, operation, parameters } of operations) {
      const body = operation.requestBody && resolve(operation.requestBody).content["application/json"].schema;
      if (body) visit(body, `${method} ${path} body`);
      for (const p of parameters) visit(p.schema, `${method} ${path} ${p.name}`);
    }
    expect([...unbounded], [...unbounded].join("\n")).toEqual([]);
  });

  it("has a named example for every request body and every success response", () => {
    for (const { path, method, operation } of operations) {
      const bodies = [
        operation.requestBody,
        ...Object.entries(operation.responses as Node).filter(([s]) => s.startsWith("2")).map(([, r]) => r),
      ].filter(Boolean);
      for (const body of bodies) {
        const examples = resolve(body).content["application/json"].examples;
        expect(Object.keys(examples ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
  });
});
