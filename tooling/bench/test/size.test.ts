// The size benchmark builds clients from synthesized specs in a temporary copy
// of packages/client. Here: the spec rewrite it needs, and a short run (10
// operations) that must build a client with exactly that many operations,
// check its build against the real client's, measure the three apps and
// leave no temporary folder behind. The sizes themselves are not judged.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { benchSize, moveGetByIdToCheckout } from "../src/size.ts";

const scratch = mkdtempSync(join(tmpdir(), "size-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("moveGetByIdToCheckout", () => {
  it("renames the first get-by-id getCheckout at the checkout path, with its path parameters, and keeps the rest", () => {
    const file = join(scratch, "openapi.json");
    const parameters = [{ $ref: "#/components/parameters/CompanyId" }, { name: "id", in: "path", required: true }];
    writeFileSync(
      file,
      JSON.stringify({
        paths: {
          "/companies/{company_id}/notes": { get: { operationId: "listNotes" } },
          "/companies/{company_id}/notes/{id}": { parameters, get: { operationId: "getNote", summary: "Get a note" }, delete: { operationId: "deleteNote" } },
        },
      }),
    );
    moveGetByIdToCheckout(file);
    expect(JSON.parse(readFileSync(file, "utf8")).paths).toEqual({
      "/companies/{company_id}/notes": { get: { operationId: "listNotes" } },
      "/companies/{company_id}/notes/{id}": { parameters, delete: { operationId: "deleteNote" } },
      "/companies/{company_id}/checkout/{id}": { parameters, get: { operationId: "getCheckout", summary: "Get a note" } },
    });
  });
});

describe("size benchmark", () => {
  it("measures the real client and one generated from a synthesized spec, and cleans up", async () => {
    const ours = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith("bench-size-")));
    const before = ours();
    const result = await benchSize({ sizes: [10], log: () => {} });
    expect([...ours()].filter((name) => !before.has(name))).toEqual([]);
    expect(result.real.operations).toBeGreaterThan(0);
    expect(result.synthesized.map((size) => size.operations)).toEqual([10]);
    for (const sizes of [result.real, result.synthesized[0]!.sizes]) {
      for (const app of ["operation", "client", "openapi-fetch"] as const) {
        expect(sizes.apps[app].gzip_bytes).toBeGreaterThan(0);
      }
      expect(sizes.apps.client.modules.some((entry) => entry.module === "packages/client/dist/esm/generated/operations.js")).toBe(true);
    }
  });
});
