// One rebuild of the edit loop: lint and bundle side by side; as soon as the
// bundle is there, the dev page is rebuilt and every open page reloads; when
// lint is done its findings and a status line are printed.
import { join } from "node:path";
import type { Node } from "@billing-api/openapi/reader";
import { clock, type DevContext, type RebuildReport, seconds } from "./state.ts";
import { bundle, formatFinding, lint, REDOCLY_VERSION, replaceFile } from "./steps.ts";

const MAX_FINDINGS_SHOWN = 25;

/** The saves a rebuild includes: when the first came, and the files. */
export interface Saves {
  firstAt: number;
  files: string[];
}

/** Publishes the bundle as the next build, unless it is the one shown; the outcome, and the page's time. */
function publish(
  ctx: DevContext,
  text: string | undefined,
  errors: string[],
): { outcome: RebuildReport["outcome"]; pageMs: number; problem: string[] } {
  const { state, server, distDir } = ctx;
  if (text === undefined) {
    return { outcome: "failed", pageMs: 0, problem: errors };
  }
  if (text === state.currentJson) {
    return { outcome: "unchanged", pageMs: 0, problem: errors };
  }
  const pageStart = performance.now();
  try {
    const spec = JSON.parse(text) as Node;
    const html = ctx.page.devPage(ctx.page.referenceSpec(spec), state.build + 1, REDOCLY_VERSION);
    replaceFile(join(distDir, "openapi.json"), text);
    state.build++;
    state.currentJson = text;
    state.currentSpec = spec;
    server.publish({ html, json: text, build: state.build });
    return { outcome: "published", pageMs: performance.now() - pageStart, problem: [] };
  } catch (error) {
    // The bundle is there but the reference cannot be made of it (e.g. withCodeSamples needs a server).
    return {
      outcome: "failed",
      pageMs: 0,
      problem: [`the reference could not be built from the bundle: ${(error as Error).message}`],
    };
  }
}

/** Prints lint's findings (the first 25) or why it could not run. */
function printFindings(ctx: DevContext, linted: Awaited<ReturnType<typeof lint>>): void {
  if (linted.failure) {
    ctx.log(`  ✖ lint could not run:\n${linted.failure.replace(/^/gm, "    ")}`);
  }
  for (const finding of linted.findings.slice(0, MAX_FINDINGS_SHOWN)) {
    ctx.log(`  ${formatFinding(finding)}`);
  }
  if (linted.findings.length > MAX_FINDINGS_SHOWN) {
    ctx.log(`  … and ${linted.findings.length - MAX_FINDINGS_SHOWN} more (\`pnpm lint\` lists them all)`);
  }
}

export async function rebuild(ctx: DevContext, { firstAt, files }: Saves): Promise<void> {
  const { state, log, server, specDir } = ctx;
  const begun = performance.now();
  const first = state.build === 0 && state.last === null;
  const linting = lint(specDir);
  const bundled = await bundle(specDir, "json");
  if (state.stopping) {
    return;
  }
  const { outcome, pageMs, problem } = publish(ctx, bundled.text, bundled.errors);
  const visibleMs = outcome === "published" ? performance.now() - firstAt : null;
  if (outcome === "failed") {
    log(`✖ ${clock()} the spec did not build${state.build > 0 ? `; still serving build ${state.build}` : ""}:`);
    for (const line of problem) {
      log(`    ${line}`);
    }
    server.failed(problem.join("\n"));
  }

  const linted = await linting;
  if (state.stopping) {
    return;
  }
  state.findings = linted.findings;
  printFindings(ctx, linted);

  const totalMs = performance.now() - begun;
  const lintPart = `lint ${seconds(linted.ms)}: ${linted.findings.length === 0 ? "clean" : `${linted.findings.length} problem${linted.findings.length === 1 ? "" : "s"}`}`;
  const saves = files.length > 0 ? ` [${files.slice(0, 3).join(", ")}${files.length > 3 ? ", …" : ""}]` : "";
  if (outcome === "published") {
    const note = linted.findings.length > 0 ? " (served with lint problems: work in progress)" : "";
    log(
      `✓ ${clock()} build ${state.build} served ${seconds(visibleMs!)} ${first ? "after the start" : "after the save"} (wait ${seconds(begun - firstAt)}, bundle ${seconds(bundled.ms)}, page ${seconds(pageMs)}); ${lintPart}${note}${saves}`,
    );
  } else if (outcome === "unchanged") {
    log(
      `= ${clock()} the bundle did not change (bundle ${seconds(bundled.ms)}); still build ${state.build}; ${lintPart}${saves}`,
    );
  } else {
    log(`✖ ${clock()} no new build in ${seconds(totalMs)} (bundle ${seconds(bundled.ms)}); ${lintPart}${saves}`);
  }
  state.last = {
    build: outcome === "published" ? state.build : null,
    outcome,
    files,
    waited_ms: Math.round(begun - firstAt),
    bundle_ms: Math.round(bundled.ms),
    page_ms: Math.round(pageMs),
    visible_ms: visibleMs === null ? null : Math.round(visibleMs),
    lint_ms: Math.round(linted.ms),
    findings: linted.findings.length,
    total_ms: Math.round(totalMs),
  };
}
