// @billing-api/mock from its tarball, as an app developer uses it in CI: the bin
// (`npx billing-api-mock --port N --token T`) in the fresh project, answering
// what it created, replaying an Idempotency-Key, refusing other tokens and an
// empty key; the contract suite's server mode against it, every case passing;
// and the library (startMock, createMockFetch with the installed client) in
// each runtime that runs Node libraries.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { freePort } from "@billing-api/mock";
import { examplePath, firstRequestExample, readSpec } from "@billing-api/openapi/reader";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MOCK_LIBRARY_STEPS } from "../fixtures/mock-library.mjs";
import { processCell, type StepResult } from "../src/cells.ts";
import { userEnv } from "../src/project.ts";
import { bunBinary, denoBinary, nodeBinary, runtimeVersion } from "../src/runtimes.ts";
import { formatMatrix } from "../src/table.ts";

const { projectDir } = inject("consumer");
const require = createRequire(import.meta.url);
// Nothing may come from a registry: what runs is the installed tarball.
const offline = { npm_config_registry: "http://127.0.0.1:9/", NPM_CONFIG_REGISTRY: "http://127.0.0.1:9/" };

const spec = readSpec(JSON.parse(readFileSync(require.resolve("@billing-api/openapi/openapi.json"), "utf8")));
const createCheckout = spec.operations.find((operation) => operation.id === "createCheckout")!;
const { company_id: companyId } = examplePath(createCheckout) as { company_id: string };
const body = firstRequestExample(createCheckout) as { customer_id: string };

/** How long the bin may take to say it listens: its start-up is seconds of CPU, more on a loaded machine. */
const START_MS = 120_000;
const TOKEN = "tok_consumer_ci_4Xq9";

