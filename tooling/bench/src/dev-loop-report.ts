// The dev-loop benchmark as Markdown, for results/RESULTS.md.
import type { DevLoopResult, Spread } from "./dev-loop.ts";
import { table } from "./markdown.ts";

export function renderDevLoopMarkdown(result: DevLoopResult): string {
  const ms = (n: number) => `${n.toLocaleString("en-US")} ms`;
  const row = (label: string, value: Spread) => [label, ms(value.median), ms(value.p90), value.runs.join(", ")];
  const met = result.edit_to_served_ms.median <= result.target_ms;
  const rendered = result.edit_to_rendered_ms;
  return [
    `\`pnpm dev\` on a temporary copy of \`openapi/\` (ready in ${ms(result.startup_ms)}, mock and generators on), ${result.edits} saves of an operation's description, each once the loop was idle. Target (issue 20): a saved description visible in the served reference within ${ms(result.target_ms)}.`,
    table(
      ["from the save to", "median", "p90", "runs (ms)"],
      [
        row("the served page holding the new text (reload event, then a fetch)", result.edit_to_served_ms),
        ...(rendered ? [row("the page open in headless Chromium reloaded and showing it", rendered)] : []),
      ],
      ["left", "right", "right", "left"],
    ),
    `${met ? "✓ met" : "✗ not met"}: median ${ms(result.edit_to_served_ms.median)} (p90 ${ms(result.edit_to_served_ms.p90)}) against ${ms(result.target_ms)}${met ? "" : `, over by ${ms(result.edit_to_served_ms.median - result.target_ms)}`}.`,
    "Each rebuild, as the loop reports it (lint runs beside the bundle and does not hold up the page):",
    table(
      ["step", "median", "p90", "runs (ms)"],
      [
        row("debounce (and any rebuild waited for)", result.breakdown.waited_ms),
        row("`redocly bundle` (a process of its own)", result.breakdown.bundle_ms),
        row("dev page (code samples, HTML)", result.breakdown.page_ms),
        row("`redocly lint`, beside the bundle", result.breakdown.lint_ms),
      ],
      ["left", "right", "right", "left"],
    ),
    `The published page's route instead of the dev page: \`redocly build-docs\` of the same reference spec takes ${ms(result.build_docs_ms.median)} (median of ${result.build_docs_ms.runs.length}: ${result.build_docs_ms.runs.join(", ")} ms), on top of the bundle.`,
    `1-minute load average ${result.load_average_1m.start} when it began, ${result.load_average_1m.end} when it ended.`,
  ].join("\n\n");
}
