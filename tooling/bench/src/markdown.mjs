// The Markdown table every benchmark's section of results/RESULTS.md is made of.

/**
 * A Markdown table. `align` says, per column, "right" for numbers; any other
 * column is left-aligned.
 * @param {string[]} header
 * @param {Array<Array<string | number>>} rows
 * @param {Array<"left" | "right">} [align]
 */
export function table(header, rows, align = []) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map((_, index) => (align[index] === "right" ? "---:" : "---"))), ...rows.map(line)].join("\n");
}
