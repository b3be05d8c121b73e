// The mock's HTTP server: the handler (handler.ts) behind node:http, with what
// only a connection has: CORS for browsers, keep-alive, limits on how long a
// request may take, and requests too broken to parse.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { createMockHandler, type MockHandlerOptions, type MockRequest } from "./handler.ts";

export type MockServerOptions = MockHandlerOptions;

/** What the handler reads of a request node:http parsed: its body only where one was sent. */
function fromNode(request: IncomingMessage): MockRequest {
  const hasBody =
    Number(request.headers["content-length"] ?? 0) > 0 || request.headers["transfer-encoding"] !== undefined;
  // No encoding is set on the request: its chunks are Buffers.
  return {
    method: request.method ?? "GET",
    target: request.url ?? "",
    headers: request.headers,
    body: hasBody ? request : undefined,
  };
}

/** Creates the mock's server (not yet listening) for the bundled spec at `specPath`. */
export async function createMockServer(options: MockServerOptions): Promise<Server> {
  const { handle } = await createMockHandler(options);
  const server = createServer(async (request, response) => {
    const origin = request.headers.origin;
    // Browsers call the mock from other origins (a web app on its dev server).
    if (origin) {
      response.setHeader("access-control-allow-origin", origin);
      response.setHeader("vary", "origin");
      response.setHeader("access-control-expose-headers", "x-request-id, retry-after, retry-after-ms, sl-violations");
    }
    if (request.method === "OPTIONS" && origin && request.headers["access-control-request-method"]) {
      response.setHeader("access-control-allow-methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
      response.setHeader("access-control-allow-headers", request.headers["access-control-request-headers"] ?? "*");
      response.setHeader("access-control-max-age", "600");
      response.writeHead(204).end();
      return;
    }
    const { status, headers, payload } = await handle(fromNode(request));
    // An answer sent before the body was read (a refusal) closes the connection, so the rest is never read.
    const close = request.complete ? {} : { connection: "close" };
    if (response.headersSent) {
      response.destroy();
    } else {
      response.writeHead(status, { ...headers, ...close, "content-length": Buffer.byteLength(payload) }).end(payload);
    }
  });
  // No idle timeout on keep-alive connections (Node's 5 s timer could close a
  // connection that already carried the client's next request: ECONNRESET);
  // a limit on how long the headers may take instead.
  server.keepAliveTimeout = 0;
  server.headersTimeout = 30_000;
  server.requestTimeout = 60_000;
  server.on("clientError", (_error, socket) => {
    if (socket.writable && !socket.writableEnded) {
      const body = JSON.stringify({ code: "BAD_REQUEST", message: "The request could not be read." });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    } else {
      socket.destroy();
    }
  });
  return server;
}
