// Benchmark 1: what a call through @billing-api/client costs next to the same
// call through bare openapi-fetch and through raw fetch, in-process (a fetch
// that answers at once, so only the client's own work is measured) and over
// loopback HTTP to a minimal server. Every round runs every contender, in a
// rotated order, so drift on a shared machine hits all of them alike; the
// figures are medians over rounds of each round's median.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import createClient from "openapi-fetch";
import { Bench } from "tinybench";
import { createBillingClient, type Fetch } from "@billing-api/client";
import type { paths } from "@billing-api/types";
import { median, round } from "./stats.ts";

const TOKEN = "sk_bench_not_a_secret";
const PATH = { company_id: "cmp_4Nq7XbT2kLw9RcV3", id: "pro_9Tx4KbW7mLq2" };
const GET_PATH = "/companies/{company_id}/checkout/{id}";
const SESSION_BODY = { customer_id: "cus_3XbQ9mLk2Vt8RnY5Pw1Hd4", plan_version_id: "plv_7n42DGM5Tflk9n8mt7Fhc7" };
const ANSWER = JSON.stringify({ id: "pro_9Tx4KbW7mLq2", title: "Growth plan", status: "SENT", currency: "USD", amount: 12_000 });

type Method = "GET" | "POST";
/** One call each, by contender name. */
type Tasks = Record<string, () => Promise<unknown>>;
/** Each contender's per-round median latency in µs, by contender name. */
type PerRound = Record<string, number[]>;

export interface OverheadRow {
  contender: string;
  median_us: number;
  vs_openapi_fetch: number;
  vs_raw_fetch: number;
}
export interface OverheadResult {
  rounds: number;
  time_per_round_ms: number;
  scenarios: { name: string; transport: "in-process" | "loopback"; method: Method; rows: OverheadRow[] }[];
  client_vs_openapi_fetch: number;
  client_vs_raw_fetch_http: number;
  targets: { client_vs_openapi_fetch: number; client_vs_raw_fetch_http: number };
}

/** The contenders of one scenario, each a function making one call. */
function contenders(baseUrl: string, fetch: Fetch, method: Method): Tasks {
  const bare = createClient<paths>({ baseUrl, fetch, headers: { Authorization: `Bearer ${TOKEN}` } });
  const billing = createBillingClient({ token: TOKEN, baseUrl, fetch });
  const url = `${baseUrl}/companies/${PATH.company_id}/checkout/${PATH.id}`;
  if (method === "GET") {
    return {
      "raw fetch": async () => (await fetch(new Request(url, { headers: { Authorization: `Bearer ${TOKEN}` } }))).json(),
      "bare openapi-fetch": () => bare.GET(GET_PATH, { params: { path: PATH } }),
      "client, operation style": () => billing.getCheckout({ path: PATH }),
      "client, path style": () => billing.GET(GET_PATH, { params: { path: PATH } }),
    };
  }
  return {
    "raw fetch": async () =>
      (
        await fetch(
          new Request(`${baseUrl}/checkout-sessions`, {
            method: "POST",
            headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
            body: JSON.stringify(SESSION_BODY),
          }),
        )
      ).json(),
    "bare openapi-fetch": () => bare.POST("/checkout-sessions", { body: SESSION_BODY, headers: { "Idempotency-Key": crypto.randomUUID() } }),
    "client, operation style": () => billing.createCheckoutSession({ body: SESSION_BODY }),
    "client, path style": () => billing.POST("/checkout-sessions", { body: SESSION_BODY }),
  };
}

/** Calls each contender once and checks it got the answer's body: no contender may skip the work. */
async function verify(tasks: Tasks, expected: string): Promise<void> {
  for (const [name, task] of Object.entries(tasks)) {
    const value = await task();
    const body = value && typeof value === "object" && "response" in value ? (value as { data?: unknown }).data : value;
    if (JSON.stringify(body) !== expected) throw new Error(`${name} did not answer the expected body: ${JSON.stringify(value)}`);
  }
}

/** Runs `tasks` for `rounds` rounds, rotating their order, and returns per-task medians and per-round ratios. */
async function interleaved(tasks: Tasks, { rounds, timeMs }: { rounds: number; timeMs: number }): Promise<PerRound> {
  await verify(tasks, ANSWER);
  const names = Object.keys(tasks);
  const perRound: PerRound = Object.fromEntries(names.map((name) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length]!);
    const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs / 2), throws: true });
    for (const name of order) bench.add(name, tasks[name]!);
    await bench.run();
    for (const task of bench.tasks) {
      const { result } = task;
      if (!("latency" in result)) throw new Error(`${task.name} ended ${result.state}, with no timings.`);
      perRound[task.name]!.push(result.latency.p50 * 1e3); // µs
    }
  }
  return perRound;
}

function summarise(perRound: PerRound): OverheadRow[] {
  const ratio = (a: string, b: string) => round(median(perRound[a]!.map((value, i) => value / perRound[b]![i]!)), 3);
  const rows = Object.entries(perRound).map(([name, values]) => ({
    contender: name,
    median_us: round(median(values), 2),
    vs_openapi_fetch: ratio(name, "bare openapi-fetch"),
    vs_raw_fetch: ratio(name, "raw fetch"),
  }));
  return rows;
}

/** A minimal server on 127.0.0.1 that answers every request with the same JSON. */
async function startEchoServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(request.method === "POST" ? 201 : 200, { "content-type": "application/json", "content-length": Buffer.byteLength(ANSWER) });
      response.end(ANSWER);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function benchOverhead({ rounds = 7, timeMs = 400 }: { rounds?: number; timeMs?: number } = {}): Promise<OverheadResult> {
  const immediate = async () => new Response(ANSWER, { status: 200, headers: { "content-type": "application/json", "content-length": String(ANSWER.length) } });
  const scenarios: OverheadResult["scenarios"] = [];
  for (const method of ["GET", "POST"] as const) {
    const rows = summarise(await interleaved(contenders("https://api.billing.example.com/api/v1", immediate, method), { rounds, timeMs }));
    scenarios.push({ name: `in-process ${method}`, transport: "in-process", method, rows });
  }
  const server = await startEchoServer();
  try {
    const loopback: Fetch = (request, init) => fetch(request, init);
    for (const method of ["GET", "POST"] as const) {
      const rows = summarise(await interleaved(contenders(server.url, loopback, method), { rounds, timeMs }));
      scenarios.push({ name: `loopback HTTP ${method}`, transport: "loopback", method, rows });
    }
  } finally {
    server.close();
  }
  // The headline figures: the worse of the two styles, over GET and POST.
  const worst = (transport: "in-process" | "loopback", column: "vs_openapi_fetch" | "vs_raw_fetch") =>
    Math.max(
      ...scenarios
        .filter((s) => s.transport === transport)
        .flatMap((s) => s.rows.filter((row) => row.contender.startsWith("client")).map((row) => row[column])),
    );
  return {
    rounds,
    time_per_round_ms: timeMs,
    scenarios,
    client_vs_openapi_fetch: worst("in-process", "vs_openapi_fetch"),
    client_vs_raw_fetch_http: worst("loopback", "vs_raw_fetch"),
    targets: { client_vs_openapi_fetch: 1.05, client_vs_raw_fetch_http: 1.1 },
  };
}
