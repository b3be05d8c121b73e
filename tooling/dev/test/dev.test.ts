// `pnpm dev` on a temporary copy of the spec: it gets ready with its URLs, a
// saved description reaches the served page (with a reload on the event
// stream), a lint problem is printed and the loop goes on, a file that does not
// parse is reported while the last build stays served, and SIGINT ends every
// process it started. Each wait is bounded; nothing here times the loop (that
// is `pnpm bench --only=dev`).
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ROOT } from "@billing-api/repository";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { treeCpuMs } from "./tree-cpu.ts";

const DEV = fileURLToPath(new URL("../bin/dev.ts", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const OPERATION = "paths/checkout-sessions.yaml";
// Backstops, not measures. A wait gives up when the dev processes (the loop and every child
// it runs) have used WAIT_CPU_MS of CPU since it began without showing what it waits for: a
// loop that spins. Their start (to `ready` and the types) cost them 15 s of CPU here, and each
// rebuild 11 to 13 s (lint, bundle, page, types, the mock's restart), whatever the load: 120 s
// is eight such rebuilds.
// The wall-clock limit only catches a loop that waits on nothing: the loop's lint runs at
// nice 10 (so that it never slows the bundle a developer waits for), and beside stress-ng
// --cpu 8 and the other packages' tests it gets little of the CPU: one lint took 278 s there
// (3 s on an idle machine). Fifteen minutes is three times that.
const WAIT_CPU_MS = 120_000;
const WAIT_WALL_MS = 900_000;

let specDir: string;
let dev: ChildProcess;
let output = "";
let reference: string;
let mock: string;
let original: string;

/**
 * A wait's backstop: a function that names why the wait should give up (the dev processes
 * used WAIT_CPU_MS of CPU since the wait began, or WAIT_WALL_MS went by), or undefined.
 */
function backstop(): () => string | undefined {
  const cpuAtStart = treeCpuMs(dev.pid!);
  const started = performance.now();
  return () => {
    const now = treeCpuMs(dev.pid!);
    const used = now !== undefined && cpuAtStart !== undefined ? now - cpuAtStart : undefined;
    if (used !== undefined && used > WAIT_CPU_MS) {
      return `after the dev processes used ${used} ms of CPU`;
    }
    const waited = performance.now() - started;
    if (waited > WAIT_WALL_MS) {
      return `within ${Math.round(waited)} ms (the dev processes used ${used ?? "?"} ms of CPU)`;
    }
    return undefined;
  };
}

/** Polls `found` every 50 ms until it gives a value; the backstop is read once a second (it reads all of /proc). */
async function waitFor<T>(found: () => T | undefined | Promise<T | undefined>, what: () => string): Promise<T> {
  const giveUp = backstop();
  let checked = performance.now();
  for (;;) {
    const value = await found();
    if (value !== undefined) {
      return value;
    }
    if (performance.now() - checked >= 1_000) {
      checked = performance.now();
      const reason = giveUp();
      if (reason) {
        throw new Error(`${what()} ${reason}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves with the first match of `pattern` in the output after `from` (an offset into it). */
function waitForOutput(pattern: RegExp, from = 0): Promise<RegExpExecArray> {
  return waitFor(
    () => pattern.exec(output.slice(from)) ?? undefined,
    () => `No ${pattern} in the output:\n${output.slice(from)}\n`,
  );
}

/** The event stream of the reference: each event as it comes. */
function openEvents(url: string) {
  const controller = new AbortController();
  const events: { event: string; data: unknown }[] = [];
  const reading = (async () => {
    const response = await fetch(new URL("__dev/events", url), { signal: controller.signal });
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event) {
          events.push({ event, data: data === undefined ? undefined : JSON.parse(data) });
        }
        end = buffer.indexOf("\n\n");
      }
    }
  })().catch(() => {});
  const next = (name: string, from: number) =>
    waitFor(
      () => events.slice(from).find((event) => event.event === name),
      () => `No "${name}" event (got ${JSON.stringify(events)})`,
    );
  return { events, next, close: () => controller.abort(), reading };
}

const status = async () =>
  (await (await fetch(new URL("__dev/status", reference))).json()) as {
    build: number;
    children: number[];
    idle: boolean;
  };
const page = async () => (await fetch(reference)).text();
/** Saves the operation's description with `text` at its start. */
const saveDescription = (text: string) =>
  writeFileSync(
    join(specDir, OPERATION),
    original.replace("    Starts a self-serve", `    ${text} Starts a self-serve`),
  );
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  specDir = mkdtempSync(join(tmpdir(), "billing-dev-test-"));
  for (const entry of ["openapi.yaml", "redocly.yaml", "paths", "components", "plugins"]) {
    cpSync(join(ROOT, "openapi", entry), join(specDir, entry), { recursive: true });
  }
  original = readFileSync(join(specDir, OPERATION), "utf8");
  dev = spawn(process.execPath, ["--import", TSX, DEV, `--spec-dir=${specDir}`, "--port=0", "--mock-port=0"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [dev.stdout!, dev.stderr!]) {
    stream.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  }
  await waitForOutput(/^ready in /m);
  reference = (await waitForOutput(/^ {2}reference {2}(\S+)/m))[1]!;
  mock = (await waitForOutput(/^ {2}mock {7}(\S+)/m))[1]!;
});

afterAll(async () => {
  if (dev.exitCode === null && dev.signalCode === null) {
    dev.kill("SIGKILL");
  }
  rmSync(specDir, { recursive: true, force: true });
});

/** Waits until no rebuild or follow-up is running or due, so that each test's save starts from a quiet loop. */
async function idle(): Promise<void> {
  await waitFor(
    async () => ((await status()).idle ? true : undefined),
    () => `The loop did not get idle. Output:\n${output}\n`,
  );
}

beforeEach(async () => {
  if (dev.exitCode === null) {
    await idle();
  }
});

describe("pnpm dev", () => {
  it("is ready with the reference and the mock on 127.0.0.1, each answering", async () => {
    expect(reference).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(mock).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await page()).toContain("Starts a self-serve checkout session");
    expect(await page()).toContain("/__dev/events"); // the live-reload script, in dev only
    const answer = await fetch(`${mock}/checkout-sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(answer.status).toBe(401); // the mock, validating as the API does
    await answer.arrayBuffer();
  });

  it("serves a saved description, and tells the page to reload", async () => {
    const events = openEvents(reference);
    try {
      const before = (await status()).build;
      await events.next("hello", 0);
      const from = events.events.length;
      saveDescription("Edited by the dev test.");
      const reload = await events.next("reload", from);
      expect((reload.data as { build: number }).build).toBeGreaterThan(before);
      expect(await page()).toContain("Edited by the dev test. Starts a self-serve");
      expect(await (await fetch(new URL("openapi.json", reference))).text()).toContain("Edited by the dev test.");
    } finally {
      events.close();
    }
  });

  it("sees a save by rename (as editors make them), and the file's later saves", async () => {
    const file = join(specDir, OPERATION);
    let from = output.length;
    writeFileSync(
      `${file}.tmp`,
      original.replace("    Starts a self-serve", "    Saved by rename. Starts a self-serve"),
    );
    renameSync(`${file}.tmp`, file);
    await waitForOutput(/build \d+ served /, from);
    expect(await page()).toContain("Saved by rename. Starts a self-serve");
    from = output.length;
    saveDescription("Saved in place after the rename.");
    await waitForOutput(/build \d+ served /, from);
    expect(await page()).toContain("Saved in place after the rename. Starts a self-serve");
  });

  it("prints a lint problem with its file, line and rule, and keeps going", async () => {
    const from = output.length;
    writeFileSync(
      join(specDir, OPERATION),
      original.replace("operationId: createCheckoutSession", "operationId: makeCheckoutSession"),
    );
    await waitForOutput(
      /paths\/checkout-sessions\.yaml:2:\d+ {2}error {2}rule\/operation-id-verb-noun {2}operationId must be camelCase verb \+ noun/,
      from,
    );
    // Lint problems do not stop the bundle: the work in progress is served.
    await waitForOutput(/build \d+ served .*1 problem \(served with lint problems/, from);
    const next = output.length;
    saveDescription("Fixed again.");
    await waitForOutput(/build \d+ served .*lint [\d.]+ s: clean/, next);
    expect(await page()).toContain("Fixed again. Starts a self-serve");
  });

  it("reports a file that does not parse, and keeps serving the last build", async () => {
    const events = openEvents(reference);
    try {
      await events.next("hello", 0);
      const { build } = await status();
      const from = output.length;
      writeFileSync(join(specDir, OPERATION), "post:\n  operationId: [unclosed\n  summary: x: y\n");
      await waitForOutput(
        new RegExp(
          `the spec did not build; still serving build ${build}:\\n.*paths/checkout-sessions\\.yaml:3:3 {2}Failed to parse`,
        ),
        from,
      );
      await waitForOutput(/no new build in /, from);
      const failed = await events.next("failed", 0);
      expect((failed.data as { message: string }).message).toContain("Failed to parse");
      expect((await status()).build).toBe(build);
      expect(await page()).toContain("Fixed again. Starts a self-serve");
      // Fixed, it builds again.
      const next = output.length;
      saveDescription("Parsed again.");
      await waitForOutput(/build \d+ served /, next);
      expect(await page()).toContain("Parsed again. Starts a self-serve");
    } finally {
      events.close();
    }
  });

  it("regenerates the types from the saved spec, outside the repository's files", async () => {
    await waitForOutput(/types regenerated: .*dist\/generated\/schema\.ts/);
    await idle();
    expect(readFileSync(join(specDir, "dist/generated/schema.ts"), "utf8")).toContain("Parsed again.");
  });

  it("ends every process it started on SIGINT, and exits 0", async () => {
    // A save right before Ctrl-C, so that a lint and a bundle may be running too.
    const { children } = await status();
    expect(children.length).toBeGreaterThan(0); // the mock at least
    saveDescription("Stopping.");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const during = (await status()).children;
    const exited = new Promise<number | null>((resolve) => dev.once("exit", (code) => resolve(code)));
    dev.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(output).toMatch(/pnpm dev: stopped\./);
    for (const pid of new Set([...children, ...during])) {
      expect(alive(pid), `process ${pid} is still running`).toBe(false);
    }
  });
});
