// The dev page of the reference: the same spec the published page is built
// from (apps/docs/src/reference.ts: code samples, the samples' host note,
// getting started) and the same <head> additions (favicon, stylesheet), rendered in the browser by the same Redoc that `redocly
// build-docs` inlines, with the options of apps/docs/redocly.yaml, and a
// live-reload script. It is built in a few milliseconds, where build-docs'
// prerendering takes seconds. The published build (`pnpm run docs`) is not
// touched: it has no live-reload script and is built as before.
//
// Imported only once the spec reader exists (src/steps.ts ensureReader): the
// code samples import it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pageHead } from "@billing-api/docs/page";
import { referenceSpec as docsReferenceSpec } from "@billing-api/docs/reference";
import type { Node } from "@billing-api/openapi/reader";
import { load } from "js-yaml";

const require = createRequire(import.meta.url);
const DOCS_DIR = dirname(require.resolve("@billing-api/docs/package.json"));

/** The `openapi:` options of apps/docs/redocly.yaml: what build-docs passes to Redoc. */
function redocOptions(): Record<string, unknown> {
  const config = load(readFileSync(join(DOCS_DIR, "redocly.yaml"), "utf8")) as {
    openapi?: Record<string, unknown>;
  } | null;
  return { ...(config?.openapi ?? {}), disableTelemetry: true };
}

/** The spec the reference shows: the same as the published page's (apps/docs/src/reference.ts). */
export const referenceSpec = (bundled: Node): Node => docsReferenceSpec(bundled);

/** JSON safe inside a <script> element. */
const scriptJson = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

export const EVENTS_PATH = "/__dev/events";
export const REDOC_PATH = "/__dev/redoc.standalone.js";

/**
 * The live-reload script: reloads when the server says a new build is ready (or, after
 * the dev server restarted, when its build is not this page's), and shows a failed
 * rebuild in a bar at the top while the last good build stays on the page.
 */
function liveReload(build: number): string {
  return `<script>
(() => {
  const build = ${build};
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  events.addEventListener("hello", (event) => { if (JSON.parse(event.data).build !== build) location.reload(); });
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("failed", (event) => {
    let bar = document.getElementById("dev-failed");
    if (!bar) {
      bar = document.createElement("pre");
      bar.id = "dev-failed";
      bar.style.cssText = "position:fixed;z-index:9999;top:0;left:0;right:0;margin:0;padding:8px 12px;background:#b00020;color:#fff;font:12px/1.4 monospace;white-space:pre-wrap;max-height:40vh;overflow:auto";
      document.body.append(bar);
    }
    bar.textContent = "pnpm dev: the last save did not build; this is build " + build + ".\\n" + JSON.parse(event.data).message;
  });
})();
</script>`;
}

/** The dev page for build `build` of `spec` (a reference spec, see referenceSpec). */
export function devPage(spec: Node, build: number, redocVersion: string): string {
  const title = `${String(spec.info?.title ?? "API")} reference (pnpm dev, build ${build})`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf8" />
  <title>${title.replace(/[<&]/g, (c) => (c === "<" ? "&lt;" : "&amp;"))}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <style>body { padding: 0; margin: 0; }</style>
${pageHead()}</head>
<body>
  <div id="redoc"></div>
  <script type="module">
    import { hydrate } from "${REDOC_PATH}?v=${encodeURIComponent(redocVersion)}";
    const __redoc_definition = ${scriptJson(spec)};
    const __redoc_options = ${scriptJson({ ...redocOptions(), skipBundle: true })};
    hydrate(__redoc_definition, __redoc_options, document.getElementById("redoc"));
  </script>
${liveReload(build)}
</body>
</html>
`;
}

/** What is served before the first build: why there is none yet. */
export function waitingPage(message: string): string {
  const text = message.replace(/[<&]/g, (c) => (c === "<" ? "&lt;" : "&amp;"));
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf8" /><title>pnpm dev: no build yet</title></head>
<body style="font: 14px/1.5 sans-serif; margin: 2em">
  <h1>No build yet</h1>
  <p>The spec has not bundled yet. This page reloads when it does.</p>
  <pre>${text}</pre>
${liveReload(0)}
</body>
</html>
`;
}
