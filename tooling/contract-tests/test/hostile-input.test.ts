// Hostile input: fast-check generates invalid requests (random values put into
// the examples, required fields dropped, unknown fields added, whole bodies
// replaced, bodies that are not JSON or not sent as JSON, malformed path
// parameters, garbage Authorization headers). Every one must get a documented
// 4xx with the error body, through either call style: never a 5xx, never a hang.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bodySites, withChange } from "../src/mutations.ts";
import { firstRequestExample, type Operation, operations, validPath } from "../src/spec.ts";
import { isValid } from "../src/validator.ts";
import { expectErrorAnswer } from "./support/expect-answer.ts";
import { type RequestParts, STYLES, send, withHeader, withRawBody } from "./support/mock-client.ts";

const RUNS_PER_OPERATION = 200;
const SEED = 20261121;

interface HostileCase {
  kind: string;
  parts: RequestParts;
  status: number;
}

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

// Printable ASCII only: a header or URL the fetch API itself refuses never reaches the API.
const ascii = (options: { minLength?: number; maxLength?: number } = {}) =>
  fc.string({ unit: "grapheme-ascii", ...options });

function hostileCases(operation: Operation): fc.Arbitrary<HostileCase> {
  const path = validPath(operation);
  const body = firstRequestExample(operation);
  const cases: fc.Arbitrary<HostileCase>[] = [];
  const invalidBody =
    (kind: string) =>
    (candidate: unknown): HostileCase => ({ kind, parts: { path, body: candidate }, status: 422 });

  if (operation.requestBody) {
    const schema = operation.requestBody.schema;
    const sites = bodySites(operation);
    const objects = sites.filter((s) => s.value && typeof s.value === "object" && !Array.isArray(s.value));
    const required = objects.flatMap((s) =>
      ((s.schema.required ?? []) as string[]).map((name) => ({ ...s, path: [...s.path, name] })),
    );
    const nested = sites.filter((s) => s.path.length > 0);

    cases.push(
      fc
        .record({ site: fc.constantFrom(...nested), value: fc.jsonValue({ maxDepth: 3 }) })
        .map(({ site, value }) => withChange(site.body, site.path, (parent, key) => (parent[key] = value)))
        .filter((candidate) => !isValid(schema, candidate))
        .map(invalidBody("a random value in place of a field")),
      fc
        .constantFrom(...required)
        .map((site) =>
          invalidBody("a required field dropped")(
            withChange(site.body, site.path, (parent, key) => delete parent[key]),
          ),
        ),
      fc
        .record({
          site: fc.constantFrom(...objects),
          key: ascii({ minLength: 1, maxLength: 40 }),
          value: fc.jsonValue({ maxDepth: 2 }),
        })
        .map(({ site, key, value }) =>
          withChange(site.body, [...site.path, key], (parent, name) => (parent[name] = value)),
        )
        .filter((candidate) => !isValid(schema, candidate))
        .map(invalidBody("an unknown field added")),
      fc
        .jsonValue({ maxDepth: 4 })
        .filter((candidate) => candidate !== null && !isValid(schema, candidate))
        .map(invalidBody("the whole body replaced")),
      fc
        .string({ maxLength: 200 })
        .filter((text) => text.trim() !== "" && !isJson(text))
        .map((text) => ({
          kind: "a body that is not JSON",
          parts: { path, body, transform: withRawBody(text) },
          status: 400,
        })),
      fc
        .constantFrom(
          "text/plain",
          "application/xml",
          "text/csv",
          "application/octet-stream",
          "application/x-www-form-urlencoded",
        )
        .map((type) => ({
          kind: "a body not sent as JSON",
          parts: { path, body, transform: withRawBody(JSON.stringify(body), type) },
          status: 415,
        })),
    );
  }

  for (const parameter of operation.pathParameters) {
    const { pattern, maxLength } = parameter.schema as { pattern?: string; maxLength?: number };
    // Random text breaks a pattern almost always; a parameter without one is broken by its length.
    const values = pattern
      ? ascii({ minLength: 1, maxLength: 80 })
      : ascii({ minLength: (maxLength ?? 255) + 1, maxLength: (maxLength ?? 255) + 40 });
    cases.push(
      values
        // "." and ".." are dot segments: the URL parser removes them, so the request would go to another path.
        .filter((value) => value !== "." && value !== ".." && !isValid(parameter.schema, value))
        .map((value) => ({
          kind: `a malformed ${parameter.name}`,
          parts: { path: { ...path, [parameter.name]: value }, body },
          status: 422,
        })),
    );
  }

  cases.push(
    ascii({ maxLength: 100 })
      .filter((value) => !/^bearer\s+\S/i.test(value.trim()))
      .map((value) => ({
        kind: "a garbage Authorization header",
        parts: { path, body, transform: withHeader("authorization", value) },
        status: 401,
      })),
  );
  return fc.oneof(...cases);
}

describe.each(operations.map((operation, index) => ({ ...operation, seed: SEED + index })))(
  "$id: hostile input",
  (operation) => {
    it(`answers ${RUNS_PER_OPERATION} generated invalid requests with a documented 4xx and the error body`, async () => {
      const tried = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(
          hostileCases(operation),
          fc.constantFrom(...STYLES),
          async ({ kind, parts, status }, style) => {
            tried.set(kind, (tried.get(kind) ?? 0) + 1);
            const outcome = await send(operation, style, parts);
            expect(outcome.status, `${kind}: ${JSON.stringify(outcome.body)?.slice(0, 300)}`).toBe(status);
            expectErrorAnswer(operation, outcome, status);
          },
        ),
        { numRuns: RUNS_PER_OPERATION, seed: operation.seed },
      );
      const total = [...tried.values()].reduce((sum, n) => sum + n, 0);
      expect(total).toBeGreaterThanOrEqual(RUNS_PER_OPERATION);
      const kinds = [...tried].map(([kind, n]) => `${n} ${kind}`).join(", ");
      console.log(`${operation.id}: ${total} invalid requests tried (fast-check seed ${operation.seed}): ${kinds}`);
    });
  },
);
