// loadOperations (src/load-operations.ts) is Prism's getHttpOperationsFromSpec
// without the unrolling of cycles: on a spec without cycles, such as the
// bundled billing API, it must give exactly Prism's operations (ids, the
// `$schema` of each schema, which description wins where a $ref has one of
// its own); on a cyclic one, operations whose $refs that close a cycle point
// into the `__bundled__` they carry.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as Prism from "@stoplight/prism-http";
import { afterAll, expect, it } from "vitest";
import { loadOperations, type Operation } from "../src/load-operations.ts";
import { specPath } from "../src/spec-path.ts";
import { writeCyclicSpec } from "./cyclic-spec.ts";

const { getHttpOperationsFromSpec } = createRequire(import.meta.url)("@stoplight/prism-http") as typeof Prism;
const dir = mkdtempSync(join(tmpdir(), "load-operations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Both loaders parse the bundled spec in this process: 0.2 to 0.7 s of CPU (process.cpuUsage() around the two calls).
// Beside stress-ng --cpu 8 and the rest of pnpm test on 2 cores it took 7.2 s and ran out of vitest's default 5 s:
// the limit is a backstop for a machine that oversubscribed, and says nothing about speed.
const PARSE_BOTH = { timeout: 120_000 };

it("gives Prism's own operations for the bundled spec", PARSE_BOTH, async () => {
  const [ours, prisms] = [await loadOperations(specPath), await getHttpOperationsFromSpec(specPath)];
  expect(JSON.parse(JSON.stringify(ours))).toEqual(JSON.parse(JSON.stringify(prisms)));
});

it("keeps the $refs that close a cycle, each to an entry of the operation's __bundled__", PARSE_BOTH, async () => {
  const file = join(dir, "cyclic.json");
  writeCyclicSpec(file, 10);
  const operations = await loadOperations(file);
  expect(operations).toHaveLength(10);
  const create = operations.find((operation) => operation.iid === "createResource0") as Operation & {
    __bundled__?: Record<string, unknown>;
  };
  const text = JSON.stringify(create);
  const refs = new Set([...text.matchAll(/"\$ref":"#\/__bundled__\/([^"]+)"/g)].map((match) => match[1]));
  expect([...refs].sort()).toEqual(Object.keys(create.__bundled__ ?? {}).sort());
  expect(refs).toContain("Resource0Node");
  expect(refs).toContain("Expression");
});
