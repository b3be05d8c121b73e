// The edit loop: watches a spec folder and, on each save (debounced), runs a
// rebuild: lint and bundle side by side; as soon as the bundle is there, the
// dev page of the reference is rebuilt and every open page reloads; when lint
// is done its findings and a status line are printed. Never two rebuilds at
// once: saves during one queue one more, of the latest files.
//
// What the reference does not need waits for a quiet spec (a follow-up, once
// no save came for `followUpDelayMs`): the YAML bundle, the mock restarted on
// the new bundle, and the generated types and client, each only when what it
// reads of the bundle changed. It runs beside a rebuild if a save comes
// meanwhile, never beside another follow-up.
import { type Dirent, type FSWatcher, mkdirSync, readdirSync, statSync, watch } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { RunningMock } from "@billing-api/mock";
import type { Node } from "@billing-api/openapi/reader";
import { endAll, livePids } from "./processes.ts";
import { type DevServer, startServer } from "./server.ts";
import {
  bundle,
  ensureMock,
  ensureReader,
  type Finding,
  formatFinding,
  GENERATOR_INPUTS,
  type Generator,
  generate,
  hash,
  lint,
  REDOCLY_VERSION,
  replaceFile,
  type SpecShape,
  shown,
} from "./steps.ts";

export interface DevOptions {
  /** The spec folder: openapi.yaml and redocly.yaml in it. */
  specDir: string;
  /** Port of the reference on 127.0.0.1 (0: the OS picks). */
  port: number;
  /** Port of the mock on 127.0.0.1 (0: the OS picks), or false for no mock. */
  mockPort: number | false;
  /** Regenerate the types and client. */
  generate: boolean;
  /** Quiet time after a save before the rebuild starts, in ms. */
  debounceMs?: number;
  /** Quiet time after a rebuild before the follow-up (YAML bundle, mock, generators), in ms. */
  followUpDelayMs?: number;
  /** Where the loop's lines go. */
  log?: (line: string) => void;
}

/** The last rebuild, as /__dev/status reports it. Times in ms. */
export interface RebuildReport {
  /** The build it published; null when it published none (the spec did not bundle, or the bundle did not change). */
  build: number | null;
  outcome: "published" | "unchanged" | "failed";
  files: string[];
  /** From the first save it includes to its start: the debounce, and any rebuild it waited for. */
  waited_ms: number;
  bundle_ms: number;
  page_ms: number;
  /** From the first save it includes to the reload sent to the pages. */
  visible_ms: number | null;
  lint_ms: number;
  findings: number;
  total_ms: number;
}

export interface DevLoop {
  referenceUrl: string;
  mockUrl: () => string | undefined;
  status: () => DevStatus;
  stop: () => Promise<void>;
}

export interface DevStatus {
  specDir: string;
  build: number;
  idle: boolean;
  reference: string;
  mock: { url: string; pid: number } | null;
  /** Every process the loop started that is still running (the mock included). */
  children: number[];
  findings: number;
  last: RebuildReport | null;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const clock = () => new Date().toTimeString().slice(0, 8);
/** Top-level folders of a spec folder that hold no spec file. */
const NOT_SPEC = new Set(["dist", "node_modules", "released", "test", "src", "scripts", "coverage", "test-results"]);
const SPEC_FILE = /\.(ya?ml|json|js)$/;
const MAX_FINDINGS_SHOWN = 25;

export async function startDev(options: DevOptions): Promise<DevLoop> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const specDir = resolve(options.specDir);
  const distDir = join(specDir, "dist");
  const debounceMs = options.debounceMs ?? 100;
  const followUpDelayMs = options.followUpDelayMs ?? 1_000;
  const intoRepository = resolve(specDir) === resolve(join((await import("@billing-api/guardrails/repository")).ROOT, "openapi"));
  mkdirSync(distDir, { recursive: true });

  await ensureReader();
  const { devPage, referenceSpec, waitingPage } = await import("./page.ts");
  const mockLibrary = options.mockPort === false ? undefined : await ensureMock().then(() => import("@billing-api/mock"));

