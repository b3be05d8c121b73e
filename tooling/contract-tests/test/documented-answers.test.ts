// Static mode: every request example gets the documented success with the
// spec's example (a create's with ids of its own), and every named example of every documented status can be
// selected with `Prefer: code=…, example=…`.
import { describe, expect, it } from "vitest";
import { firstRequestExample, operations, validPath } from "../src/spec.ts";
import { expectDocumentedAnswer, expectErrorAnswer } from "./support/expect-answer.ts";
import { asDocumented } from "./support/fresh-ids.ts";
import { STYLES, send } from "./support/mock-client.ts";

describe.each(operations)("$id: documented answers", (operation) => {
  const path = validPath(operation);
  const body = firstRequestExample(operation);
  const requestExamples = Object.entries(operation.requestBody?.examples ?? { "(no body)": undefined });
  const [defaultExample] = Object.values(operation.success.examples);

  describe.each(STYLES)("%s style", (style) => {
    it.concurrent.each(requestExamples.map(([name, example]) => ({ name, example })))(
      "answers the $name request example with the success status and the spec's example",
      async ({ example }) => {
        const outcome = await send(operation, style, { path, body: example });
        expectDocumentedAnswer(operation, outcome, operation.success.status);
        // What a create (a POST) makes has an id of its own.
        expect(operation.method === "post" ? asDocumented(outcome.body, defaultExample) : outcome.body).toEqual(
          defaultExample,
        );
      },
    );

    const selectable = operation.responses.flatMap((response) =>
      Object.entries(response.examples).map(([name, value]) => ({ status: response.status, name, value })),
    );
    it.concurrent.each(selectable)("selects the $status example $name with Prefer", async ({ status, name, value }) => {
      const outcome = await send(operation, style, { path, body, prefer: `code=${status}, example=${name}` });
      if (status < 400) {
        expectDocumentedAnswer(operation, outcome, status);
      } else {
        expectErrorAnswer(operation, outcome, status);
      }
      expect(outcome.body).toEqual(value);
    });

    const errorStatuses = operation.responses.filter((r) => r.status >= 400).map((r) => r.status);
    it.concurrent.each(errorStatuses)(
      "answers Prefer: code=%i with that error and a valid error body",
      async (status) => {
        const outcome = await send(operation, style, { path, body, prefer: `code=${status}` });
        expectErrorAnswer(operation, outcome, status);
      },
    );
  });
});
