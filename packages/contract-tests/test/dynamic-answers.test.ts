// Dynamic mode: bodies generated from the response schema (fixed seeds, so a
// failure replays) must validate against that schema.
import { describe, expect, it } from "vitest";
import { expectDocumentedAnswer } from "./support/expect-answer.js";
import { STYLES, send } from "./support/mock-client.js";
import { firstRequestExample, operations, validPath } from "./support/spec.js";
import { describeViolations, violations } from "./support/violations.js";

const ANSWERS_PER_OPERATION = 20;

describe.each(operations)("$id: dynamic answers", (operation) => {
  it(`validates ${ANSWERS_PER_OPERATION} generated answers against the response schema`, async () => {
    const seeds = Array.from({ length: ANSWERS_PER_OPERATION }, (_, i) => `contract-${i + 1}`);
    const outcomes = await Promise.all(
      seeds.map((seed, i) =>
        send(operation, STYLES[i % STYLES.length]!, {
          path: validPath(operation),
          body: firstRequestExample(operation),
          prefer: `dynamic=true, seed=${seed}`,
        }),
      ),
    );
    for (const outcome of outcomes) {
      expectDocumentedAnswer(operation, outcome, operation.success.status);
      // Prism checks what it generated against its own reading of the spec too: it must agree.
      const complaints = violations(outcome.headers).filter((v) => v.location[0] === "response");
      expect(complaints, `Prism finds its answer invalid:\n${describeViolations(complaints)}`).toEqual([]);
    }
    // Different seeds give different bodies: the schema, not one fixture, is what was checked.
    expect(new Set(outcomes.map((o) => JSON.stringify(o.body))).size).toBeGreaterThan(1);
  });
});
