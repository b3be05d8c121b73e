// An operation against its old self: its id, parameters, request body and
// responses (by status), with their media types and headers; and the same
// comparisons for the components of those kinds.
import type { Node, Operation, SpecReader } from "@billing-api/openapi/reader";
import type { Differ } from "./differ.ts";
import { ADDITION, NOW_OPTIONAL, NOW_REQUIRED, REMOVAL, type Side, UNKNOWN } from "./rules.ts";
import { schemaDiff } from "./schema-diff.ts";
import { BOTH, below, code, escapeToken, type Where } from "./where.ts";

function mediaDiff(d: Differ, a: Node, b: Node, at: Where): void {
  const [contentA, contentB] = [(a.content ?? {}) as Node, (b.content ?? {}) as Node];
  for (const type of new Set([...Object.keys(contentA), ...Object.keys(contentB)])) {
    const here = below(at, "content", type);
    if (!Object.hasOwn(contentB, type)) {
      d.record(here, "removed", `media type ${type}`, REMOVAL);
    } else if (!Object.hasOwn(contentA, type)) {
      d.record(here, "added", `media type ${type}`, ADDITION);
    } else {
      const [ma, mb] = [contentA[type] as Node, contentB[type] as Node];
      if (ma.schema !== undefined || mb.schema !== undefined) {
        schemaDiff(d, ma.schema ?? {}, mb.schema ?? {}, below(here, "schema"));
      }
      d.remaining(here, ma, mb, new Set(["schema"]));
    }
  }
}

export function parameterDiff(d: Differ, a: Node, b: Node, at: Where): void {
  if (a.required !== b.required) {
    d.record(
      below(at, "required"),
      "changed",
      b.required === true ? "became required" : "became optional",
      b.required === true ? NOW_REQUIRED : NOW_OPTIONAL,
    );
  }
  if (a.schema !== undefined || b.schema !== undefined) {
    schemaDiff(d, a.schema ?? {}, b.schema ?? {}, below(at, "schema"));
  }
  if (a.content !== undefined || b.content !== undefined) {
    mediaDiff(d, a, b, at);
  }
  d.remaining(at, a, b, new Set(["name", "in", "required", "schema", "content"]));
}

function headerDiff(d: Differ, a: Node, b: Node, at: Where): void {
  parameterDiff(d, a, b, at);
}

export function bodyDiff(d: Differ, a: Node, b: Node, at: Where): void {
  if ((a.required === true) !== (b.required === true)) {
    d.record(
      below(at, "required"),
      "changed",
      b.required === true ? "request body became required" : "request body became optional",
      b.required === true ? NOW_REQUIRED : NOW_OPTIONAL,
    );
  }
  mediaDiff(d, a, b, at);
  d.remaining(at, a, b, new Set(["required", "content"]));
}

export function responseDiff(d: Differ, a: Node, b: Node, at: Where): void {
  const [headersA, headersB] = [(a.headers ?? {}) as Node, (b.headers ?? {}) as Node];
  const lower = (headers: Node) => new Map(Object.keys(headers).map((name) => [name.toLowerCase(), name]));
  const [namesA, namesB] = [lower(headersA), lower(headersB)];
  for (const [key, name] of namesA) {
    if (!namesB.has(key)) {
      d.record(below(at, "headers", name), "removed", `header ${code(name)}`, REMOVAL);
    }
  }
  for (const [key, name] of namesB) {
    const old = namesA.get(key);
    if (old === undefined) {
      d.record(below(at, "headers", name), "added", `header ${code(name)}`, ADDITION);
    } else {
      d.throughRefs(
        headersA[old],
        headersB[name],
        { ...below(at, "headers", name), base: `${at.base}/headers/${escapeToken(old)}` },
        (x, y, here) => headerDiff(d, x, y, here),
        new Set(),
      );
    }
  }
  mediaDiff(d, a, b, at);
  d.remaining(at, a, b, new Set(["headers", "content"]));
}