  let build = 0;
  let currentJson: string | undefined;
  let currentSpec: Node | undefined;
  let findings: Finding[] = [];
  let last: RebuildReport | null = null;
  let stopping = false;

  let mock: RunningMock | undefined;
  let mockPort = options.mockPort === false ? 0 : options.mockPort;
  let mockHash: string | undefined;
  let yamlHash: string | undefined;
  const generated: Partial<Record<Generator, string>> = {};

  // Lanes: the rebuild (debounced, one at a time, the latest queued), and the follow-up.
  let debounceTimer: NodeJS.Timeout | undefined;
  let rebuilding: Promise<void> | undefined;
  let queued = false;
  let firstSave: number | undefined;
  let saved = new Set<string>();
  let followUpTimer: NodeJS.Timeout | undefined;
  let following: Promise<void> | undefined;
  let followAgain = false;

  const status = (): DevStatus => ({
    specDir,
    build,
    idle: !rebuilding && !queued && !debounceTimer && !following && !followUpTimer,
    reference: server.url,
    mock: mock ? { url: mock.url, pid: mock.pid } : null,
    children: [...livePids(), ...(mock ? [mock.pid] : [])],
    findings: findings.length,
    last,
  });
  const server: DevServer = await startServer({
    port: options.port,
    initial: { html: waitingPage("The first build is running."), build: 0 },
    status: () => status(),
  });

