// The spec reader's one behaviour for `$ref`s, and what it reads of an operation.
import { describe, expect, it } from "vitest";
import {
  examplePath,
  fillPath,
  firstCreate,
  firstReadById,
  firstRequestExample,
  type Node,
  pointerTarget,
  readSpec,
} from "../src/reader.ts";
import { operations } from "./bundle.ts";

const document: Node = {
  paths: {
    "/things/{thing_id}": {
      parameters: [{ $ref: "#/components/parameters/ThingId" }],
      get: {
        operationId: "getThing",
        summary: "Get a thing",
        tags: ["Things"],
        responses: { "200": { $ref: "#/components/responses/Thing" }, "404": { description: "No such thing." } },
      },
      post: {
        operationId: "addPart",
        parameters: [{ name: "thing_id", in: "path", required: true, schema: { type: "string" }, example: "thg_2" }],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { $ref: "#/components/schemas/a~1b" },
              examples: { first: { $ref: "#/components/examples/Part" } },
            },
          },
        },
        responses: { "201": { description: "Added." } },
      },
    },
  },
  components: {
    parameters: {
      ThingId: { name: "thing_id", in: "path", required: true, schema: { $ref: "#/components/schemas/ThingId" } },
    },
    schemas: {
      ThingId: { type: "string", example: "thg_1" },
      "a/b": { type: "object" },
      Alias: { $ref: "#/components/schemas/ThingId" },
      Loop: { $ref: "#/components/schemas/Loop" },
    },
    responses: {
      Thing: {
        description: "The thing.",
        headers: { "X-Request-Id": { schema: { type: "string" } } },
        content: { "application/json": { schema: { type: "object" }, examples: { one: { value: { id: "thg_1" } } } } },
      },
    },
    examples: { Part: { value: { name: "wheel" } } },
  },
};

describe("readSpec", () => {
  const { resolve, operations: read } = readSpec(document);

  it("resolves escaped, percent-encoded and chained pointers, and throws on one that points nowhere or at itself", () => {
    expect(pointerTarget(document, "#/components/schemas/a~1b")).toEqual({ type: "object" });
    expect(pointerTarget(document, "#/components/schemas/a%7E1b")).toEqual({ type: "object" });
    expect(resolve({ $ref: "#/components/schemas/Alias" })).toEqual({ type: "string", example: "thg_1" });
    expect(() => resolve({ $ref: "#/components/schemas/Nope" })).toThrow(
      "$ref #/components/schemas/Nope points nowhere.",
    );
    expect(() => resolve({ $ref: "#/components/schemas/Loop" })).toThrow("refers to itself");
    expect(() => resolve({ $ref: "other.yaml#/x" })).toThrow("Only local $refs");
    expect(resolve({ type: "string" })).toEqual({ type: "string" });
  });

  it("reads each operation: parameters merged (the operation's win), body, responses, examples, first 2xx", () => {
    expect(read.map((op) => op.id)).toEqual(["addPart", "getThing"]);
    const [addPart, getThing] = read as [(typeof read)[0], (typeof read)[0]];
    expect(examplePath(getThing)).toEqual({ thing_id: "thg_1" });
    expect(examplePath(addPart)).toEqual({ thing_id: "thg_2" });
    expect(firstRequestExample(addPart)).toEqual({ name: "wheel" });
    expect(firstRequestExample(getThing)).toBeUndefined();
    expect(getThing.success).toMatchObject({
      status: 200,
      examples: { one: { id: "thg_1" } },
      headers: { "x-request-id": { type: "string" } },
    });
    expect(getThing.responses.map((r) => r.status)).toEqual([200, 404]);
    expect(addPart.requestBody).toMatchObject({ required: true, schema: { $ref: "#/components/schemas/a~1b" } });
  });

  it("lists the same operations in the spec's own order, paths then methods as written", () => {
    const { inSpecOrder } = readSpec({
      paths: {
        "/b": {
          post: { operationId: "zCreateB", responses: { "201": {} } },
          get: { operationId: "aListB", responses: { "200": {} } },
        },
        "/a": { get: { operationId: "mGetA", responses: { "200": {} } }, parameters: [] },
      },
    });
    expect(inSpecOrder.map((op) => op.id)).toEqual(["zCreateB", "aListB", "mGetA"]);
    expect(readSpec(document).inSpecOrder.map((op) => op.id)).toEqual(["getThing", "addPart"]);
  });

  it("fills a path template, percent-encoding each value", () => {
    expect(fillPath("/things/{thing_id}/parts/{id}", { thing_id: "thg 1/2", id: "p_1" })).toBe(
      "/things/thg%201%2F2/parts/p_1",
    );
    expect(fillPath("/things/{thing_id}", {})).toBe("/things/");
  });

  it("chooses the first read by id and the first create with an example, in the spec's order, whatever they are called", () => {
    const ok = { "200": {} };
    const id = { name: "id", in: "path", required: true, schema: { type: "string" } };
    const example = { content: { "application/json": { schema: {}, examples: { one: { value: { a: 1 } } } } } };
    const chosen = readSpec({
      paths: {
        "/search/{id}": {
          get: { operationId: "search", parameters: [id, { name: "q", in: "query", required: true }], responses: ok },
        },
        "/list": {
          get: { operationId: "list", responses: ok },
          post: {
            operationId: "noExample",
            requestBody: { content: { "application/json": { schema: {} } } },
            responses: ok,
          },
        },
        "/b/{id}": {
          get: { operationId: "readB", parameters: [id], responses: ok },
          post: { operationId: "writeB", parameters: [id], requestBody: example, responses: ok },
        },
        "/a/{id}": { get: { operationId: "readA", parameters: [id], responses: ok } },
      },
    });
    expect(firstReadById(chosen)?.id).toBe("readB");
    expect(firstCreate(chosen)?.id).toBe("writeB");
    const none = readSpec({ paths: { "/list": { get: { operationId: "list", responses: ok } } } });
    expect(firstReadById(none)).toBeUndefined();
    expect(firstCreate(none)).toBeUndefined();
  });

  it("refuses an operation without an operationId or without a success response", () => {
    expect(() => readSpec({ paths: { "/x": { get: { responses: { "200": {} } } } } })).toThrow(
      "GET /x has no operationId.",
    );
    expect(() => readSpec({ paths: { "/x": { get: { operationId: "x", responses: { "400": {} } } } } })).toThrow(
      "GET /x documents no success response.",
    );
  });
});

it("reads every operation of the bundled spec, each with a success response and example path values", () => {
  expect(operations.length).toBeGreaterThan(0);
  for (const operation of operations) {
    for (const [name, value] of Object.entries(examplePath(operation))) {
      expect(value, `${operation.id} ${name}`).not.toBe("undefined");
    }
  }
});