/** Path-level and operation-level parameters by `in` and name, the operation's winning, with where each is. */
function parametersOf(
  reader: SpecReader,
  operation: Operation,
): Map<string, { node: unknown; pointer: string; name: string }> {
  const item = (reader.spec.paths?.[operation.path] ?? {}) as Node;
  const itemPointer = `#/paths/${escapeToken(operation.path)}`;
  const byKey = new Map<string, { node: unknown; pointer: string; name: string }>();
  const levels: Array<[unknown[], string]> = [
    [(item.parameters ?? []) as unknown[], `${itemPointer}/parameters`],
    [(operation.node.parameters ?? []) as unknown[], `${itemPointer}/${operation.method}/parameters`],
  ];
  for (const [list, pointer] of levels) {
    list.forEach((node, index) => {
      const parameter = reader.resolve<Node>(node);
      byKey.set(`${parameter.in} ${parameter.name}`, {
        node,
        pointer: `${pointer}/${index}`,
        name: `${parameter.in} parameter ${code(parameter.name)}`,
      });
    });
  }
  return byKey;
}

/** A parameter's place: its operation, or the path item when it is declared for every operation on the path. */
function parameterAt(d: Differ, pointer: string, pointers: { base?: string; revision?: string }): Where {
  const place = d.placeOf(pointer);
  return { group: place.group, path: place.path.split("/"), sides: new Set(["request"]), ...pointers };
}

export function operationDiff(d: Differ, a: Operation, b: Operation): void {
  const group = `${b.method.toUpperCase()} ${b.path} (${b.id})`;
  const pointerA = `#/paths/${escapeToken(a.path)}/${a.method}`;
  const pointerB = `#/paths/${escapeToken(b.path)}/${b.method}`;
  const at = (sides: ReadonlySet<Side>): Where => ({ group, path: [], sides, base: pointerA, revision: pointerB });
  const request: ReadonlySet<Side> = new Set(["request"]);
  const response: ReadonlySet<Side> = new Set(["response"]);

  if (a.id !== b.id) {
    d.record(below(at(BOTH), "operationId"), "changed", `operationId ${a.id} → ${b.id}`, {
      ...UNKNOWN,
      why: { request: "the client's method is named after it" },
    });
  }

  const [paramsA, paramsB] = [parametersOf(d.specs.base, a), parametersOf(d.specs.revision, b)];
  for (const [key, p] of paramsA) {
    if (!paramsB.has(key)) {
      d.record(parameterAt(d, p.pointer, { base: p.pointer }), "removed", p.name, REMOVAL);
    }
  }
  for (const [key, p] of paramsB) {
    const old = paramsA.get(key);
    const here = parameterAt(d, p.pointer, { base: old?.pointer, revision: p.pointer });
    if (!old) {
      const required = d.specs.revision.resolve<Node>(p.node).required === true;
      d.record(here, "added", `${required ? "required " : ""}${p.name}`, required ? NOW_REQUIRED : ADDITION);
    } else {
      d.throughRefs(old.node, p.node, here, (x, y, here) => parameterDiff(d, x, y, here), new Set());
    }
  }

  const [bodyA, bodyB] = [a.node.requestBody, b.node.requestBody];
  if (bodyA === undefined && bodyB !== undefined) {
    const required = d.specs.revision.resolve<Node>(bodyB).required === true;
    d.record(
      below(at(request), "requestBody"),
      "added",
      `${required ? "required " : ""}request body`,
      required ? NOW_REQUIRED : ADDITION,
    );
  } else if (bodyA !== undefined && bodyB === undefined) {
    d.record(below(at(request), "requestBody"), "removed", "request body", REMOVAL);
  } else if (bodyA !== undefined) {
    d.throughRefs(bodyA, bodyB, below(at(request), "requestBody"), (x, y, here) => bodyDiff(d, x, y, here), new Set());
  }

  const [responsesA, responsesB] = [(a.node.responses ?? {}) as Node, (b.node.responses ?? {}) as Node];
  for (const status of Object.keys(responsesA)) {
    if (!Object.hasOwn(responsesB, status)) {
      d.record(below(at(response), "responses", status), "removed", `response ${status}`, REMOVAL);
    }
  }
  for (const status of Object.keys(responsesB)) {
    if (!Object.hasOwn(responsesA, status)) {
      d.record(below(at(response), "responses", status), "added", `response ${status}`, ADDITION);
    } else {
      d.throughRefs(
        responsesA[status],
        responsesB[status],
        below(at(response), "responses", status),
        (x, y, here) => responseDiff(d, x, y, here),
        new Set(),
      );
    }
  }
  d.remaining(at(BOTH), a.node, b.node, new Set(["operationId", "parameters", "requestBody", "responses"]));
}
