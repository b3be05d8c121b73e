// How much of each call survives a young-generation collection: run it under
// `node --trace-gc-nvp`, and it makes 100,000 in-process calls (a fetch that
// answers at once) with one contender, whose scavenges V8 prints with the bytes
// each promoted to old space. What a call allocates and keeps past its end
// shows up here; what dies with the call does not.
//
//   node --import tsx --trace-gc-nvp tooling/bench/bin/promotion.ts <bare|function|operation|path> [client's dist/esm/index.js] \
//     | node --import tsx tooling/bench/bin/promotion.ts --sum
//
// The optional path measures another build of the client (an older commit's, say).
import { pathToFileURL } from "node:url";
import type { paths } from "@billing-api/types";
import createClient from "openapi-fetch";

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

const ANSWER = JSON.stringify({
  session: { id: "che_1", customer_id: "cus_1", plan_version_id: "plv_1", status: "CREATED", checkout_type: "SELF_SERVE", created_at: "2026-11-21T09:30:00Z" },
});
const fetch = async () => new Response(ANSWER, { status: 200, headers: { "content-type": "application/json" } });
const body = { customer_id: "cus_1", plan_version_id: "plv_1" };
const baseUrl = "https://api.test/v1";

type Client = typeof import("@billing-api/client");
const client: Client = await import(clientPath ? pathToFileURL(clientPath).href : "@billing-api/client");
const calls: Record<string, () => () => Promise<unknown>> = {
  bare: () => {
    const bare = createClient<paths>({ baseUrl, fetch, headers: { Authorization: "Bearer t" } });
    return () => bare.POST("/checkout-sessions", { body });
  },
  function: () => {
    const transport = client.createTransport({ token: "t", baseUrl, fetch });
    return () => client.createCheckoutSession(transport, { body });
  },
  operation: () => {
    const billing = client.createBillingClient({ token: "t", baseUrl, fetch });
    return () => billing.createCheckoutSession({ body });
  },
  path: () => {
    const billing = client.createBillingClient({ token: "t", baseUrl, fetch });
    return () => billing.POST("/checkout-sessions", { body });
  },
};
const make = which ? calls[which] : undefined;
if (!make) {
  console.error(`Usage: node --import tsx --trace-gc-nvp promotion.ts <${Object.keys(calls).join("|")}> [client's dist/esm/index.js]`);
  process.exit(2);
}
console.log(`contender: ${which}${clientPath ? ` (${clientPath})` : ""}`);
const call = make();
for (let i = 0; i < 100_000; i++) {
  await call();
}
