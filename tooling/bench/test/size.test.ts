// The size benchmark builds clients from synthesized specs in a temporary copy
// of packages/client. Here: a short run (10 operations) that must build a
// client with exactly that many operations, check its build against the real
// client's, measure the three apps calling each spec's own first read by id,
// and leave no temporary folder behind. The sizes themselves are not judged.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { benchSize } from "../src/size.ts";

// The benchmark's temporary folders go to a folder of this test's own
// (os.tmpdir() follows TMPDIR): another run of the suite on the machine, a
// clone's for instance, makes its own bench-size-* folders in the shared
// /tmp, and they are not this run's leftovers.
let privateTmp: string;
let savedTmpdir: string | undefined;
beforeEach(() => {
  privateTmp = mkdtempSync(join(tmpdir(), "size-test-tmp-"));
  savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = privateTmp;
});
afterEach(() => {
  if (savedTmpdir === undefined) {
    delete process.env.TMPDIR;
  } else {
    process.env.TMPDIR = savedTmpdir;
  }
  rmSync(privateTmp, { recursive: true, force: true });
});

describe("size benchmark", () => {
  it("measures the real client and one generated from a synthesized spec, and cleans up", async () => {
    expect(tmpdir()).toBe(privateTmp);
    const result = await benchSize({ sizes: [10], log: () => {} });
    expect(readdirSync(privateTmp).filter((name) => name.startsWith("bench-size-"))).toEqual([]);
    expect(result.real.operations).toBeGreaterThan(0);
    expect(result.synthesized.map((size) => size.operations)).toEqual([10]);
    expect(result.real.call).toEqual({
      operation: "getCheckout",
      method: "GET",
      path: "/companies/{company_id}/checkout/{id}",
    });
    expect(result.synthesized[0]!.sizes.call.operation).not.toBe("getCheckout");
    expect(result.synthesized[0]!.sizes.call.path).toMatch(/\/\{[^}]+\}$/);
    for (const sizes of [result.real, result.synthesized[0]!.sizes]) {
      for (const app of ["operation", "client", "openapi-fetch"] as const) {
        expect(sizes.apps[app].gzip_bytes).toBeGreaterThan(0);
      }
      expect(
        sizes.apps.client.modules.some((entry) => entry.module === "packages/client/dist/esm/generated/operations.js"),
      ).toBe(true);
    }
  });
});
