// Dynamic mode: bodies generated from the response schema (fixed seeds, so a
// failure replays) must validate against that schema.
import { describe, expect, it } from "vitest";
import { firstRequestExample, operations, validPath } from "../src/spec.ts";
import { expectDocumentedAnswer } from "./support/expect-answer.ts";
import { type Outcome, STYLES, send } from "./support/mock-client.ts";
import { responseViolations } from "./support/violations.ts";

const ANSWERS_PER_OPERATION = 20;
// Twenty answers of the largest schema take 10 s with stress-ng --cpu 2 running, and took over
// 100 s beside stress-ng --cpu 8 and other builds; a request that hangs still fails at the
// client's MOCK_PATIENCE_MS.
const TIMEOUT_MS = 600_000;

describe.each(operations)("$id: dynamic answers", (operation) => {
  it(
    `validates ${ANSWERS_PER_OPERATION} generated answers against the response schema`,
    async () => {
      // One at a time: a dynamic answer costs Prism up to a third of a second of CPU, in one
      // stretch without I/O. Twenty at once kept it from every other request (and from
      // answering these) for 6 s on an idle machine, 15 s and more on a loaded one.
      const outcomes: Outcome[] = [];
      for (let i = 0; i < ANSWERS_PER_OPERATION; i++) {
        outcomes.push(
          await send(operation, STYLES[i % STYLES.length]!, {
            path: validPath(operation),
            body: firstRequestExample(operation),
            prefer: `dynamic=true, seed=contract-${i + 1}`,
          }),
        );
      }
      for (const outcome of outcomes) {
        expectDocumentedAnswer(operation, outcome, operation.success.status);
        // Prism checks what it generated against its own reading of the spec too: it must agree.
        const complaints = responseViolations(outcome.headers);
        expect(
          complaints,
          `Prism finds its answer invalid:\n${complaints.map((v) => `  ${v.location.join(".")}: ${v.message}`).join("\n")}`,
        ).toEqual([]);
      }
      // Different seeds give different bodies: the schema, not one fixture, is what was checked.
      expect(new Set(outcomes.map((o) => JSON.stringify(o.body))).size).toBeGreaterThan(1);
    },
    TIMEOUT_MS,
  );
});
