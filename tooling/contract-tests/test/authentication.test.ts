// Every operation refuses a request without a usable bearer token with 401.
import { describe, it } from "vitest";
import { firstRequestExample, operations, validPath } from "../src/spec.ts";
import { expectErrorAnswer } from "./support/expect-answer.ts";
import { STYLES, send, withHeader } from "./support/mock-client.ts";

const UNAUTHENTICATED = [
  { name: "no Authorization header", transform: withHeader("authorization", null) },
  { name: "a malformed Authorization header", transform: withHeader("authorization", "Bearer") },
  { name: "a non-bearer scheme", transform: withHeader("authorization", "Basic dXNlcjpwYXNz") },
];

describe.each(operations)("$id: authentication", (operation) => {
  describe.each(STYLES)("%s style", (style) => {
    it.concurrent.each(UNAUTHENTICATED)("answers 401 to $name", async ({ transform }) => {
      const outcome = await send(operation, style, {
        path: validPath(operation),
        body: firstRequestExample(operation),
        transform,
      });
      expectErrorAnswer(operation, outcome, 401);
    });
  });
});
