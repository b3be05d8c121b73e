// The five ways of making the benchmark's two calls (src/overhead-fixture.ts),
// each on an instance of its own, and the check every contender's call passes
// before it is timed: the example answer, and the request every contender
// must send.
import { createBillingClient, createTransport, type Fetch, OPERATIONS } from "@billing-api/client";
import createClient from "openapi-fetch";
import {
  ANSWERS,
  AUTHORIZATION,
  BASE_PATH,
  type BenchCall,
  CALLS,
  inputOf,
  type Method,
  REQUEST_PATHS,
  requestProblem,
  TOKEN,
} from "./overhead-fixture.ts";
import { CONTENDERS, type ContenderId } from "./overhead-model.ts";

/** One call of one contender. */
export type Call = () => Promise<unknown>;

/** The in-process `fetch` of one contender; when `last` is armed it keeps the request it was handed. */
export interface Probe {
  recording: boolean;
  last: Request | undefined;
}

/** A fetch that answers at once with a fresh Response: the in-process scenarios' network. */
export function inProcessFetch(method: Method, probe: Probe): Fetch {
  const { status, json } = ANSWERS[method];
  const length = String(Buffer.byteLength(json));
  return async (request) => {
    if (probe.recording) {
      probe.last = request;
    }
    return new Response(json, {
      status,
      headers: { "content-type": "application/json", "content-length": length, "x-request-id": "req_bench" },
    });
  };
}

/** The global fetch, as a contender's own function. */
export const loopbackFetch = (): Fetch => (request, init) => fetch(request, init);

/** What the benchmark knows of a typed call: the spec chose the operation, so its types are not known here. */
type UntypedCall = (input: object) => Promise<unknown>;
type PathStyle = Record<Method, (template: string, init: object) => Promise<unknown>>;

/** The client's operation function for `call`'s operation; throws when the client has none (built from another spec). */
function operationFunction({
  operation,
}: BenchCall): (transport: ReturnType<typeof createTransport>, input: object) => Promise<unknown> {
  const fn = (OPERATIONS as Record<string, unknown>)[operation.id];
  if (typeof fn !== "function") {
    throw new Error(`overhead: @billing-api/client has no operation function ${operation.id}; run \`pnpm build\`.`);
  }
  return fn as (transport: ReturnType<typeof createTransport>, input: object) => Promise<unknown>;
}

/** openapi-fetch's init for `call`: path parameters, body, and on a POST the idempotency key the clients send. */
function pathStyleInit(call: BenchCall, method: Method, idempotencyKey: boolean): () => object {
  const input = inputOf(call);
  if (method === "GET") {
    return () => ({ params: input() });
  }
  const { body, ...params } = input() as { body?: unknown };
  return idempotencyKey
    ? () => ({ params, body, headers: { "Idempotency-Key": crypto.randomUUID() } })
    : () => ({ params, body });
}

/** One contender's call of `method`, on an instance of its own. */
export function contender(id: ContenderId, method: Method, baseUrl: string, fetch: Fetch): Call {
  const call = CALLS[method];
  switch (id) {
    case "raw-fetch": {
      const url = `${baseUrl}${REQUEST_PATHS[method].slice(BASE_PATH.length)}`;
      const read = async (response: Response) => {
        if (!response.ok) {
          throw new Error(`raw fetch: ${response.status} ${await response.text()}`);
        }
        return response.json();
      };
      if (method === "GET") {
        return async () => read(await fetch(new Request(url, { headers: { Authorization: AUTHORIZATION } })));
      }
      return async () =>
        read(
          await fetch(
            new Request(url, {
              method: "POST",
              headers: {
                Authorization: AUTHORIZATION,
                "Content-Type": "application/json",
                "Idempotency-Key": crypto.randomUUID(),
              },
              body: JSON.stringify(call.body),
            }),
          ),
        );
    }
    case "openapi-fetch": {
      const client = createClient({
        baseUrl,
        fetch,
        headers: { Authorization: AUTHORIZATION },
      }) as unknown as PathStyle;
      const init = pathStyleInit(call, method, true);
      return () => client[method](call.template, init());
    }
    case "operation": {
      const transport = createTransport({ token: TOKEN, baseUrl, fetch });
      const fn = operationFunction(call);
      const input = inputOf(call);
      return () => fn(transport, input());
    }
    case "client-operation": {
      const billing = createBillingClient({ token: TOKEN, baseUrl, fetch }) as unknown as Record<string, UntypedCall>;
      const id = call.operation.id;
      if (typeof billing[id] !== "function") {
        throw new Error(`overhead: createBillingClient has no method ${id}; run \`pnpm build\`.`);
      }
      const input = inputOf(call);
      return () => billing[id]!(input());
    }
    case "client-path": {
      const billing = createBillingClient({ token: TOKEN, baseUrl, fetch }) as unknown as PathStyle;
      const init = pathStyleInit(call, method, false);
      return () => billing[method](call.template, init());
    }
  }
}

/**
 * Makes one call of a contender and checks it: the answer's data must be the
 * example, and (in-process, where the request is at hand) the request must be
 * the one every contender sends. Throws naming the contender otherwise.
 */
export async function verify(id: ContenderId, method: Method, call: Call, probe: Probe | undefined): Promise<void> {
  if (probe) {
    probe.recording = true;
  }
  let value: unknown;
  try {
    value = await call();
  } catch (error) {
    throw new Error(`overhead: ${CONTENDERS[id]} failed its ${method} before timing: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    if (probe) {
      probe.recording = false;
    }
  }
  const styled = id === "openapi-fetch" || id === "client-path";
  const data =
    styled && value && typeof value === "object" && "data" in value ? value.data : styled ? undefined : value;
  if (JSON.stringify(data) !== ANSWERS[method].json) {
    throw new Error(
      `overhead: ${CONTENDERS[id]} did not get the example answer to its ${method}: ${JSON.stringify(value)?.slice(0, 300)}`,
    );
  }
  if (probe) {
    const request = probe.last;
    if (!request) {
      throw new Error(`overhead: ${CONTENDERS[id]} never called its fetch.`);
    }
    const { pathname, search } = new URL(request.url);
    const problem = requestProblem(
      request.method,
      pathname + search,
      (name) => request.headers.get(name),
      await request.text(),
    );
    if (problem) {
      throw new Error(`overhead: ${CONTENDERS[id]} sent the wrong ${method}: ${problem}.`);
    }
  }
}
