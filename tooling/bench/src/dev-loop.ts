// `pnpm dev`'s edit loop (tooling/dev): how long a saved description takes to
// reach the served reference. Starts the loop on a temporary copy of openapi/,
// waits until it is ready, then saves an operation's description `edits`
// times, each time once the loop is idle, and times each save until the served
// page (fetched over HTTP when the event stream says a build is ready) holds
// the new text, and, in headless Chromium, until the reloaded page shows it.
// The loop's own breakdown of each rebuild comes from its /__dev/status.
// Also times what the published page's route would cost instead: `redocly
// build-docs` of the same reference spec.
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { referenceSpec as toReferenceSpec } from "@billing-api/docs/reference";
import type { Node } from "@billing-api/openapi/reader";
import { ROOT } from "@billing-api/repository";
import { type Browser, chromium } from "playwright-core";
import { binPath, runNode } from "./node-tool.ts";
import { median, quantile, round } from "./stats.ts";

const require = createRequire(import.meta.url);
const DEV = join(dirname(fileURLToPath(import.meta.resolve("@billing-api/dev/package.json"))), "bin/dev.ts");
const SPEC_DIR = dirname(fileURLToPath(import.meta.resolve("@billing-api/openapi/package.json")));
const TSX = pathToFileURL(require.resolve("tsx")).href;
const DOCS_DIR = dirname(require.resolve("@billing-api/docs/package.json"));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const OPERATION = "paths/checkout-sessions.yaml";
const ANCHOR = "    Starts a self-serve";
const STEP_TIMEOUT_MS = 60_000;
export const TARGET_MS = 2_000;

/** Median, 90th percentile and every run, in ms. */
export interface Spread {
  median: number;
  p90: number;
  runs: number[];
}

export interface DevLoopResult {
  edits: number;
  target_ms: number;
  startup_ms: number;
  /** Save → the served HTML holds the new text (the reload event, then one fetch). */
  edit_to_served_ms: Spread;
  /** Save → the page open in headless Chromium has reloaded and shows the new text; null without Chromium. */
  edit_to_rendered_ms: Spread | null;
  /** The loop's own account of each rebuild (from /__dev/status). */
  breakdown: { waited_ms: Spread; bundle_ms: Spread; page_ms: Spread; lint_ms: Spread };
  /** `redocly build-docs` of the same reference spec: what the published page's route would add to the bundle. */
  build_docs_ms: Spread;
  load_average_1m: { start: number; end: number };
}

