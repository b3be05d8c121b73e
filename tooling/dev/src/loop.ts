// The edit loop: watches a spec folder and, on each save (debounced), runs a
// rebuild (src/rebuild.ts): lint and bundle side by side; as soon as the
// bundle is there, the dev page of the reference is rebuilt and every open
// page reloads; when lint is done its findings and a status line are printed.
// What the reference does not need waits for a quiet spec (src/follow-up.ts:
// the mock, the generated types and client, the YAML bundle). When each runs
// is src/lanes.ts; what they share is src/state.ts; the watchers are
// src/watch-spec.ts. This module wires them and starts the first build.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { followUp, restartMock } from "./follow-up.ts";
import { createLanes } from "./lanes.ts";
import { checkPort } from "./ports.ts";
import { endAll, livePids } from "./processes.ts";
import { rebuild } from "./rebuild.ts";
import { startServer } from "./server.ts";
import { type DevContext, type DevState, type RebuildReport, seconds } from "./state.ts";
import { ensureMock, ensureReader, hash, shown } from "./steps.ts";
import { watchSpec } from "./watch-spec.ts";

export type { RebuildReport };

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

export async function startDev(options: DevOptions): Promise<DevLoop> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const specDir = resolve(options.specDir);
  const distDir = join(specDir, "dist");
  const intoRepository = resolve(specDir) === resolve(join((await import("@billing-api/repository")).ROOT, "openapi"));
  mkdirSync(distDir, { recursive: true });

  // Both ports before any work: a taken one is said at once, not after the first build.
  await checkPort("reference", "127.0.0.1", options.port);
  if (options.mockPort !== false) {
    await checkPort("mock", "127.0.0.1", options.mockPort);
  }
  await ensureReader();
  const page = await import("./page.ts");
  const mockLibrary =
    options.mockPort === false ? undefined : await ensureMock().then(() => import("@billing-api/mock"));

  const state: DevState = {
    build: 0,
    findings: [],
    last: null,
    stopping: false,
    mockPort: options.mockPort === false ? 0 : options.mockPort,
    generated: {},
  };
  const lanes = createLanes({
    debounceMs: options.debounceMs ?? 100,
    followUpDelayMs: options.followUpDelayMs ?? 1_000,
    stopping: () => state.stopping,
    rebuild: (saves) => rebuild(ctx, saves),
    followUp: (interrupted) => followUp(ctx, interrupted),
    log,
  });
  const status = (): DevStatus => ({
    specDir,
    build: state.build,
    idle: lanes.idle(),
    reference: server.url,
    mock: state.mock ? { url: state.mock.url, pid: state.mock.pid } : null,
    children: [...livePids(), ...(state.mock ? [state.mock.pid] : [])],
    findings: state.findings.length,
    last: state.last,
  });
  const server = await startServer({
    port: options.port,
    initial: { html: page.waitingPage("The first build is running."), build: 0 },
    status: () => status(),
  });
  const ctx: DevContext = {
    specDir,
    distDir,
    log,
    generate: options.generate,
    intoRepository,
    page,
    server,
    mockLibrary,
    state,
  };
  const watcher = watchSpec(specDir, (file) => lanes.saw(file));

  // The first build, then the mock on it; the rest of the follow-up after "ready".
  log(
    `pnpm dev: watching ${shown(specDir)}/ — each save relints, rebundles, reloads the reference, restarts the mock${options.generate ? " and regenerates the types and client" : ""}`,
  );
  await lanes.first();
  if (state.currentJson !== undefined) {
    await restartMock(ctx, hash(state.currentJson));
  }
  log(`  reference  ${server.url}  (live reload; the bundle at ${server.url}openapi.json)`);
  log(
    state.mock
      ? `  mock       ${state.mock.url}  (pid ${state.mock.pid})`
      : `  mock       not running${options.mockPort === false ? " (--no-mock)" : ""}`,
  );
  log(`ready in ${seconds(performance.now() - started)}. Ctrl-C to stop.`);
  lanes.start();

  return {
    referenceUrl: server.url,
    mockUrl: () => state.mock?.url,
    status,
    async stop() {
      if (state.stopping) {
        return;
      }
      state.stopping = true;
      const settled = lanes.stop();
      watcher.close();
      await endAll();
      await settled;
      await state.mock?.stop();
      state.mock = undefined;
      await server.close();
    },
  };
}
