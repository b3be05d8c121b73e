// Dynamic answers (`Prefer: dynamic=true`) of every operation, for 20 seeds
// each: every one is a 2xx. json-schema-faker 0.5.8 used to crash in
// `shouldClean` on dynamic proposals (a 500 for most seeds of getCheckout)
// when arrays were filled to their maxItems; with two items per array it does
// not, which is why no patch of it is needed any more.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningMock, START_TIMEOUT_MS, startMock } from "../src/index.ts";

const SEEDS = 20;
const headers = { authorization: "Bearer test", "content-type": "application/json" };
const REQUESTS: [method: string, path: string, body?: object][] = [
  ["GET", "/companies/cmp_4Nq7XbT2kLw9RcV3/checkout/pro_9Tx4KbW7mLq2"],
  [
    "POST",
    "/checkout-sessions",
    { customer_id: "cus_3XbQ9mLk2Vt8RnY5Pw1Hd4", plan_version_id: "plv_7n42DGM5Tflk9n8mt7Fhc7" },
  ],
];

// 20 dynamic answers of getCheckout cost the mock about 13 s of CPU (json-schema-faker on a
// large proposal): 56 s of wall time at a load average of 10 on 2 cores. The limit leaves
// room for that at 4× oversubscription; a mock that stops answering still fails it.
const DYNAMIC_CASE_MS = 300_000;

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock();
}, START_TIMEOUT_MS);
afterAll(() => mock?.stop());

it.each(REQUESTS)(
  `answers ${SEEDS} dynamic %s %s requests with a 2xx`,
  async (method, path, body) => {
    const statuses: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const response = await fetch(`${mock.url}${path}`, {
        method,
        headers: { ...headers, prefer: `dynamic=true, seed=mock-${seed}` },
        body: body && JSON.stringify(body),
      });
      statuses.push(`${seed}: ${response.ok ? "2xx" : `${response.status} ${(await response.text()).slice(0, 200)}`}`);
      if (response.ok) {
        await response.arrayBuffer();
      }
    }
    expect(statuses).toEqual(Array.from({ length: SEEDS }, (_, i) => `${i + 1}: 2xx`));
  },
  DYNAMIC_CASE_MS,
);
