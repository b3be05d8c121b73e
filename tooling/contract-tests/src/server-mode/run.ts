// Server mode: the contract suite derived from the spec, run against any
// server through Prism's validation proxy, asking only what a real server can
// be asked (no `Prefer` selections). For every operation:
// - each request example gets the documented success (a GET of a resource
//   reads one that its create operation just made);
// - no token and a wrong token get 401;
// - each one-rule invalid body gets 422 naming the field, each malformed path
//   parameter 422 (or 404), each header parameter value that breaks its schema
//   (an empty or overlong Idempotency-Key) 422 naming `header.<name>`, a body
//   that is not JSON 400, a body not sent as JSON 415, a body over 1 MiB 413,
//   an unknown resource 404;
// - a POST repeated with its Idempotency-Key and body gets the first answer
//   again, and the same key with another body 409.
// Every answer is checked as `answer-checks.ts` says, and headers the spec does
// not document are noted. Nothing is retried, and every request of an
// operation that documents an Idempotency-Key carries one of its own.
import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { fillPath } from "@billing-api/openapi/reader";
import { bodyMutations, validBodies } from "../mutations.ts";
import { invalidHeaderValues, invalidPathValue } from "../parameter-mutations.ts";
import { type Operation, operations as specOperations, validPath } from "../spec.ts";
import { isValid } from "../validator.ts";
import { answerChecks, type Expectation, type Problem, undocumentedHeaders } from "./answer-checks.ts";
import { createProxy, type Request } from "./proxy.ts";
import {
  creatorOf,
  documented,
  documents,
  type HeaderOptions,
  requestHeaders,
  takesIdempotencyKey,
} from "./requests.ts";
import { type CaseResult, type ContractOptions, type ContractReport, reportOf, sentAs } from "./results.ts";
import { checkedTarget, requireToken } from "./target.ts";

