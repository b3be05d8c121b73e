// The Markdown table every benchmark's section of results/RESULTS.md is made of.

/**
 * A Markdown table. `align` says, per column, "right" for numbers; any other
 * column is left-aligned.
 */
export function table(
  header: string[],
  rows: Array<Array<string | number>>,
  align: Array<"left" | "right"> = [],
): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(" | ")} |`;
  return [
    line(header),
    line(header.map((_, index) => (align[index] === "right" ? "---:" : "---"))),
    ...rows.map(line),
  ].join("\n");
}
