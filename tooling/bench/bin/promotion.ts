// How much of each call survives a young-generation collection: run it under
// `node --trace-gc-nvp`, and it makes 100,000 in-process calls (a fetch that
// answers at once with the spec's example) of the overhead benchmark's POST
// (the spec's first create, src/overhead-fixture.ts) with one contender, whose scavenges V8 prints with the bytes
// each promoted to old space. What a call allocates and keeps past its end
// shows up here; what dies with the call does not.
//
//   node --import tsx --trace-gc-nvp tooling/bench/bin/promotion.ts <bare|function|operation|path> [client's dist/esm/index.js] \
//     | node --import tsx tooling/bench/bin/promotion.ts --sum
//
// The optional path measures another build of the client (an older commit's, say).
import { pathToFileURL } from "node:url";
import createClient from "openapi-fetch";
import { ANSWERS, CALLS, inputOf } from "../src/overhead-fixture.ts";

const [which, clientPath] = process.argv.slice(2);

if (which === "--sum") {
  let input = "";
  for await (const chunk of process.stdin) {
    input += chunk;
  }
  const promoted = [...input.matchAll(/gc=s .*?promoted=(\d+)/g)].map((match) => Number(match[1]));
  const label = /^contender: (.+)$/m.exec(input)?.[1] ?? "?";
  const mean = promoted.reduce((sum, bytes) => sum + bytes, 0) / Math.max(1, promoted.length);
  console.log(`${label}: ${promoted.length} scavenges, ${(mean / 1024).toFixed(1)} KB promoted per scavenge`);
  process.exit(0);
}

const { operation, template, path, body } = CALLS.POST;
const answer = ANSWERS.POST;
const fetch = async () =>
  new Response(answer.json, { status: answer.status, headers: { "content-type": "application/json" } });
const callInput = inputOf(CALLS.POST);
const baseUrl = "https://api.test/v1";

type Client = typeof import("@billing-api/client");
type Untyped = (...args: unknown[]) => Promise<unknown>;
type PathStyle = { POST: (template: string, init: object) => Promise<unknown> };
const client: Client = await import(clientPath ? pathToFileURL(clientPath).href : "@billing-api/client");
const calls: Record<string, () => () => Promise<unknown>> = {
  bare: () => {
    const bare = createClient({ baseUrl, fetch, headers: { Authorization: "Bearer t" } }) as unknown as PathStyle;
    return () => bare.POST(template, { params: { path }, body });
  },
  function: () => {
    const transport = client.createTransport({ token: "t", baseUrl, fetch });
    const fn = (client.OPERATIONS as Record<string, Untyped>)[operation.id]!;
    return () => fn(transport, callInput());
  },
  operation: () => {
    const billing = client.createBillingClient({ token: "t", baseUrl, fetch }) as unknown as Record<string, Untyped>;
    return () => billing[operation.id]!(callInput());
  },
  path: () => {
    const billing = client.createBillingClient({ token: "t", baseUrl, fetch }) as unknown as PathStyle;
    return () => billing.POST(template, { params: { path }, body });
  },
};
const make = which ? calls[which] : undefined;
if (!make) {
  console.error(
    `Usage: node --import tsx --trace-gc-nvp promotion.ts <${Object.keys(calls).join("|")}> [client's dist/esm/index.js]`,
  );
  process.exit(2);
}
console.log(`contender: ${which}${clientPath ? ` (${clientPath})` : ""}`);
const call = make();
for (let i = 0; i < 100_000; i++) {
  await call();
}
