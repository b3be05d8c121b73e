// The `provenance` check bites: on copies of the bundled spec, a pattern planted without an
// `x-source`, a constraint made to cite only a service whose operations do not reach it (a fact
// borrowed from another service), an operation that names no service and a source the document does
// not declare must each fail, naming the file and what to do. On the bundle as it is, every pattern
// and enum is listed with its source.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CONTRACT_SOURCE, constraints, provenance, SPEC_JSON } from "../src/provenance.ts";
import type { Json } from "../src/spec-graph.ts";

const scratch = mkdtempSync(join(tmpdir(), "provenance-bite-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Spec = Record<string, any>;
const bundled = (): Spec => JSON.parse(readFileSync(SPEC_JSON, "utf8")) as Spec;
function specWith(name: string, edit: (spec: Spec) => void): string {
  const spec = bundled();
  edit(spec);
  const file = join(scratch, `${name}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

/** The node a JSON pointer names. */
const at = (doc: Spec, pointer: string): Spec =>
  pointer
    .split("/")
    .slice(1)
    .reduce((node, part) => node[part.replace(/~1/g, "/").replace(/~0/g, "~")], doc);

/** The first operation with a JSON request body whose schema is a component, and that component's name. */
function requestComponent(spec: Spec): { method: string; path: string; name: string } {
  for (const [path, item] of Object.entries<Spec>(spec.paths)) {
    for (const [method, operation] of Object.entries<Spec>(item)) {
      const ref = operation?.requestBody?.content?.["application/json"]?.schema?.$ref;
      if (typeof ref === "string") {
        return { method, path, name: ref.split("/").pop()! };
      }
    }
  }
  throw new Error("The spec has no operation with a request body component.");
}

describe("provenance", () => {
  it("lists every pattern and enum of the bundle with the source it cites, and passes", () => {
    const result = provenance();
    expect(result.ok, result.output).toBe(true);
    const doc = bundled();
    let patterns = 0;
    let enums = 0;
    const count = (node: Json, parent: string) => {
      if (Array.isArray(node)) {
        for (const child of node) {
          count(child, "");
        }
      } else if (node && typeof node === "object") {
        if (parent !== "properties" && parent !== "examples" && parent !== "example") {
          if (typeof node.pattern === "string") {
            patterns += 1;
          }
          if (Array.isArray(node.enum)) {
            enums += 1;
          }
        }
        if (parent !== "examples" && parent !== "example") {
          for (const [key, child] of Object.entries(node)) {
            count(child, key);
          }
        }
      }
    };
    count(doc as Json, "");
    expect(result.output).toContain(`${patterns + enums} constraints (${patterns} patterns, ${enums} enums)`);
    for (const constraint of constraints(doc as Record<string, Json>).found) {
      expect(result.output).toContain(`${constraint.keyword} ${constraint.value.slice(0, 80)}`);
      for (const source of Object.keys(constraint.sources)) {
        expect(result.output).toContain(`    ${source}: `);
      }
    }
  });

  it("fails on a pattern planted without an x-source, naming its file and what to add", () => {
    let name = "";
    const spec = specWith("unsourced", (spec) => {
      name = requestComponent(spec).name;
      spec.components.schemas[name].properties.planted_code = {
        type: "string",
        pattern: "^PLANTED-[0-9]+$",
        maxLength: 20,
      };
    });
    const result = provenance({ spec });
    expect(result.ok).toBe(false);
    expect(result.output).toContain(
      `✖ openapi/components/schemas/${name}.yaml (/components/schemas/${name}/properties/planted_code): pattern ^PLANTED-[0-9]+$ has no x-source.`,
    );
    expect(result.output).toContain("`x-source: { <service>: what its reference states }`");
  });

  it("fails on a fact borrowed from another service: a constraint that cites only a service none of its operations belongs to", () => {
    const doc = bundled() as Record<string, Json>;
    const { found, services } = constraints(doc);
    const allServices = [...new Set(services.values())];
    // A constraint that operations of one service reach, made to cite another service only.
    const target = found.find(
      (c) => c.reachedBy.length && allServices.some((s) => !c.reachedBy.some((r) => r.service === s)),
    );
    expect(target, "a constraint that not every service reaches").toBeDefined();
    const lender = allServices.find((s) => !target!.reachedBy.some((r) => r.service === s))!;
    const borrowers = [...new Set(target!.reachedBy.map((r) => r.service))];
    const spec = specWith("borrowed", (spec) => {
      at(spec, target!.pointer)["x-source"] = { [lender]: "A fact of this service's own ids." };
    });
    const result = provenance({ spec });
    expect(result.ok).toBe(false);
    for (const borrower of borrowers) {
      const operations = target!.reachedBy.filter((r) => r.service === borrower).map((r) => r.operation);
      expect(result.output).toContain(
        `✖ ${target!.file} (${target!.pointer}): ${target!.keyword} ${target!.value} is a fact of ${lender}, but ${operations.join(", ")} (${borrower}) reach it.`,
      );
    }
    expect(result.output).toContain(`or \`${CONTRACT_SOURCE}\`, saying why the contract chose it`);
  });

  it("fails on an operation that names no service, and on a source the document does not declare, beside an enum or a bound", () => {
    let where = { method: "", path: "", name: "" };
    const spec = specWith("no-service", (spec) => {
      where = requestComponent(spec);
      delete spec.paths[where.path][where.method]["x-source"];
      spec.components.schemas[where.name].properties.planted_kind = {
        type: "string",
        enum: ["A", "B"],
        "x-source": { rumour: "Heard somewhere." },
      };
      spec.components.schemas[where.name].properties.planted_note = {
        type: "string",
        maxLength: 9,
        "x-source": { rumour: "Also heard." },
      };
    });
    const result = provenance({ spec });
    expect(result.ok).toBe(false);
    const operationId = bundled().paths[where.path][where.method].operationId;
    expect(result.output).toContain(
      `${operationId} has no x-source: give it \`x-source\` naming the one service whose reference page it comes from`,
    );
    expect(result.output).toContain(`enum A | B cites "rumour", which the root's x-sources does not declare`);
    expect(result.output).toContain(
      `✖ openapi/components/schemas/${where.name}.yaml (/components/schemas/${where.name}/properties/planted_note): cites "rumour", which the root's x-sources does not declare`,
    );
  });
});
