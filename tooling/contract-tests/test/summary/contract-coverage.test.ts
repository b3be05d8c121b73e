// Runs after the contract tests (a later vitest project): every documented
// (operation, status) pair must have been answered by the mock, in both call
// styles. Prints the table either way.
import { expect, it } from "vitest";
import { operations } from "../../src/spec.ts";
import { readExercised } from "../support/coverage.ts";
import { STYLES } from "../support/mock-client.ts";

it("exercised every documented status of every operation, in both call styles", () => {
  const exercised = readExercised();
  expect(
    exercised.length,
    "no answers recorded: run the whole suite (`pnpm test`), not this project alone",
  ).toBeGreaterThan(0);
  const seen = new Set(exercised.map((e) => `${e.operation} ${e.status} ${e.style}`));
  const statuses = [...new Set(operations.flatMap((op) => op.responses.map((r) => r.status)))].sort();

  const missing: string[] = [];
  const rows = operations.map((operation) => {
    const cells = statuses.map((status) => {
      if (!operation.responses.some((r) => r.status === status)) {
        return "·";
      }
      const styles = STYLES.filter((style) => seen.has(`${operation.id} ${status} ${style}`));
      if (styles.length < STYLES.length) {
        missing.push(
          `${operation.id} ${status} (missing: ${STYLES.filter((s) => !styles.includes(s)).join(", ")} style)`,
        );
      }
      return styles.length === STYLES.length ? "✓" : styles.length ? "½" : "✗";
    });
    return [operation.id, ...cells];
  });
  const header = ["operation", ...statuses.map(String)];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ");
  const undocumented = [
    ...new Set(
      exercised
        .filter((e) => !operations.find((op) => op.id === e.operation)?.responses.some((r) => r.status === e.status))
        .map((e) => `${e.operation} ${e.status}`),
    ),
  ];
  console.log(
    [
      "Contract coverage: operation × documented status (✓ both call styles, ½ one, ✗ none, · not documented)",
      line(header),
      ...rows.map(line),
      `${exercised.length} answers recorded; ${missing.length} documented pair(s) not exercised.`,
    ].join("\n"),
  );
  expect(undocumented, "the mock answered statuses the spec does not document").toEqual([]);
  expect(missing, `documented but not exercised:\n${missing.join("\n")}`).toEqual([]);
});
