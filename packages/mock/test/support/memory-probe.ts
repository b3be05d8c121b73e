// Run by memory.test.ts in a process of its own (node --expose-gc --import tsx), so that
// the readings are the mock's alone: the published build's createMockFetch,
// creates each with an Idempotency-Key of its own, and after a full garbage
// collection at each mark a line of JSON: { creates, retained, rss }.
import { createMockFetch } from "../../dist/index.js";

const [total = 0, ...marks] = process.argv.slice(2).map(Number);
const BODY = JSON.stringify({
  customer_id: "cus_Memory42",
  type: "CHECKOUT_SESSION",
  term: { count: 1, frequency: "YEAR" },
  metadata: { crm_opportunity: "opp-20931", sales_rep: "sam.rivera" },
  config_items: [{ product_pricing_id: "ppr_7Hc3WmQ9tZk2", num_licenses: 10 }],
});

const mockFetch = createMockFetch({ tokens: ["memory-token"] });
const create = async (key: string) => {
  const answer = await mockFetch("http://billing.test/companies/cmp_Mem1/checkout", {
    method: "POST",
    headers: { authorization: "Bearer memory-token", "content-type": "application/json", "idempotency-key": key },
    body: BODY,
  });
  if (answer.status !== 200) {
    throw new Error(`create ${key} answered ${answer.status}: ${await answer.text()}`);
  }
  await answer.arrayBuffer();
};
const report = (creates: number) => {
  (globalThis as unknown as { gc: () => void }).gc();
  const { heapUsed, external, rss } = process.memoryUsage();
  console.log(JSON.stringify({ creates, retained: heapUsed + external, rss }));
};

// Warm: Prism compiles the operation's validators on its first requests.
for (let i = 0; i < 200; i++) {
  await create(`warm-${i}`);
}
report(0);
for (let i = 1; i <= total; i++) {
  await create(`key-${i}`);
  if (marks.includes(i) || i === total) {
    report(i);
  }
}
