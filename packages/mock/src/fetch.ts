// `createMockFetch()`: the mock as a `fetch` function, answering in-process
// (no port, no process) with the same validation, state and error answers as
// the server, for an app's unit tests: `createBillingClient({ fetch })`.
import { createMockHandler, type MockHandlerOptions } from "./handler.ts";
import { specPath as bundledSpec } from "./spec-path.ts";

export interface MockFetchOptions extends Partial<MockHandlerOptions> {}

/** A `fetch` that the mock answers: any origin, the path below the spec's server (`/api/v1`) or the operation's path itself. */
export type MockFetch = ((input: string | URL | Request, init?: RequestInit) => Promise<Response>) & {
  /** Resolves once the spec is read (it is read once, when the function is made). */
  ready: Promise<void>;
};

export function createMockFetch(options: MockFetchOptions = {}): MockFetch {
  const loading = createMockHandler({ logLevel: "silent", ...options, specPath: options.specPath ?? bundledSpec });
  const mockFetch = async (input: string | URL | Request, init?: RequestInit) => {
    const { handle, basePaths } = await loading;
    const request = new Request(input, init);
    const url = new URL(request.url);
    const base = basePaths.find((path) => url.pathname === path || url.pathname.startsWith(`${path}/`));
    const target = `${base ? url.pathname.slice(base.length) || "/" : url.pathname}${url.search}`;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = request.body ? (request.body as unknown as AsyncIterable<Uint8Array>) : undefined;
    const { status, headers: answered, payload } = await handle({ method: request.method, target, headers, body });
    // A status without a body (204, 304) takes none.
    return new Response(status === 204 || status === 304 ? null : payload, { status, headers: answered });
  };
  return Object.assign(mockFetch, { ready: loading.then(() => undefined) });
}
