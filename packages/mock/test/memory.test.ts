// What the mock keeps is bounded: after 100,000 creates, each with an
// Idempotency-Key of its own (so each one's answer is kept too), its memory is
// under twice what it was idle. In-process (createMockFetch runs the server's
// handler), with a full garbage collection before each reading.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { expect, it } from "vitest";
import { createMockFetch } from "../src/index.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const CREATES = 100_000;
const BODY = JSON.stringify({
  customer_id: "cus_Memory42",
  type: "CHECKOUT_SESSION",
  term: { count: 1, frequency: "YEAR" },
  metadata: { crm_opportunity: "opp-20931", sales_rep: "sam.rivera" },
  config_items: [{ product_pricing_id: "ppr_7Hc3WmQ9tZk2", num_licenses: 10 }],
});

// A backstop: 100,000 creates took 54 s beside stress-ng --cpu 8 and two other builds.
const CASE_MS = 900_000;

it(
  `holds under twice its idle memory after ${CREATES.toLocaleString("en")} creates`,
  async () => {
    const mockFetch = createMockFetch({ tokens: ["memory-token"] });
    const create = async (key: string) => {
      const answer = await mockFetch("http://billing.test/companies/cmp_Mem1/checkout", {
        method: "POST",
        headers: { authorization: "Bearer memory-token", "content-type": "application/json", "idempotency-key": key },
        body: BODY,
      });
      expect(answer.status).toBe(200);
      await answer.arrayBuffer();
    };
    for (let i = 0; i < 200; i++) await create(`warm-${i}`);
    gc();
    const idle = process.memoryUsage().rss;
    for (let i = 0; i < CREATES; i++) await create(`key-${i}`);
    gc();
    const after = process.memoryUsage().rss;
    console.log(`mock RSS: idle ${Math.round(idle / 1e6)} MB, after ${CREATES} creates ${Math.round(after / 1e6)} MB`);
    expect(after).toBeLessThan(2 * idle);
  },
  CASE_MS,
);