/** The size limit of a request body, as the spec's 413 response describes it. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** Runs the suite against `target` and reports every case; it never throws for a failing server, only for a refused target. */
export async function runContract({
  target,
  token,
  allowRemote = false,
  operations: only,
  allowHeaders = [],
  onCase,
}: ContractOptions): Promise<ContractReport> {
  requireToken(token);
  const url = checkedTarget(target, allowRemote);
  const unknownIds = (only ?? []).filter((id) => !specOperations.some((o) => o.id === id));
  if (unknownIds.length) {
    throw new TypeError(
      `--operation ${unknownIds.join(", ")}: no such operation; the spec has ${specOperations.map((o) => o.id).join(", ")}.`,
    );
  }
  const selected = only ? specOperations.filter((o) => only.includes(o.id)) : specOperations;
  const proxy = await createProxy(url);
  const results: CaseResult[] = [];
  /** The id of a resource created for a path that reads it, e.g. `/companies/{company_id}/checkout/{id}`. */
  const created = new Map<string, string>();

  const fill = (operation: Operation, values: Record<string, string>) => fillPath(operation.path, values);
  const headersFor = (operation: Operation, options?: HeaderOptions) => requestHeaders(operation, token, options);

  async function run(
    operation: Operation,
    name: string,
    request: Request,
    expectation: Expectation,
    also: (exchange: { status: number; body: unknown }) => Problem[] = () => [],
  ): Promise<CaseResult & { body: unknown }> {
    const exchange = await proxy.send(request);
    const result: CaseResult = {
      operation: operation.id,
      name,
      expected: [...expectation.statuses],
      sent: sentAs(request, token),
      got: exchange.upstream501 ? 501 : exchange.status,
      problems: exchange.upstream501 ? [] : [...answerChecks(operation, exchange, expectation), ...also(exchange)],
      notes: exchange.upstream501 ? [] : undocumentedHeaders(operation, exchange, { allowHeaders }),
      ...(exchange.upstream501 && { notImplemented: true as const }),
    };
    results.push(result);
    onCase?.(result);
    return { ...result, body: exchange.body };
  }

  /** The path parameters of a valid request: the documented examples, and the id of a resource made for a GET of one. */
  async function pathFor(
    operation: Operation,
    made: ReturnType<typeof creatorOf>,
  ): Promise<Record<string, string> | undefined> {
    const values = validPath(operation);
    if (!made) {
      return values;
    }
    const key = `${operation.path}`;
    if (!created.has(key)) {
      const { creator } = made;
      const body = Object.values(creator.requestBody?.examples ?? {})[0];
      const outcome = await run(
        creator,
        `create a resource for ${operation.id}`,
        { method: creator.method, path: fill(creator, validPath(creator)), headers: headersFor(creator), body },
        { statuses: [creator.success.status], validRequest: true },
      );
      const id = (outcome.body as { id?: unknown } | null)?.id;
      if (typeof id !== "string") {
        return undefined;
      }
      created.set(key, id);
    }
    return { ...values, [made.parameter]: created.get(key)! };
  }

  for (const operation of selected) {
    const success = { statuses: [operation.success.status], validRequest: true };
    const made = creatorOf(operation);
    const path = await pathFor(operation, made);
    const examples = Object.entries(operation.requestBody?.examples ?? {});
    const firstBody = examples[0]?.[1];
    const request = (overrides: Partial<Request> = {}, headers = headersFor(operation)): Request => ({
      method: operation.method,
      path: fill(operation, path ?? validPath(operation)),
      headers,
      ...(firstBody === undefined ? {} : { body: firstBody }),
      ...overrides,
    });

    // The documented success, for each request example.
    if (path) {
      if (examples.length) {
        for (const [name, body] of examples) {
          await run(operation, `example ${name}`, request({ body }), success);
        }
      } else {
        const id = made && path[made.parameter];
        // A resource read back is the one created: the same id.
        await run(
          operation,
          made ? `read what ${made.creator.id} created` : "the documented request",
          request(),
          success,
          (answer) => {
            const got = (answer.body as { id?: unknown } | null)?.id;
            return id === undefined || answer.status !== operation.success.status || got === id
              ? []
              : [
                  {
                    rule: "read-back",
                    path: "/id",
                    expected: `${JSON.stringify(id)}, the id ${made?.creator.id} answered`,
                    got: JSON.stringify(got) ?? "(absent)",
                  },
                ];
          },
        );
      }
    }

    // Authentication.
    if (documents(operation, 401)) {
      await run(operation, "no Authorization header", request({}, headersFor(operation, { auth: "none" })), {
        statuses: [401],
        validRequest: false,
      });
      await run(operation, "a token the server did not issue", request({}, headersFor(operation, { auth: "wrong" })), {
        statuses: [401],
        validRequest: false,
      });
    }

    // An unknown resource.
    if (made && documents(operation, 404)) {
      const parameter = operation.pathParameters.find((p) => p.name === made.parameter);
      const unknown = [`${parameter?.example ?? "x"}Zz9`, `x${randomUUID().replaceAll("-", "").slice(0, 20)}`].find(
        (value) => parameter && isValid(parameter.schema, value) && value !== path?.[made.parameter],
      );
      if (unknown) {
        await run(
          operation,
          `an unknown ${made.parameter}`,
          request({ path: fill(operation, { ...validPath(operation), [made.parameter]: unknown }) }),
          {
            statuses: [404],
            validRequest: true,
          },
        );
      }
    }

    // Malformed path parameters.
    for (const parameter of operation.pathParameters) {
      const bad = invalidPathValue(parameter.schema, parameter.example);
      if (bad === undefined) {
        continue;
      }
      const values = { ...(path ?? validPath(operation)), [parameter.name]: bad };
      await run(
        operation,
        `path ${parameter.name} malformed (${JSON.stringify(bad)})`,
        request({ path: fill(operation, values) }),
        {
          statuses: documented(operation, [422, 404]),
          validRequest: false,
          names: { at: ["request", "path", parameter.name] },
        },
      );
    }

    // Header parameters whose value breaks their schema: a 422 naming `header.<name>`.
    if (documents(operation, 422)) {
      for (const parameter of operation.headerParameters) {
        const name = parameter.name.toLowerCase();
        for (const { rule, value } of invalidHeaderValues(parameter.schema, parameter.example)) {
          const shown = value.length > 40 ? `${value.length} characters` : JSON.stringify(value);
          await run(
            operation,
            `header ${parameter.name} ${rule} (${shown})`,
            request({}, { ...headersFor(operation), [name]: value }),
            {
              statuses: [422],
              validRequest: false,
              names: { at: ["request", "header", name] },
            },
          );
        }
      }
    }

    if (!operation.requestBody) {
      continue;
    }

    // Bodies that break one rule of the schema.
    for (const mutation of bodyMutations(operation).mutations) {
      await run(operation, mutation.name, request({ body: mutation.body }), {
        statuses: [422],
        validRequest: false,
        names: { at: mutation.at, missing: mutation.missing },
      });
    }
    if (documents(operation, 400)) {
      await run(operation, "a body that is not JSON", request({ body: '{"not json' }), {
        statuses: [400],
        validRequest: false,
      });
    }
    if (documents(operation, 415)) {
      const headers = { ...headersFor(operation, { json: false }), "content-type": "text/plain" };
      await run(operation, "a body sent as text/plain", request({ body: JSON.stringify(firstBody) }, headers), {
        statuses: [415],
        validRequest: false,
      });
    }

    if (documents(operation, 413)) {
      // Valid JSON past the limit the 413 response documents (1 MiB), padded with whitespace so that only its size is wrong.
      const padded = `${JSON.stringify(firstBody)}${" ".repeat(BODY_LIMIT_BYTES)}`;
      await run(operation, "a body over 1 MiB", request({ body: padded }), { statuses: [413], validRequest: false });
    }

    // Idempotency: the same key and body replay the first answer; the same key with another body is a conflict.
    if (operation.method === "post" && takesIdempotencyKey(operation)) {
      const headers = headersFor(operation);
      const first = await run(operation, "Idempotency-Key: first request", request({}, headers), success);
      await run(operation, "Idempotency-Key: the same key and body again", request({}, headers), success, (again) =>
        first.got === again.status && !isDeepStrictEqual(first.body, again.body)
          ? [
              {
                rule: "replay",
                path: "",
                expected: `the first answer again: ${JSON.stringify(first.body)?.slice(0, 200)}`,
                got: JSON.stringify(again.body)?.slice(0, 200) ?? "(no body)",
              },
            ]
          : [],
      );
      const other = validBodies(operation).find((body) => !isDeepStrictEqual(body, firstBody));
      if (other !== undefined && documents(operation, 409)) {
        await run(operation, "Idempotency-Key: the same key with another body", request({ body: other }, headers), {
          statuses: [409],
          validRequest: true,
        });
      }
    }
  }

  return reportOf(url.href, selected, results);
}
