// The client inside Cloudflare's runtime (workerd, through Miniflare), bundled
// with esbuild as wrangler would bundle it. In workerd a timer belongs to the
// request that set it, so a timeout must be armed by the call it bounds: a
// later request's call must still time out after an earlier request finished.
// The worker calls a server on 127.0.0.1 that answers under /answer and never
// answers under /hang, and reports what the call returned or threw.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { withoutLibfaketime } from "@billing-api/build-helpers/without-libfaketime";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const TIMEOUT_MS = 2_000;
const PROPOSAL = { id: "pro_9Tx4KbW7mLq2", title: "Growth plan" };

// The worker: `GET /?base=<server>&timeoutMs=<ms>` makes one getCheckout call and
// reports it beside a control timer of `timeoutMs` armed at the same moment.
const WORKER = `
import { createBillingClient } from "@billing-api/client";
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const timeoutMs = Number(url.searchParams.get("timeoutMs"));
    const billing = createBillingClient({ token: "sk_test_workerd", baseUrl: url.searchParams.get("base"), timeoutMs, maxRetries: 0 });
    const started = Date.now();
    // The control: a plain timer of the same length, armed beside the call's.
    const control = new Promise((resolve) => setTimeout(() => resolve(Date.now() - started), timeoutMs));
    let report;
    try {
      const data = await billing.getCheckout({ path: { company_id: "cmp_1", id: "pro_1" } });
      report = { outcome: "data", data, elapsed: Date.now() - started };
    } catch (error) {
      report = { outcome: error.name, message: error.message, elapsed: Date.now() - started };
    }
    return Response.json({ ...report, controlElapsed: await control });
  },
};
`;

let server: Server;
let serverUrl: string;
let worker: Miniflare;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url?.startsWith("/answer/")) {
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(PROPOSAL));
    }
    // Anything else: never answer (the socket is destroyed in afterAll).
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const bundle = await build({
    stdin: { contents: WORKER, resolveDir: fileURLToPath(new URL(".", import.meta.url)), loader: "js" },
    alias: { "@billing-api/client": fileURLToPath(new URL("../src/index.ts", import.meta.url)) },
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    write: false,
  });
  // workerd starts on the real clock: it deadlocks under libfaketime, which the suite may run under.
  worker = await withoutLibfaketime(async () => {
    const started = new Miniflare({
      modules: true,
      script: bundle.outputFiles[0]!.text,
      compatibilityDate: "2025-01-01",
    });
    await started.ready;
    return started;
  });
}, 60_000);

afterAll(async () => {
  await worker?.dispose();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

interface WorkerReport {
  outcome: string;
  data?: unknown;
  message?: string;
  elapsed: number;
  /** When a plain timer armed beside the call, with the same delay, fired. */
  controlElapsed: number;
}

async function callFromWorker(base: string): Promise<WorkerReport> {
  const response = await worker.dispatchFetch(
    `http://worker/?base=${encodeURIComponent(base)}&timeoutMs=${TIMEOUT_MS}`,
  );
  return (await response.json()) as WorkerReport;
}

describe("in workerd (Miniflare)", { timeout: 30_000 }, () => {
  it("a call times out at timeoutMs after an earlier request has finished", async () => {
    const first = await callFromWorker(`${serverUrl}/answer`);
    expect(first).toMatchObject({ outcome: "data", data: PROPOSAL });

    const second = await callFromWorker(`${serverUrl}/hang`);
    expect(second).toMatchObject({
      outcome: "APITimeoutError",
      message: `Request timed out after ${TIMEOUT_MS} ms: GET ${serverUrl}/hang/companies/cmp_1/checkout/pro_1.`,
    });
    expect(second.elapsed, "ended early").toBeGreaterThanOrEqual(TIMEOUT_MS * 0.9);
    // No later than the control timer fired, plus 10 %: on a loaded machine both wake up late together.
    expect(
      second.elapsed,
      `ended later than the control timer (fired at ${second.controlElapsed} ms) allows`,
    ).toBeLessThanOrEqual(second.controlElapsed + TIMEOUT_MS * 0.1);
  });
});