describe("npx billing-api-mock, from the tarball", () => {
  let mock: ChildProcess;
  let url: string;
  let output = "";

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // As the README has it. With no registry, npx can only run the installed bin. In a process group
    // of its own, so that the bin (npx's child) is stopped with it.
    mock = spawn("npx", ["billing-api-mock", "--port", String(port), "--token", TOKEN], {
      cwd: projectDir,
      env: userEnv(offline),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    for (const stream of [mock.stdout!, mock.stderr!]) {
      stream.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    }
    const started = performance.now();
    while (!output.includes(`listening on ${url}`)) {
      if (mock.exitCode !== null || mock.signalCode !== null) {
        throw new Error(`npx billing-api-mock exited (${mock.exitCode ?? mock.signalCode}):\n${output}`);
      }
      if (performance.now() - started > START_MS) {
        throw new Error(`npx billing-api-mock did not say it listens on ${url} within ${START_MS} ms:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, START_MS + 10_000);

  afterAll(async () => {
    if (!mock?.pid || mock.exitCode !== null || mock.signalCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => mock.once("exit", resolve));
    process.kill(-mock.pid, "SIGTERM");
    await exited;
  });

  const call = (
    method: string,
    path: string,
    { token = TOKEN, json, headers = {} }: { token?: string; json?: unknown; headers?: Record<string, string> } = {},
  ) =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(json === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
  const checkouts = `/companies/${companyId}/checkout`;
  const create = (options: { json?: unknown; headers?: Record<string, string>; token?: string } = {}) =>
    call("POST", checkouts, { json: body, ...options });

  it("createCheckout (the spec's example) answers an id, and getCheckout of it answers that id and the request's customer_id", async () => {
    const created = await create();
    expect(created.status, output).toBe(200);
    const { id } = (await created.json()) as { id: string };
    expect(id).toMatch(/^\S+$/);
    const read = await call("GET", `${checkouts}/${id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id, customer_id: body.customer_id });
  });

  it("two creates mint two ids", async () => {
    const [first, second] = await Promise.all([create(), create()]);
    const ids = [((await first!.json()) as { id: string }).id, ((await second!.json()) as { id: string }).id];
    expect(new Set(ids).size, JSON.stringify(ids)).toBe(2);
  });

  it("an id it never made is a 404 whose message names it", async () => {
    const unknown = "pro_neverMade0000";
    const read = await call("GET", `${checkouts}/${unknown}`);
    expect(read.status).toBe(404);
    const answer = (await read.json()) as { code: string; message: string };
    expect(answer.code).toBe("NOT_FOUND");
    expect(answer.message).toContain(unknown);
  });

  it("a repeated Idempotency-Key with the same body replays the first answer byte for byte; another body under it is a 409 CONFLICT", async () => {
    const headers = { "idempotency-key": `order-${Date.now()}` };
    const first = await create({ headers });
    const firstBytes = await first.text();
    expect(first.status).toBe(200);
    const again = await create({ headers });
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(firstBytes);
    const other = await create({ headers, json: { ...body, customer_id: `${body.customer_id}x` } });
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ code: "CONFLICT" });
  });

  it("a token it was not given with --token is a 401", async () => {
    const answer = await create({ token: "test" });
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("an empty Idempotency-Key is a 422 naming it", async () => {
    const answer = await create({ headers: { "idempotency-key": "" } });
    expect(answer.status).toBe(422);
    expect(await answer.json()).toMatchObject({
      code: "UNPROCESSABLE_ENTITY",
      details: [{ field: "header.idempotency-key" }],
    });
  });

  it("passes every case of the contract suite's server mode (tooling/contract-tests)", {
    timeout: 600_000,
  }, async () => {
    const reportDir = mkdtempSync(join(tmpdir(), "mock-contract-"));
    try {
      const contractDir = dirname(require.resolve("@billing-api/contract-tests/package.json"));
      const args = [
        "--import",
        require.resolve("tsx"),
        "bin/contract.ts",
        "--target",
        url,
        "--token",
        TOKEN,
        "--quiet",
      ];
      const run = spawn(process.execPath, [...args, "--report", join(reportDir, "report.json")], {
        cwd: contractDir,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let report = "";
      for (const stream of [run.stdout, run.stderr]) {
        stream.setEncoding("utf8").on("data", (chunk: string) => (report += chunk));
      }
      const code = await new Promise<number | null>((resolve) => run.once("close", resolve));
      const summary = /^(\d+) passed, (\d+) failed$/m.exec(report);
      console.log(
        `Contract suite against npx billing-api-mock: ${summary ? `${summary[1]} cases passed and ${summary[2]} failed` : "no summary"}`,
      );
      expect(code, report.slice(-6_000)).toBe(0);
    } finally {
      rmSync(reportDir, { recursive: true, force: true });
    }
  });
});

// The library in every runtime that runs a Node library. workerd and Chromium are left out: the mock
// is a Node library (node:http, node:child_process, files read from disk), not one for a Worker or a page.
const version = (name: string) => runtimeVersion(name) ?? "(not installed)";
const deno = { DENO_DIR: `${projectDir}/.deno`, DENO_NO_UPDATE_CHECK: "1" };
// startMock's start-up and createMockFetch's reading of the spec are each seconds of CPU: more on a loaded machine.
const LIBRARY_LIMIT_MS = 300_000;
const libraryCell = (runtime: string, command: () => string, args: string[], env: Record<string, string> = {}) =>
  processCell<{ companyId: string; body: unknown }>(runtime, command, args, env, LIBRARY_LIMIT_MS);
const cells = [
  ...([20, 22, 24] as const).map((major) =>
    libraryCell(`Node ${version(`node${major}`)}`, () => nodeBinary(major), ["mock-app.mjs"]),
  ),
  libraryCell(`Bun ${version("bun")}`, bunBinary, ["--no-install", "mock-app.mjs"], offline),
  libraryCell(
    `Deno ${version("deno")}`,
    denoBinary,
    ["run", "--no-lock", "--cached-only", "--allow-all", "mock-app.mjs"],
    { ...deno, ...offline },
  ),
];
const matrix = new Map<string, StepResult[]>();

afterAll(() => {
  const rows = cells
    .filter((cell) => matrix.has(cell.runtime))
    .map((cell) => ({ runtime: cell.runtime, results: matrix.get(cell.runtime)! }));
  if (!rows.length) {
    return;
  }
  console.log(
    `@billing-api/mock's library from its tarball, runtime × step:\n${formatMatrix(["start", ...MOCK_LIBRARY_STEPS], rows)}`,
  );
});

describe("startMock and createMockFetch from the tarball, in every runtime that runs Node libraries", () => {
  it.concurrent.each(cells.map((cell) => [cell.runtime, cell] as const))(
    "%s",
    { timeout: LIBRARY_LIMIT_MS + 10_000 },
    async (_, cell) => {
      let results: StepResult[];
      try {
        results = await cell.run(projectDir, { companyId, body });
      } catch (error) {
        results = [
          {
            step: "start",
            ok: false,
            detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          },
        ];
      }
      if (!results.some((r) => r.step === "start")) {
        results.unshift({ step: "start", ok: true, detail: "" });
      }
      matrix.set(cell.runtime, results);
      const failed = results.filter((r) => !r.ok).map((r) => `${cell.runtime} › ${r.step}: ${r.detail}`);
      expect(failed, failed.join("\n")).toEqual([]);
      expect(results.map((r) => r.step)).toEqual(["start", ...MOCK_LIBRARY_STEPS]);
    },
  );
});