const spread = (runs: number[]): Spread => ({
  median: round(median(runs), 0),
  p90: round(quantile(runs, 0.9), 0),
  runs: runs.map((run) => round(run, 0)),
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Status {
  build: number;
  idle: boolean;
  last: { build: number | null; waited_ms: number; bundle_ms: number; page_ms: number; lint_ms: number } | null;
}

export async function benchDevLoop({
  edits = 10,
  log = console.log,
}: {
  edits?: number;
  log?: (message: string) => void;
} = {}): Promise<DevLoopResult> {
  const loadStart = loadavg()[0]!;
  const specDir = mkdtempSync(join(tmpdir(), "billing-bench-dev-"));
  for (const entry of ["openapi.yaml", "redocly.yaml", "paths", "components", "plugins"]) {
    cpSync(join(SPEC_DIR, entry), join(specDir, entry), { recursive: true });
  }
  const original = readFileSync(join(specDir, OPERATION), "utf8");
  if (!original.includes(ANCHOR)) {
    throw new Error(`${OPERATION} no longer has the description this benchmark edits ("${ANCHOR.trim()}…").`);
  }

  let output = "";
  let dev: ChildProcess | undefined;
  let browser: Browser | undefined;
  const abort = new AbortController();
  try {
    const started = performance.now();
    dev = spawn(process.execPath, ["--import", TSX, DEV, `--spec-dir=${specDir}`, "--port=0", "--mock-port=0"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    for (const stream of [dev.stdout!, dev.stderr!]) {
      stream.setEncoding("utf8").on("data", (chunk: string) => (output = (output + chunk).slice(-200_000)));
    }
    const reference = await until(
      () => /^ {2}reference {2}(\S+)[\s\S]*^ready in /m.exec(output)?.[1],
      180_000,
      () => `pnpm dev did not get ready:\n${output}`,
    );
    const startupMs = performance.now() - started;
    log(`  dev loop ready in ${(startupMs / 1000).toFixed(1)} s at ${reference}`);
    const status = async () => (await (await fetch(new URL("__dev/status", reference))).json()) as Status;

    // The reload events, as they come.
    const reloads: number[] = [];
    void (async () => {
      const response = await fetch(new URL("__dev/events", reference), { signal: abort.signal });
      const decoder = new TextDecoder();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        for (const match of decoder.decode(chunk, { stream: true }).matchAll(/^event: reload$/gm)) {
          reloads.push(match.index);
        }
      }
    })().catch(() => {});

    const page = existsSync(CHROMIUM)
      ? await (async () => {
          browser = await chromium.launch({
            executablePath: CHROMIUM,
            args: ["--disable-background-networking", "--disable-component-update", "--no-first-run"],
          });
          const opened = await browser.newPage({ viewport: { width: 1400, height: 900 } });
          // Opened on the operation's tag: Redoc shows one tag's operations at a time (the hash stays across reloads).
          await opened.goto(new URL("#/checkout-sessions", reference).href);
          return opened;
        })()
      : undefined;
    if (!page) {
      log(`  Chromium not found at ${CHROMIUM}: timing the served page only.`);
    }
    const rendered = (token: string) =>
      page!
        .evaluate((text) => document.getElementById("redoc")?.textContent?.includes(text) ?? false, token)
        .catch(() => false); // false while it reloads

    const served: number[] = [];
    const shown: number[] = [];
    const breakdown = {
      waited_ms: [] as number[],
      bundle_ms: [] as number[],
      page_ms: [] as number[],
      lint_ms: [] as number[],
    };
    for (let edit = 1; edit <= edits; edit++) {
      await until(
        async () => (await status()).idle || undefined,
        120_000,
        () => "the loop did not get idle",
      );
      if (page) {
        await until(
          () => rendered("Starts a self-serve").then((yes) => yes || undefined),
          STEP_TIMEOUT_MS,
          () => "the page did not render",
        );
      }
      const token = `Benchmark edit ${edit} ${Date.now().toString(36)}.`;
      const seen = reloads.length;
      const saved = performance.now();
      writeFileSync(join(specDir, OPERATION), original.replace(ANCHOR, `    ${token} Starts a self-serve`));
      const viaHttp = (async () => {
        let checked = seen;
        for (;;) {
          await until(
            () => (reloads.length > checked ? true : undefined),
            STEP_TIMEOUT_MS,
            () => `no reload for edit ${edit}:\n${output.slice(-2_000)}`,
            5,
          );
          checked = reloads.length;
          if ((await (await fetch(reference)).text()).includes(token)) {
            return performance.now() - saved;
          }
        }
      })();
      const inBrowser = page
        ? until(
            () => rendered(token).then((yes) => (yes ? performance.now() - saved : undefined)),
            STEP_TIMEOUT_MS,
            () => `edit ${edit} not rendered`,
            20,
          )
        : undefined;
      served.push(await viaHttp);
      if (inBrowser) {
        shown.push(await inBrowser);
      }
      // The rebuild that served it: its status line comes once lint is done too.
      const report = await until(
        async () => {
          const { last } = await status();
          return last?.build != null && last.build >= 1 && (await status()).build === last.build ? last : undefined;
        },
        STEP_TIMEOUT_MS,
        () => "no report of the rebuild",
      );
      if (report) {
        for (const key of Object.keys(breakdown) as (keyof typeof breakdown)[]) {
          breakdown[key].push(report[key]);
        }
      }
      log(
        `  edit ${edit}: served after ${Math.round(served.at(-1)!)} ms${inBrowser ? `, rendered after ${Math.round(shown.at(-1)!)} ms` : ""}`,
      );
    }

    // The published route instead: build-docs of the same reference spec (the prerender step of apps/docs/src/build.ts).
    const bundled = JSON.parse(await (await fetch(new URL("openapi.json", reference))).text()) as Node;
    const referenceSpec = toReferenceSpec(bundled);
    const work = mkdtempSync(join(tmpdir(), "billing-bench-build-docs-"));
    const buildDocs: number[] = [];
    try {
      writeFileSync(join(work, "reference.json"), JSON.stringify(referenceSpec));
      for (let run = 0; run < 3; run++) {
        const start = performance.now();
        await runNode(
          "redocly build-docs",
          [
            binPath("@redocly/cli", "redocly"),
            "build-docs",
            "reference.json",
            "--config",
            join(DOCS_DIR, "redocly.yaml"),
            "--output",
            "index.html",
            "--inlineBundle",
          ],
          work,
        );
        buildDocs.push(performance.now() - start);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }

    return {
      edits,
      target_ms: TARGET_MS,
      startup_ms: Math.round(startupMs),
      edit_to_served_ms: spread(served),
      edit_to_rendered_ms: shown.length > 0 ? spread(shown) : null,
      breakdown: {
        waited_ms: spread(breakdown.waited_ms),
        bundle_ms: spread(breakdown.bundle_ms),
        page_ms: spread(breakdown.page_ms),
        lint_ms: spread(breakdown.lint_ms),
      },
      build_docs_ms: spread(buildDocs),
      load_average_1m: { start: round(loadStart), end: round(loadavg()[0]!) },
    };
  } finally {
    abort.abort();
    await browser?.close();
    if (dev && dev.exitCode === null && dev.signalCode === null) {
      const exited = new Promise((resolve) => dev!.once("exit", resolve));
      dev.kill("SIGINT"); // the loop ends its own children (the mock, any lint or bundle) by PID
      await Promise.race([exited, sleep(15_000)]);
      if (dev.exitCode === null && dev.signalCode === null) {
        dev.kill("SIGKILL");
      }
    }
    rmSync(specDir, { recursive: true, force: true });
  }
}

/** Polls `probe` every `everyMs` until it gives a value; throws `why()` after `timeoutMs`. */
async function until<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  why: () => string,
  everyMs = 50,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (performance.now() > deadline) {
      throw new Error(why());
    }
    await sleep(everyMs);
  }
}
