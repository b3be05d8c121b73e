// What the hosted reference weighs (the files of apps/docs/dist; gzipped, what
// a first visit downloads and what a second route adds once the shared assets
// are cached) and how fast it renders in headless Chromium, served from
// 127.0.0.1 by the docs package's own static server.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { serveDocs } from "@billing-api/docs/serve";
import { type Node, readSpec } from "@billing-api/openapi/reader";
import { type Browser, chromium } from "playwright-core";
import { table } from "./markdown.ts";
import { median, round } from "./stats.ts";

const DIST_DIR = join(dirname(fileURLToPath(import.meta.resolve("@billing-api/docs/package.json"))), "dist");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// The flags apps/docs/test/browser.test.ts launches Chromium with.
const CHROMIUM_ARGS = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
const VIEWPORT = { width: 1400, height: 900 };
const RENDER_TIMEOUT_MS = 30_000;

type Timing = "first_contentful_paint_ms" | "dom_content_loaded_ms" | "load_ms" | "interactive_ms";
/** A median and the runs it is taken over, in ms. */
type Timed = { median: number; runs: number[] };

export interface DocsResult extends Record<Timing, Timed> {
  files: Array<{ file: string; bytes: number }>;
  total_bytes: number;
  index_html_gzip_bytes: number;
  /** gzip -9 of the first page and of every shared asset it loads: what a first visit downloads. */
  first_visit_gzip_bytes: number;
  /** gzip -9 of a second route's page alone (the first tag's): what it costs once the assets are cached. */
  second_route_gzip_bytes: number;
  second_route: string;
  runs: number;
  page: string;
  interactive_when: string;
  outside_requests: number;
}

/**
 * Measures the built API reference: the size of every file in apps/docs/dist
 * (and of index.html gzipped), then, over `runs` fresh browser contexts of one
 * headless Chromium, first contentful paint, DOMContentLoaded, load, and the time
 * until the sidebar lists the first tag's operations. Requests that would leave
 * 127.0.0.1 are refused and counted.
 */
