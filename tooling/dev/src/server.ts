// The dev server of the reference, on 127.0.0.1: the current dev page, the
// bundle beside it, Redoc's script, a Server-Sent Events stream that says when
// a new build is ready (or a rebuild failed), and the loop's status as JSON.
import { readFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { withInlineBadge } from "@billing-api/docs/page";
import { EVENTS_PATH, REDOC_PATH } from "./page.ts";
import { PortError } from "./ports.ts";
import { REDOC_STANDALONE } from "./steps.ts";

export interface Served {
  /** The page at / (and /index.html). */
  html: string;
  /** The bundle, at /openapi.json; absent before the first build. */
  json?: string;
  /** The build the page shows (0 before the first). */
  build: number;
}

export interface DevServer {
  url: string;
  /** Serves `served` from now on, and tells every open page to reload. */
  publish(served: Served): void;
  /** Tells every open page that a rebuild failed (the page stays as it is). */
  failed(message: string): void;
  close(): Promise<void>;
}

const STATUS_PATH = "/__dev/status";

/**
 * Redoc's script, with its attribution badge drawn inline instead of loaded from Redocly's
 * CDN: as in the published page (apps/docs/scripts/build.ts), nothing leaves 127.0.0.1.
 */
function redocScript(): string {
  return withInlineBadge(readFileSync(REDOC_STANDALONE, "utf8"));
}

/** Starts the server on 127.0.0.1:`port` (0: the OS picks); `status` is what /__dev/status answers. */
export function startServer({
  port,
  initial,
  status,
}: {
  port: number;
  initial: Served;
  status: () => unknown;
}): Promise<DevServer> {
  let served = initial;
  const redoc = redocScript();
  const streams = new Set<ServerResponse>();
  const send = (event: string, data: unknown) => {
    for (const stream of streams) {
      stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    }
  };

  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? "/", "http://127.0.0.1");
    if (request.method !== "GET" && request.method !== "HEAD") {
      response
        .writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" })
        .end("Method not allowed\n");
      return;
    }
    const text = (type: string, body: string) => {
      response.writeHead(200, {
        "content-type": type,
        "content-length": Buffer.byteLength(body),
        "cache-control": "no-store",
      });
      response.end(request.method === "HEAD" ? undefined : body);
    };
    if (pathname === "/" || pathname === "/index.html") {
      return text("text/html; charset=utf-8", served.html);
    }
    if (pathname === "/openapi.json" && served.json !== undefined) {
      return text("application/json; charset=utf-8", served.json);
    }
    if (pathname === STATUS_PATH) {
      return text("application/json; charset=utf-8", `${JSON.stringify(status(), null, 2)}\n`);
    }
    if (pathname === REDOC_PATH) {
      // The same script for the whole run; the page names it with Redocly's version, so a new one is fetched after an upgrade.
      response.writeHead(200, {
        "content-type": "text/javascript; charset=utf-8",
        "content-length": Buffer.byteLength(redoc),
        "cache-control": "max-age=86400",
      });
      response.end(request.method === "HEAD" ? undefined : redoc);
      return;
    }
    if (pathname === "/favicon.ico") {
      return void response.writeHead(204).end();
    }
    if (pathname === EVENTS_PATH) {
      response.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-store",
        connection: "keep-alive",
      });
      response.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify({ build: served.build })}\n\n`);
      streams.add(response);
      response.on("close", () => streams.delete(response));
      return;
    }
    response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
  });
  // Keeps idle event streams open through proxies and sleeping laptops.
  const keepAlive = setInterval(() => {
    for (const stream of streams) {
      stream.write(": keep-alive\n\n");
    }
  }, 15_000);
  keepAlive.unref();

  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      clearInterval(keepAlive);
      reject(new PortError("reference", "127.0.0.1", port, error.code ?? "UNKNOWN"));
    });
    server.listen(port, "127.0.0.1", () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${actual}/`,
        publish(next) {
          served = next;
          send("reload", { build: next.build });
        },
        failed(message) {
          send("failed", { build: served.build, message });
        },
        close: () =>
          new Promise<void>((done) => {
            clearInterval(keepAlive);
            for (const stream of streams) {
              stream.end();
            }
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