  async function rebuild(): Promise<void> {
    const firstAt = firstSave ?? performance.now();
    const files = [...saved].map(shown);
    firstSave = undefined;
    saved = new Set();
    const begun = performance.now();
    const first = build === 0 && last === null;
    const linting = lint(specDir);
    const bundled = await bundle(specDir, "json");
    if (stopping) {
      return;
    }
    let outcome: RebuildReport["outcome"] = "failed";
    let pageMs = 0;
    let visibleMs: number | null = null;
    let problem: string[] = bundled.errors;
    if (bundled.text !== undefined && bundled.text === currentJson) {
      outcome = "unchanged";
    } else if (bundled.text !== undefined) {
      const pageStart = performance.now();
      try {
        const spec = JSON.parse(bundled.text) as Node;
        const html = devPage(referenceSpec(spec), build + 1, REDOCLY_VERSION);
        replaceFile(join(distDir, "openapi.json"), bundled.text);
        build++;
        currentJson = bundled.text;
        currentSpec = spec;
        server.publish({ html, json: bundled.text, build });
        pageMs = performance.now() - pageStart;
        visibleMs = performance.now() - firstAt;
        outcome = "published";
      } catch (error) {
        // The bundle is there but the reference cannot be made of it (e.g. withCodeSamples needs a server).
        problem = [`the reference could not be built from the bundle: ${(error as Error).message}`];
      }
    }
    if (outcome === "failed") {
      log(`✖ ${clock()} the spec did not build${build > 0 ? `; still serving build ${build}` : ""}:`);
      for (const line of problem) {
        log(`    ${line}`);
      }
      server.failed(problem.join("\n"));
    }

    const linted = await linting;
    if (stopping) {
      return;
    }
    findings = linted.findings;
    if (linted.failure) {
      log(`  ✖ lint could not run:\n${linted.failure.replace(/^/gm, "    ")}`);
    }
    for (const finding of linted.findings.slice(0, MAX_FINDINGS_SHOWN)) {
      log(`  ${formatFinding(finding)}`);
    }
    if (linted.findings.length > MAX_FINDINGS_SHOWN) {
      log(`  … and ${linted.findings.length - MAX_FINDINGS_SHOWN} more (\`pnpm lint\` lists them all)`);
    }

    const totalMs = performance.now() - begun;
    const lintPart = `lint ${seconds(linted.ms)}: ${linted.findings.length === 0 ? "clean" : `${linted.findings.length} problem${linted.findings.length === 1 ? "" : "s"}`}`;
    const saves = files.length > 0 ? ` [${files.slice(0, 3).join(", ")}${files.length > 3 ? ", …" : ""}]` : "";
    if (outcome === "published") {
      const note = linted.findings.length > 0 ? " (served with lint problems: work in progress)" : "";
      log(
        `✓ ${clock()} build ${build} served ${seconds(visibleMs!)} ${first ? "after the start" : "after the save"} (wait ${seconds(begun - firstAt)}, bundle ${seconds(bundled.ms)}, page ${seconds(pageMs)}); ${lintPart}${note}${saves}`,
      );
    } else if (outcome === "unchanged") {
      log(`= ${clock()} the bundle did not change (bundle ${seconds(bundled.ms)}); still build ${build}; ${lintPart}${saves}`);
    } else {
      log(`✖ ${clock()} no new build in ${seconds(totalMs)} (bundle ${seconds(bundled.ms)}); ${lintPart}${saves}`);
    }
    last = {
      build: outcome === "published" ? build : null,
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

  /** Starts a rebuild now, or queues one if a rebuild is running. */
  function kick(): void {
    debounceTimer = undefined;
    if (stopping) {
      return;
    }
    if (rebuilding) {
      queued = true;
      return;
    }
    rebuilding = rebuild()
      .catch((error: Error) => log(`✖ the rebuild failed: ${error.stack ?? error.message}`))
      .finally(() => {
        rebuilding = undefined;
        if (queued) {
          queued = false;
          kick();
        } else {
          scheduleFollowUp();
        }
      });
  }

  function saw(file: string): void {
    if (stopping) {
      return;
    }
    firstSave ??= performance.now();
    saved.add(file);
    clearTimeout(followUpTimer);
    followUpTimer = undefined;
    clearTimeout(debounceTimer);
    debounceTimer = setTimeout(kick, debounceMs);
  }

  function scheduleFollowUp(): void {
    if (stopping) {
      return;
    }
    clearTimeout(followUpTimer);
    followUpTimer = setTimeout(() => {
      followUpTimer = undefined;
      if (rebuilding || debounceTimer || stopping) {
        return; // that rebuild schedules the next follow-up
      }
      if (following) {
        followAgain = true;
        return;
      }
      following = followUp()
        .catch((error: Error) => log(`✖ the follow-up failed: ${error.stack ?? error.message}`))
        .finally(() => {
          following = undefined;
          if (followAgain) {
            followAgain = false;
            scheduleFollowUp();
          }
        });
    }, followUpDelayMs);
  }

  async function restartMock(forHash: string): Promise<void> {
    if (!mockLibrary) {
      return;
    }
    const begun = performance.now();
    const restarting = mock !== undefined;
    if (mock) {
      const old = mock;
      mock = undefined;
      await old.stop();
    }
    if (stopping) {
      return;
    }
    try {
      mock = await mockLibrary.startMock({
        port: mockPort,
        specPath: join(distDir, "openapi.json"),
        stdio: "pipe",
        onOutput: (chunk) => process.stderr.write(chunk),
        readyTimeoutMs: 120_000,
      });
      mockPort = mock.port;
      if (restarting) {
        log(`  mock restarted on ${mock.url} with build ${build} (pid ${mock.pid}, ${seconds(performance.now() - begun)})`);
      }
    } catch (error) {
      log(`  ✖ the mock did not start on build ${build}: ${(error as Error).message.split("\n")[0]}`);
    }
    mockHash = forHash;
    if (stopping && mock) {
      await mock.stop();
    }
  }

  /**
   * One step at a time, so that a rebuild started by a save meanwhile shares the two cores
   * with one process at most; after a save the remaining steps are left to the follow-up
   * that rebuild schedules. Each step runs only if what it reads of the bundle changed.
   */
  async function followUp(): Promise<void> {
    const steps: Array<() => Promise<void> | undefined> = [
      () => {
        const current = currentJson === undefined ? undefined : hash(currentJson);
        return current !== undefined && mockHash !== current ? restartMock(current) : undefined;
      },
      ...(options.generate ? (Object.keys(GENERATOR_INPUTS) as Generator[]) : []).map((generator) => () => {
        if (currentSpec === undefined) {
          return undefined;
        }
        const input = hash(GENERATOR_INPUTS[generator](currentSpec as SpecShape));
        if (generated[generator] === input) {
          return undefined;
        }
        return generate(generator, join(distDir, "openapi.json"), { intoRepository, outDir: join(distDir, "generated") }).then((result) => {
          if (stopping) {
            return;
          }
          generated[generator] = input;
          if (!result.ok) {
            log(`  ✖ ${generator} generation failed (${seconds(result.ms)}):\n${result.output.replace(/^/gm, "    ")}`);
          } else if (result.changed) {
            log(`  ${generator} regenerated: ${shown(result.file)} (${seconds(result.ms)})`);
          }
        });
      }),
      () => {
        if (currentJson === undefined) {
          return undefined;
        }
        const current = hash(currentJson);
        if (yamlHash === current) {
          return undefined;
        }
        return bundle(specDir, "yaml", { nice: 10 }).then((result) => {
          if (stopping || result.text === undefined) {
            return;
          }
          replaceFile(join(distDir, "openapi.yaml"), result.text);
          yamlHash = current;
        });
      },
    ];
    for (const step of steps) {
      if (stopping || rebuilding || debounceTimer) {
        return;
      }
      await step();
    }
  }

  // One watcher per folder, not `recursive: true`: Node 20's recursive watcher on Linux loses a
  // file once an editor saves it by rename (write a copy, rename it over), and sees none of its
  // later saves. A folder's own watcher sees both kinds of save, and new folders as they come.
  const watchers = new Map<string, FSWatcher>();
  const isFolder = (path: string) => {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  };
  const watchFolder = (dir: string, top: boolean) => {
    if (watchers.has(dir) || stopping) {
      return;
    }
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, file) => {
        if (!file) {
          return;
        }
        const path = join(dir, file);
        if (top ? /\.ya?ml$/.test(file) : SPEC_FILE.test(file)) {
          saw(path);
        } else if (isFolder(path)) {
          watchTree(path, top);
        }
      });
    } catch {
      return; // not a folder, or gone already
    }
    watcher.on("error", () => {
      watcher.close();
      watchers.delete(dir);
    });
    watchers.set(dir, watcher);
  };
  /** Watches `dir` and every folder under it; in the spec folder itself, only the folders that hold spec files. */
  const watchTree = (dir: string, inTop = false) => {
    if (inTop && (NOT_SPEC.has(basename(dir)) || basename(dir).startsWith("."))) {
      return;
    }
    watchFolder(dir, false);
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith(".")) {
        watchTree(join(dir, entry.name));
      }
    }
  };
  watchFolder(specDir, true);
  for (const entry of readdirSync(specDir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      watchTree(join(specDir, entry.name), true);
    }
  }

  // The first build, then the mock on it; the rest of the follow-up after "ready".
  log(
    `pnpm dev: watching ${shown(specDir)}/ — each save relints, rebundles, reloads the reference, restarts the mock${options.generate ? " and regenerates the types and client" : ""}`,
  );
  rebuilding = rebuild().finally(() => {
    rebuilding = undefined;
  });
  await rebuilding;
  if (currentJson !== undefined) {
    await restartMock(hash(currentJson));
  }
  log(`  reference  ${server.url}  (live reload; the bundle at ${server.url}openapi.json)`);
  log(mock ? `  mock       ${mock.url}  (pid ${mock.pid})` : `  mock       not running${options.mockPort === false ? " (--no-mock)" : ""}`);
  log(`ready in ${seconds(performance.now() - started)}. Ctrl-C to stop.`);
  if (queued) {
    kick();
  } else {
    scheduleFollowUp();
  }

  return {
    referenceUrl: server.url,
    mockUrl: () => mock?.url,
    status,
    async stop() {
      if (stopping) {
        return;
      }
      stopping = true;
      clearTimeout(debounceTimer);
      clearTimeout(followUpTimer);
      debounceTimer = undefined;
      followUpTimer = undefined;
      for (const watcher of watchers.values()) {
        watcher.close();
      }
      await endAll();
      await Promise.allSettled([rebuilding, following]);
      await mock?.stop();
      mock = undefined;
      await server.close();
    },
  };
}
