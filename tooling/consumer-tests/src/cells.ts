// One cell per runtime: it runs fixtures/scenario.mjs there, with the client
// that runtime loads from the consumer project, and answers the scenario's
// results. A runtime that cannot start, or a cell that ends without results,
// answers a failed result for every step, saying why.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { withoutLibfaketime } from "@billing-api/build-helpers/without-libfaketime";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { chromium } from "playwright-core";
import { userEnv } from "./project.ts";

export interface StepResult {
  step: string;
  ok: boolean;
  detail: string;
  /** The step does not apply to this runtime (import+require where there is no `require`). */
  skipped?: boolean;
}

export interface ScenarioConfig {
  mockUrl: string;
  silentUrl: string;
  closedUrl: string;
  timeoutMs: number;
}

export interface Cell<Config = ScenarioConfig> {
  /** The runtime and its version; a cell may fill in the version once the runtime has started. */
  runtime: string;
  run(projectDir: string, config: Config): Promise<StepResult[]>;
}

/** How long a whole cell may take before it is stopped: the scenario itself takes a few seconds. */
const CELL_LIMIT_MS = 90_000;
const MARKER = "CONSUMER-RESULTS ";

/** A cell that runs `command args… <config as JSON>` in the project and reads the results it prints; stopped after `limitMs`. */
export function processCell<Config = ScenarioConfig>(
  runtime: string,
  command: () => string,
  args: string[],
  env: Record<string, string> = {},
  limitMs = CELL_LIMIT_MS,
): Cell<Config> {
  return {
    runtime,
    async run(projectDir, config) {
      const child = spawn(command(), [...args, JSON.stringify(config)], {
        cwd: projectDir,
        env: userEnv(env),
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-4_000)));
      const limit = setTimeout(() => child.kill("SIGKILL"), limitMs);
      const exit = await new Promise<string>((resolve) => {
        child.on("error", (error) => resolve(`could not start: ${error.message}`));
        child.on("close", (code, signal) =>
          resolve(
            code === 0
              ? ""
              : signal === "SIGKILL"
                ? `was stopped after ${limitMs / 1000} s`
                : `exited with ${code ?? signal}`,
          ),
        );
      });
      clearTimeout(limit);
      const line = stdout.split("\n").find((l) => l.startsWith(MARKER));
      if (line && !exit) {
        return JSON.parse(line.slice(MARKER.length)) as StepResult[];
      }
      const why = `${runtime} ${exit || "printed no results"}: ${(stderr || stdout).trim().split("\n").slice(-6).join(" | ") || "(no output)"}`;
      return [{ step: "start", ok: false, detail: why }];
    },
  };
}

/** Bundles `entry` of the project as a bundler does for `platform`: esbuild with that platform's conditions. */
async function bundle(
  projectDir: string,
  entry: string,
  options: { conditions: string[]; platform: "neutral" | "browser" },
): Promise<string> {
  const result = await build({
    entryPoints: [join(projectDir, entry)],
    absWorkingDir: projectDir,
    bundle: true,
    format: "esm",
    platform: options.platform,
    conditions: options.conditions,
    mainFields: ["browser", "module", "main"],
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

/**
 * workerd through Miniflare. The Worker is bundled as wrangler bundles one
 * (esbuild, the workerd/worker/browser conditions); each request it gets runs
 * the scenario, so the timeout step runs after earlier requests finished.
 */
export function workerdCell(runtime: string): Cell {
  return {
    runtime,
    async run(projectDir, config) {
      const script = await bundle(projectDir, "worker.mjs", {
        platform: "neutral",
        conditions: ["workerd", "worker", "browser"],
      });
      // workerd starts on the real clock: it deadlocks under libfaketime, which the suite may run under.
      const worker = await withoutLibfaketime(async () => {
        const started = new Miniflare({ modules: true, script, compatibilityDate: "2025-01-01" });
        await started.ready;
        return started;
      });
      try {
        // A request to the Worker that makes a call and finishes, before the one that runs the scenario.
        const warmUp = await worker.dispatchFetch("http://worker/warm-up", {
          method: "POST",
          body: JSON.stringify(config),
        });
        if (!warmUp.ok) {
          return [
            {
              step: "start",
              ok: false,
              detail: `the Worker's first request answered ${warmUp.status}: ${(await warmUp.text()).slice(0, 300)}`,
            },
          ];
        }
        await warmUp.arrayBuffer();
        const response = await worker.dispatchFetch("http://worker/scenario", {
          method: "POST",
          body: JSON.stringify(config),
        });
        return (await response.json()) as StepResult[];
      } finally {
        await worker.dispose();
      }
    },
  };
}

/**
 * Chromium (Debian's, driven by playwright-core): a page served from one port
 * of 127.0.0.1 runs the scenario against the mock on another port, so every
 * call is cross-origin, as a web app's calls to an API are.
 */
export function chromiumCell(runtime: string, executablePath: () => string): Cell {
  return {
    runtime,
    async run(projectDir, config) {
      const script = await bundle(projectDir, "browser.mjs", { platform: "browser", conditions: ["browser"] });
      const html = readFileSync(join(projectDir, "index.html"), "utf8");
      const server = createServer((request, response) => {
        if (request.url === "/app.js") {
          response.writeHead(200, { "content-type": "text/javascript" }).end(script);
        } else if (request.url === "/") {
          response.writeHead(200, { "content-type": "text/html" }).end(html);
        } else {
          response.writeHead(404).end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const pageUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
      const browser = await chromium.launch({
        executablePath: executablePath(),
        args: [
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--disable-quic",
        ],
      });
      this.runtime = `${runtime} ${browser.version()}`;
      try {
        const page = await browser.newPage();
        const pageErrors: string[] = [];
        page.on("pageerror", (error) => pageErrors.push(error.message));
        await page.goto(pageUrl);
        await page.waitForFunction(() => "runConsumerScenario" in globalThis);
        const results = await page.evaluate(
          (pageConfig) =>
            (globalThis as unknown as { runConsumerScenario(c: unknown): Promise<StepResult[]> }).runConsumerScenario(
              pageConfig,
            ),
          config,
        );
        if (pageErrors.length) {
          results.push({ step: "page errors", ok: false, detail: pageErrors.join(" | ") });
        }
        return results;
      } finally {
        await browser.close();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}
