// The `provenance` check: every `pattern` and `enum` of the bundled spec says
// where it comes from, and no operation carries another service's facts.
//
// The spec declares its sources once, in the root's `x-sources`: each upstream
// service whose reference pages the API is built from, and `contract`, the
// contract's own choices (a safety bound, a shape of its own). Every operation
// names the one service it belongs to in its `x-source`; every schema with a
// `pattern` or an `enum` carries an `x-source` whose keys are sources and whose
// values say, in a sentence, what that source states. A constraint reached by
// an operation of a service must cite that service or `contract`: a fact of
// one service's ids (a `cus_` prefix, say) on another service's operation is a
// false alarm against the real server, and this check names it.
import { readFileSync } from "node:fs";
import { inRepo } from "@billing-api/repository";
import type { CheckResult } from "./checks.ts";
import { HTTP_METHODS, isObject, type Json, reachable } from "./spec-graph.ts";
import { SPEC_JSON } from "./subjects.ts";

export { SPEC_JSON };
/** The source that stands for the contract's own choices; every other key of `x-sources` is a service. */
export const CONTRACT_SOURCE = "contract";
/** The constraints that must each cite a source. */
const CONSTRAINTS = ["pattern", "enum"] as const;

export interface Constraint {
  /** Where it stands: a JSON pointer into the bundle. */
  pointer: string;
  /** The source file it stands in (component files are named after the component). */
  file: string;
  keyword: (typeof CONSTRAINTS)[number];
  value: string;
  /** The `x-source` beside it, source → what that source states. */
  sources: Record<string, string>;
  /** The operations that reach it, with their service. */
  reachedBy: { operation: string; service: string }[];
}

const escapePointer = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

/** The file of the split spec a bundle pointer stands in: `components/<kind>/<Name>.yaml`, or the path's file. */
function sourceFile(segments: readonly string[]): string {
  const [top, second, third] = segments;
  if (top === "components" && second && third) {
    return `openapi/components/${second}/${third}.yaml`;
  }
  if (top === "paths" && second) {
    return `openapi/paths/${second.replace(/^\//, "").replaceAll("/", "_")}.yaml`;
  }
  return "openapi/openapi.yaml";
}

/** A sources map as the spec wrote it, or the reason it is not one. */
function sourcesOf(node: Json | undefined, declared: ReadonlySet<string>): Record<string, string> | string {
  if (node === undefined) {
    return "has no x-source";
  }
  if (!isObject(node) || Object.keys(node).length === 0) {
    return "has an x-source that is not a map of source → what it states";
  }
  for (const [key, value] of Object.entries(node)) {
    if (!declared.has(key)) {
      return `cites ${JSON.stringify(key)}, which the root's x-sources does not declare (${[...declared].join(", ")})`;
    }
    if (typeof value !== "string" || !value.trim()) {
      return `cites ${key} without saying what it states`;
    }
  }
  return node as Record<string, string>;
}

const shown = (keyword: string, value: Json): string =>
  keyword === "enum" && Array.isArray(value)
    ? value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(" | ")
    : String(value);

