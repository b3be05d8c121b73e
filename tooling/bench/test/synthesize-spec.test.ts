// The scale benchmark's specs must be real ones: the requested number of
// operations, unique operationIds, every $ref pointing at a file that exists,
// and identical output for identical input.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { load } from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { synthesizeSpec } from "../src/synthesize-spec.ts";

const scratch = mkdtempSync(join(tmpdir(), "synthesized-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function refsOf(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(refsOf);
  }
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) =>
      key === "$ref" && typeof item === "string" ? [item] : refsOf(item),
    );
  }
  return [];
}

describe("synthesizeSpec", () => {
  it.each([
    [1, false],
    [7, false],
    [23, false],
    [7, true],
    [23, true],
  ])(
    "writes exactly %i operations (cyclic: %s) with unique operationIds and resolvable $refs",
    (operations, cyclic) => {
      const dir = join(scratch, `${operations}-${cyclic}`);
      const written = synthesizeSpec({ operations, dir, cyclic });
      expect(written.operations).toBe(operations);

      const files = filesUnder(dir).filter((file) => file.endsWith(".yaml") && !file.endsWith("redocly.yaml"));
      const ids: string[] = [];
      for (const file of files) {
        const document = load(readFileSync(file, "utf8"));
        for (const ref of refsOf(document)) {
          const target = resolve(dirname(file), ref.split("#")[0]!);
          expect(filesUnder(dir), `${file} refers to ${ref}`).toContain(target);
        }
        if (file.includes(`${join(dir, "paths")}`)) {
          for (const operation of Object.values(document as Record<string, { operationId?: string }>)) {
            if (operation && typeof operation === "object" && "operationId" in operation) {
              ids.push(operation.operationId!);
            }
          }
        }
      }
      expect(ids).toHaveLength(operations);
      expect(new Set(ids).size).toBe(operations);
    },
  );

  it("with cyclic, has schemas that reach themselves: a tree node, a union of itself, and records linked around a ring", () => {
    const dir = join(scratch, "cycles");
    synthesizeSpec({ operations: 15, dir, cyclic: true });
    const schemas = join(dir, "components", "schemas");
    const refsFrom = (name: string) =>
      refsOf(load(readFileSync(join(schemas, `${name}.yaml`), "utf8"))).map((ref) =>
        ref.replace(/^[.]\/|[.]yaml$/g, ""),
      );
    const reaches = (from: string, to: string) => {
      const seen = new Set<string>();
      const pending = refsFrom(from);
      while (pending.length > 0) {
        const name = pending.pop()!;
        if (name === to) {
          return true;
        }
        if (seen.has(name)) {
          continue;
        }
        seen.add(name);
        pending.push(...refsFrom(name));
      }
      return false;
    };
    for (const name of ["UsageAccountNode", "UsageAccountRule", "UsageAccountFolder", "Expression", "UsageAccount"]) {
      expect(reaches(name, name), name).toBe(true);
    }
    expect(reaches("UsageAccount", "CreditAccount")).toBe(true);
    expect(reaches("Amount1", "Money")).toBe(true);
  });

  it("writes the same files for the same size", () => {
    const first = join(scratch, "again-1");
    const second = join(scratch, "again-2");
    synthesizeSpec({ operations: 12, dir: first });
    synthesizeSpec({ operations: 12, dir: second });
    for (const file of filesUnder(first)) {
      expect(readFileSync(file, "utf8")).toBe(readFileSync(file.replace(first, second), "utf8"));
    }
  });
});