export async function benchDocs({
  runs = 5,
  log = console.log,
}: {
  runs?: number;
  log?: (message: string) => void;
} = {}): Promise<DocsResult> {
  const indexHtml = join(DIST_DIR, "index.html");
  if (!existsSync(indexHtml)) {
    throw new Error(
      `${indexHtml} does not exist: build the reference first with \`pnpm run docs\` at the repository root.`,
    );
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM}, so the reference cannot be rendered. ` +
        "Install it with `bash scripts/ensure-chromium.sh` at the repository root (or `sudo apt-get install -y chromium`), " +
        "or point CHROMIUM_PATH at another Chromium.",
    );
  }

  const files = listFiles(DIST_DIR).map((path) => ({ file: relative(DIST_DIR, path), bytes: statSync(path).size }));
  const totalBytes = files.reduce((sum, { bytes }) => sum + bytes, 0);
  const gzipped = (file: string) => gzipSync(readFileSync(join(DIST_DIR, file)), { level: 9 }).length;
  const indexHtmlGzipBytes = gzipped("index.html");
  // The shared assets the first page names (Redoc's script and styles, the definition).
  const assets = [...readFileSync(indexHtml, "utf8").matchAll(/(?:href|src)="\/(assets\/[^"]+)"/g)].map(
    (match) => match[1]!,
  );
  const firstVisitGzipBytes = indexHtmlGzipBytes + assets.reduce((sum, file) => sum + gzipped(file), 0);
  const target = firstTagAndOperation(JSON.parse(readFileSync(join(DIST_DIR, "openapi.json"), "utf8")));
  const secondRoute = `${target.tagSlug}.html`;
  const secondRouteGzipBytes = gzipped(secondRoute);
  log(
    `Reference: ${files.length} files, ${totalBytes} bytes; gzipped, a first visit ${firstVisitGzipBytes} bytes ` +
      `(index.html ${indexHtmlGzipBytes} and ${assets.join(", ")}), a second route (${secondRoute}) ${secondRouteGzipBytes} bytes`,
  );
  const timings: Record<Timing, number[]> = {
    first_contentful_paint_ms: [],
    dom_content_loaded_ms: [],
    load_ms: [],
    interactive_ms: [],
  };
  let outsideRequests = 0;

  let server: Awaited<ReturnType<typeof serveDocs>> | undefined;
  let browser: Browser | undefined;
  try {
    server = await serveDocs({ port: 0, root: DIST_DIR });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    // Opened on its first tag's route, the page can only list that tag's operations in
    // the sidebar once Redoc's script has run: the pre-rendered HTML shows the tags alone.
    const pageUrl = new URL(target.tagSlug, server.url).href;

    for (let run = 1; run <= runs; run++) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      try {
        await context.route("**/*", (route) => {
          const url = new URL(route.request().url());
          if (url.protocol === "data:" || url.hostname === "127.0.0.1") {
            return route.continue();
          }
          outsideRequests++;
          return route.abort();
        });
        const page = await context.newPage();
        const operationEntry = page
          .getByRole("link", { name: new RegExp(`^${escapeRegExp(target.summary)}\\s*${target.method}$`, "i") })
          .first();

        const began = performance.now();
        await page.goto(pageUrl, { waitUntil: "commit", timeout: RENDER_TIMEOUT_MS });
        try {
          await operationEntry.waitFor({ state: "visible", timeout: RENDER_TIMEOUT_MS });
        } catch (error) {
          throw new Error(
            `The sidebar never listed "${target.summary}" under "${target.tag}" at ${pageUrl}: ${(error as Error).message}`,
          );
        }
        const interactiveMs = performance.now() - began;

        await page.waitForFunction(
          () =>
            ((performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined)?.loadEventEnd ??
              0) > 0 && performance.getEntriesByName("first-contentful-paint").length > 0,
          undefined,
          { timeout: RENDER_TIMEOUT_MS },
        );
        const inPage = await page.evaluate(() => {
          const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
          return {
            firstContentfulPaint: performance.getEntriesByName("first-contentful-paint")[0]!.startTime,
            domContentLoaded: navigation.domContentLoadedEventEnd,
            load: navigation.loadEventEnd,
          };
        });
        timings.first_contentful_paint_ms.push(round(inPage.firstContentfulPaint, 1));
        timings.dom_content_loaded_ms.push(round(inPage.domContentLoaded, 1));
        timings.load_ms.push(round(inPage.load, 1));
        timings.interactive_ms.push(round(interactiveMs, 1));
        log(
          `Render ${run}/${runs}: FCP ${timings.first_contentful_paint_ms.at(-1)} ms, DOMContentLoaded ${timings.dom_content_loaded_ms.at(-1)} ms, ` +
            `load ${timings.load_ms.at(-1)} ms, operations listed ${timings.interactive_ms.at(-1)} ms`,
        );
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser?.close();
    await server?.close();
  }

  const summarise = (values: number[]): Timed => ({ median: round(median(values), 1), runs: values });
  return {
    files,
    total_bytes: totalBytes,
    index_html_gzip_bytes: indexHtmlGzipBytes,
    first_visit_gzip_bytes: firstVisitGzipBytes,
    second_route_gzip_bytes: secondRouteGzipBytes,
    second_route: secondRoute,
    runs,
    page: `/${target.tagSlug}`,
    interactive_when: `the sidebar lists "${target.summary}" (${target.method.toUpperCase()}) under "${target.tag}"`,
    first_contentful_paint_ms: summarise(timings.first_contentful_paint_ms),
    dom_content_loaded_ms: summarise(timings.dom_content_loaded_ms),
    load_ms: summarise(timings.load_ms),
    interactive_ms: summarise(timings.interactive_ms),
    outside_requests: outsideRequests,
  };
}

/** Every file under `dir`, at any depth, sorted by path. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? listFiles(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : [],
    )
    .sort();
}

/** The first tag the sidebar shows and the first of its operations, in the spec's order. */
function firstTagAndOperation(spec: Node): { method: string; summary: string; tag: string; tagSlug: string } {
  const operations = readSpec(spec).inSpecOrder.flatMap(({ method, summary, tags }) =>
    summary ? [{ method, summary, tag: tags[0] }] : [],
  );
  const tagNames = [
    ...((spec.tags ?? []) as Array<{ name: string }>).map((tag) => tag.name),
    ...operations.map((operation) => operation.tag),
  ];
  const tag = tagNames.find((name) => operations.some((operation) => operation.tag === name));
  const first = operations.find((operation) => operation.tag === tag);
  if (!first || tag === undefined) {
    throw new Error("The bundled spec has no tagged operation with a summary to wait for in the sidebar.");
  }
  return {
    ...first,
    tag,
    tagSlug: tag
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, ""),
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Markdown tables of a `benchDocs` result. */
export function renderDocsMarkdown(result: DocsResult): string {
  const kB = (bytes: number) => (bytes / 1024).toFixed(1);
  const timing = (label: string, { median: middle, runs }: Timed) => [label, middle, runs.join(", ")];
  return [
    table(
      ["File in apps/docs/dist", "Bytes", "kB"],
      [
        ...result.files.map(({ file, bytes }) => [file, bytes, kB(bytes)]),
        ["**total**", result.total_bytes, kB(result.total_bytes)],
        ["index.html, gzip -9", result.index_html_gzip_bytes, kB(result.index_html_gzip_bytes)],
        [
          "A first visit, gzip -9: index.html and the shared assets it loads",
          result.first_visit_gzip_bytes,
          kB(result.first_visit_gzip_bytes),
        ],
        [
          `A second route, gzip -9: ${result.second_route} alone (the assets are cached)`,
          result.second_route_gzip_bytes,
          kB(result.second_route_gzip_bytes),
        ],
      ],
      ["left", "right", "right"],
    ),
    "",
    table(
      [`Headless Chromium, \`${result.page}\` (${result.runs} runs)`, "Median (ms)", "Runs (ms)"],
      [
        timing("First contentful paint", result.first_contentful_paint_ms),
        timing("DOMContentLoaded", result.dom_content_loaded_ms),
        timing("Load", result.load_ms),
        timing(`Interactive: ${result.interactive_when}`, result.interactive_ms),
      ],
      ["left", "right", "left"],
    ),
    "",
    `Requests refused for leaving 127.0.0.1: ${result.outside_requests}.`,
  ].join("\n");
}
