// Requests that break one rule of the spec get the documented 4xx, and the
// error's `details` name the field (in operation style, the client's
// `UnprocessableEntityError.details`): each required field missing, each property of
// the wrong type, each enum given an unknown value, each path parameter
// malformed, each header parameter given a value its schema refuses (an empty
// or overlong Idempotency-Key), a body that is not JSON, and a content type
// other than JSON.
import { describe, expect, it } from "vitest";
import { describeDetails, fieldName, type Location, reportsAt } from "../src/fields.ts";
import { bodyMutations } from "../src/mutations.ts";
import { invalidHeaderValues, invalidPathValue } from "../src/parameter-mutations.ts";
import { firstRequestExample, operations, validPath } from "../src/spec.ts";
import { expectErrorAnswer } from "./support/expect-answer.ts";
import { type Outcome, STYLES, send, withHeader, withRawBody } from "./support/mock-client.ts";
import { details, reportsMissing } from "./support/violations.ts";

/** Asserts that the error's `details` (the client's, in operation style) name the field. */
function expectViolation(outcome: Outcome, at: Location, missing?: string) {
  const found = details(outcome);
  const named = missing ? reportsMissing(found, at, missing) : reportsAt(found, at);
  const wanted = missing ? `${fieldName([...at, missing])} (missing)` : fieldName(at);
  expect(named, `no detail names ${wanted}; got:\n${describeDetails(found)}`).toBe(true);
}

/** Asserts the error body's code and that its message says `what`. */
function expectRefusal(outcome: Outcome, code: string, what: RegExp) {
  const body = outcome.body as { code: string; message: string };
  expect(body.code).toBe(code);
  expect(body.message).toMatch(what);
}

describe.each(operations)("$id: invalid requests", (operation) => {
  const path = validPath(operation);
  const body = firstRequestExample(operation);
  const { mutations, propertiesMutated, properties, enumsMutated, enums } = bodyMutations(operation);

  if (operation.requestBody) {
    it(`answers 422 whose details name the field to each of the ${mutations.length} one-rule mutations of the examples`, async () => {
      const failures: string[] = [];
      // Every mutation through the operation style (the client's `details` must name the field);
      // every other one through the path style too (the error body's `details`).
      await Promise.all(
        mutations.flatMap((mutation, i) =>
          (i % 2 ? STYLES : (["operation"] as const)).map(async (style) => {
            const outcome = await send(operation, style, { path, body: mutation.body });
            try {
              expectErrorAnswer(operation, outcome, 422);
              expectViolation(outcome, mutation.at, mutation.missing);
            } catch (error) {
              failures.push(`${mutation.name} (${outcome.style} style): ${(error as Error).message}`);
            }
          }),
        ),
      );
      expect(failures, failures.join("\n\n")).toEqual([]);
      // Every typed property of the request schema was given a wrong type somewhere.
      const untyped = [...properties].filter((p) => !propertiesMutated.has(p));
      expect(untyped, `request properties never given a wrong type:\n${untyped.join("\n")}`).toEqual([]);
      // And every enum and union tag was given an unknown value.
      const unenumed = [...enums].filter((p) => !enumsMutated.has(p));
      expect(unenumed, `enums never given an unknown value:\n${unenumed.join("\n")}`).toEqual([]);
      console.log(
        `${operation.id}: ${mutations.length} one-rule mutations, each answered 422 naming the field; ` +
          `${properties.size} of ${properties.size} request properties given a wrong type, ` +
          `${enums.size} of ${enums.size} enums and tags an unknown value`,
      );
    });

    it.concurrent.each(STYLES)("answers a body that is not well-formed JSON with 400 (%s style)", async (style) => {
      const transform = withRawBody(JSON.stringify(body).slice(0, -1));
      const outcome = await send(operation, style, { path, body, transform });
      expectErrorAnswer(operation, outcome, 400);
      expectRefusal(outcome, "BAD_REQUEST", /not valid JSON/);
    });

    it.concurrent.each(STYLES)("answers a body sent as text/plain with 415 (%s style)", async (style) => {
      const outcome = await send(operation, style, {
        path,
        body,
        transform: withRawBody(JSON.stringify(body), "text/plain"),
      });
      expectErrorAnswer(operation, outcome, 415);
      expectRefusal(outcome, "UNSUPPORTED_MEDIA_TYPE", /application\/json, not text\/plain/);
    });
  }

  const malformedParameters = operation.pathParameters
    .map((parameter) => ({ name: parameter.name, value: invalidPathValue(parameter.schema, parameter.example) }))
    .filter((p): p is { name: string; value: string } => p.value !== undefined);
  describe.runIf(malformedParameters.length > 0).each(STYLES)("%s style", (style) => {
    it.concurrent.each(malformedParameters)(
      "answers 422 naming the path parameter $name when it is $value",
      async ({ name, value }) => {
        const outcome = await send(operation, style, { path: { ...path, [name]: value }, body });
        expectErrorAnswer(operation, outcome, 422);
        expectViolation(outcome, ["request", "path", name]);
      },
    );
  });

  const invalidHeaders = operation.headerParameters.flatMap((parameter) =>
    invalidHeaderValues(parameter.schema, parameter.example).map((mutation) => ({ name: parameter.name, ...mutation })),
  );
  describe.runIf(invalidHeaders.length > 0).each(STYLES)("%s style", (style) => {
    it.concurrent.each(invalidHeaders)(
      "answers 422 naming the header $name when it is $rule",
      async ({ name, value }) => {
        const outcome = await send(operation, style, { path, body, transform: withHeader(name, value) });
        expectErrorAnswer(operation, outcome, 422);
        expectViolation(outcome, ["request", "header", name.toLowerCase()]);
      },
    );
  });
});
