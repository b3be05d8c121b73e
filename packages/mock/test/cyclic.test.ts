// The mock on a spec of 500 operations whose schemas reach themselves
// (test/cyclic-spec.ts: trees, recursive unions, records linked around a
// ring). Prism's own loader had not loaded it after minutes of CPU; the mock's
// (src/load-operations.ts) must start on bounded CPU, and answer as Prism's
// validator and negotiator do: a valid request gets its example, and an
// invalid value deep inside a recursive part gets a 422 naming the field.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMock, START_TIMEOUT_MS, startMock } from "../src/index.ts";
import { CREATE_EXAMPLE, writeCyclicSpec } from "./cyclic-spec.ts";

const OPERATIONS = 500;
// Start-up (module loading, the spec read and its operations built, the first answer) takes
// about 5 s of CPU here, and the bundled billing spec about 2 s. Stock Prism's loader was still
// dereferencing this spec after 110 s of CPU: 15 s is three times what the mock needs and far
// below what an unrolling of the cycles costs, so it tells the two apart on any machine.
const STARTUP_CPU_MS = 15_000;

const COLLECTION = "/companies/cmp_4Nq7XbT2kLw9RcV3/resource-42s";
const headers = { authorization: "Bearer test", "content-type": "application/json" };

let dir: string;
let mock: RunningMock;
let startupCpuMs: number | undefined;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mock-cyclic-"));
  const specPath = join(dir, "openapi.json");
  writeCyclicSpec(specPath, OPERATIONS);
  mock = await startMock({ specPath });
  startupCpuMs = mock.cpuTimeMs();
}, START_TIMEOUT_MS);
afterAll(async () => {
  await mock?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const create = (body: unknown) =>
  fetch(`${mock.url}${COLLECTION}`, { method: "POST", headers, body: JSON.stringify(body) });
const clone = <T>(value: T): T => structuredClone(value);

describe(`the mock on a cyclic spec of ${OPERATIONS} operations`, { timeout: 60_000 }, () => {
  it(`starts on less than ${STARTUP_CPU_MS / 1000} s of CPU`, () => {
    // Without /proc there is no CPU time to check; startMock's wall-clock limit still held.
    if (startupCpuMs === undefined) {
      return;
    }
    console.log(`start-up on the cyclic spec: ${startupCpuMs} ms of CPU`);
    expect(startupCpuMs).toBeLessThan(STARTUP_CPU_MS);
  });

  it("answers a valid create with its example and a fresh id, and a get of that id with the record", async () => {
    const created = await create(CREATE_EXAMPLE);
    expect(created.status).toBe(201);
    const record = (await created.json()) as { id: string };
    expect(record.id).toMatch(/^rec_[0-9a-z]{12}$/);
    expect(record.id).not.toBe("rec_1234567890ab");
    expect(record).toMatchObject(CREATE_EXAMPLE);
    const found = await fetch(`${mock.url}${COLLECTION}/${record.id}`, { headers });
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual(record);
  });

  it.each([
    [
      "a node three levels down the tree",
      "tree.children[0].children[0].weight",
      (body: typeof CREATE_EXAMPLE) => Object.assign(body.tree.children[0]!.children![0]!, { weight: -1 }),
    ],
    [
      "a rule in a group in a group",
      "rule.rules[1].rules[0].equals",
      (body: typeof CREATE_EXAMPLE) => delete (body.rule.rules[1]!.rules![0] as { equals?: string }).equals,
    ],
    [
      "an expression inside a negation inside a join",
      "filter.right.operand.field",
      (body: typeof CREATE_EXAMPLE) => Object.assign(body.filter.right.operand!, { field: "Not A Field" }),
    ],
    [
      "the end of a chain of eight aliases",
      "balance.currency",
      (body: typeof CREATE_EXAMPLE) => Object.assign(body.balance, { currency: "euro" }),
    ],
  ])("answers an invalid value in %s with a 422 naming %s", async (_, field, spoil) => {
    const body = clone(CREATE_EXAMPLE);
    spoil(body);
    const answer = await create(body);
    const details = ((await answer.json()) as { details?: { field: string }[] }).details ?? [];
    expect(answer.status).toBe(422);
    expect(details.map((detail) => detail.field)).toContain(field);
  });
});