/** Every constraint of `doc` with its sources and the operations that reach it, and every problem found on the way. */
export function constraints(doc: Record<string, Json>): {
  found: Constraint[];
  services: Map<string, string>;
  problems: string[];
} {
  const problems: string[] = [];
  const declaredNode = doc["x-sources"];
  const declared = new Set(isObject(declaredNode) ? Object.keys(declaredNode) : []);
  if (!declared.has(CONTRACT_SOURCE)) {
    problems.push(
      `openapi/openapi.yaml: the root's x-sources must declare the upstream services and \`${CONTRACT_SOURCE}\`.`,
    );
  }

  // Each operation's service, and the components it reaches.
  const services = new Map<string, string>();
  const reach: { operation: string; service: string; prefix: string; components: Set<string> }[] = [];
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(item)) {
      continue;
    }
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method) || !isObject(operation)) {
        continue;
      }
      const id = typeof operation.operationId === "string" ? operation.operationId : `${method.toUpperCase()} ${path}`;
      const sources = sourcesOf(operation["x-source"], declared);
      const named = typeof sources === "string" ? [] : Object.keys(sources).filter((key) => key !== CONTRACT_SOURCE);
      if (typeof sources === "string" || named.length !== 1) {
        problems.push(
          `${sourceFile(["paths", path])}: ${id} ${typeof sources === "string" ? sources : `cites ${named.length} services`}: give it \`x-source\` naming the one service whose reference page it comes from (one of ${[...declared].filter((s) => s !== CONTRACT_SOURCE).join(", ")}).`,
        );
        continue;
      }
      services.set(id, named[0]!);
      const roots = [item.parameters, operation.parameters, operation.requestBody, operation.responses].filter(
        (r): r is Json => r !== undefined,
      );
      reach.push({
        operation: id,
        service: named[0]!,
        prefix: `/paths/${escapePointer(path)}/${method}`,
        components: reachable(doc, roots),
      });
    }
  }

  const found: Constraint[] = [];
  const visit = (node: Json, segments: string[]) => {
    if (Array.isArray(node)) {
      for (const [i, child] of node.entries()) {
        visit(child, [...segments, String(i)]);
      }
      return;
    }
    if (!isObject(node)) {
      return;
    }
    const pointer = `/${segments.map(escapePointer).join("/")}`;
    // Examples are values, not schemas: a property named `pattern` in one is data.
    const isSchemaValue =
      !segments.includes("examples") && !segments.includes("example") && segments.at(-1) !== "properties";
    const isOperation = segments[0] === "paths" && segments.length === 3;
    const constrained = CONSTRAINTS.some((keyword) => keyword in node);
    if (isSchemaValue && !isOperation && !constrained && node["x-source"] !== undefined) {
      // An x-source beside other constraints (a bound, a required list) must cite declared sources too.
      const sources = sourcesOf(node["x-source"], declared);
      if (typeof sources === "string") {
        problems.push(`${sourceFile(segments)} (${pointer}): ${sources}.`);
      }
    }
    for (const keyword of CONSTRAINTS) {
      if (!isSchemaValue || !(keyword in node) || (keyword === "pattern" && typeof node[keyword] !== "string")) {
        continue;
      }
      const [top, kind, name] = segments;
      const pathItem = `/paths/${escapePointer(kind ?? "")}/`;
      const reaches = (r: (typeof reach)[number]) =>
        top === "components"
          ? r.components.has(`${kind}/${name}`)
          : pointer.startsWith(`${r.prefix}/`) ||
            (pointer.startsWith(`${pathItem}parameters/`) && r.prefix.startsWith(pathItem));
      const reachedBy = reach.filter(reaches).map(({ operation, service }) => ({ operation, service }));
      const sources = sourcesOf(node["x-source"], declared);
      const constraint = {
        pointer,
        file: sourceFile(segments),
        keyword,
        value: shown(keyword, node[keyword]!),
        reachedBy,
      };
      if (typeof sources === "string") {
        problems.push(
          `${constraint.file} (${pointer}): ${keyword} ${constraint.value} ${sources}. Say where it comes from beside it: \`x-source: { <service>: what its reference states }\`, or \`${CONTRACT_SOURCE}: why the contract chose it\`.`,
        );
        continue;
      }
      found.push({ ...constraint, sources });
      const uncited = [...new Set(reachedBy.map((r) => r.service))].filter(
        (service) => !(service in sources) && !(CONTRACT_SOURCE in sources),
      );
      for (const service of uncited) {
        const operations = reachedBy.filter((r) => r.service === service).map((r) => r.operation);
        problems.push(
          `${constraint.file} (${pointer}): ${keyword} ${constraint.value} is a fact of ${Object.keys(sources).join(" and ")}, but ${operations.join(", ")} (${service}) reach it. Give ${service}'s operations a schema of their own, or cite what ${service} states (or \`${CONTRACT_SOURCE}\`, saying why the contract chose it).`,
        );
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (key !== "x-source" && key !== "x-sources") {
        visit(child, [...segments, key]);
      }
    }
  };
  visit(doc, []);
  return { found, services, problems };
}

/** The listing: each constraint, where it stands and what it cites. */
function listing(found: readonly Constraint[]): string {
  const lines: string[] = [];
  for (const c of [...found].sort((a, b) => a.file.localeCompare(b.file) || a.pointer.localeCompare(b.pointer))) {
    const value = c.value.length > 90 ? `${c.value.slice(0, 89)}…` : c.value;
    const where =
      c.pointer.startsWith("/components/") && c.pointer.split("/").length === 4 ? c.file : `${c.file} ${c.pointer}`;
    lines.push(`${where}  ${c.keyword} ${value}`);
    for (const [source, says] of Object.entries(c.sources)) {
      lines.push(`    ${source}: ${says.replace(/\s+/g, " ").trim()}`);
    }
  }
  return lines.join("\n");
}

/** Every pattern and enum of the bundled spec at `spec`, listed with its sources; fails on one without, or on another service's fact. */
export function provenance({ spec = SPEC_JSON }: { spec?: string } = {}): CheckResult {
  let doc: Record<string, Json>;
  try {
    doc = JSON.parse(readFileSync(spec, "utf8")) as Record<string, Json>;
  } catch (error) {
    return {
      name: "provenance",
      ok: false,
      output: `✖ ${inRepo(spec)} could not be read (run \`pnpm bundle\`): ${(error as Error).message}`,
    };
  }
  const { found, services, problems } = constraints(doc);
  const perService = new Map<string, string[]>();
  for (const [operation, service] of services) {
    perService.set(service, [...(perService.get(service) ?? []), operation]);
  }
  const counts = CONSTRAINTS.map((keyword) => `${found.filter((c) => c.keyword === keyword).length} ${keyword}s`).join(
    ", ",
  );
  const output = [
    `${found.length} constraints (${counts}) in ${inRepo(spec)}, each with its source; operations by service: ${[...perService].map(([service, ops]) => `${service} (${ops.join(", ")})`).join("; ")}.`,
    listing(found),
    ...problems.map((p) => `✖ ${p}`),
    ...(problems.length ? [`${problems.length} problem(s).`] : []),
  ].join("\n");
  return { name: "provenance", ok: problems.length === 0, output };
}
