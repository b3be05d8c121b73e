// A static server for the built reference (dist/), on 127.0.0.1 only, that maps
// paths to files as GitHub Pages does (see locate), so what works here works there.
// Whatever a client sends, it answers with a status (or drops the connection)
// and keeps serving. ../README.md lists what it answers to what.
import { constants, existsSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import { pipeline } from "node:stream";
import { fileURLToPath } from "node:url";

export const DIST = fileURLToPath(new URL("../dist/", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
};
const ALLOW = "GET, HEAD";
const REASONS = {
  400: "Bad request",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  500: "Internal server error",
};
type Status = keyof typeof REASONS;
// O_NONBLOCK keeps a FIFO in the root from blocking the open; regular files ignore it.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

/**
 * Answers on a socket that Node's HTTP layer has let go of (a request it could
 * not parse, or CONNECT), then closes it once the answer is flushed. Node's
 * types call that socket a Duplex stream; it is the connection's net.Socket.
 */
function answerSocket(socket: Socket, status: Status, statusText: string, extraHeaders = ""): void {
  socket.on("error", () => {}); // a client already gone must not become an uncaught error
  const body = `${REASONS[status]}\n`;
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${statusText}\r\n${extraHeaders}Content-Type: text/plain; charset=utf-8\r\n` +
        `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroySoon();
}

/** Ends `response` with `status` and its reason as a plain-text body (none for HEAD: Node drops it). */
function answer(response: ServerResponse, status: Status, headers: OutgoingHttpHeaders = {}): void {
  const body = `${REASONS[status]}\n`;
  response.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}

/**
 * The files a request target may name under `base`, in the order GitHub Pages
 * tries them (the path itself, `<path>.html`, `<path>/index.html`; a path that
 * ends in "/" only its index.html), or the status to answer instead.
 */
function locate(
  base: string,
  mount: string,
  target: string,
): { files: string[]; status?: undefined } | { files?: undefined; status: 400 | 403 } {
  let pathname: string;
  try {
    // The URL parser also takes the absolute form (http://host/path) and resolves dot segments, %2e%2e included.
    pathname = decodeURIComponent(new URL(target, "http://127.0.0.1").pathname);
  } catch {
    return { status: 400 }; // bad percent-encoding (URIError) or a target that is no URL (TypeError)
  }
  if (pathname.includes("\0")) {
    return { status: 400 };
  }
  // The site lives under `mount` ("/", or "/billing-api/" as on a project site); "/billing-api" is its first page too.
  if (!pathname.startsWith(mount) && `${pathname}/` !== mount) {
    return { files: [] };
  }
  pathname = `/${pathname.slice(mount.length)}`;
  // Decoding can still make "..": "/..%2f..%2fetc" becomes "/../../etc", which resolves outside the root.
  const path = resolve(base, `.${pathname}`);
  if (path !== base && !path.startsWith(base + sep)) {
    return { status: 403 };
  }
  const index = join(path, "index.html");
  return { files: pathname.endsWith("/") ? [index] : [path, `${path}.html`, index] };
}

/** `file` opened, if it is a regular file: its descriptor and size; otherwise why not. */
async function openFile(file: string): Promise<{ descriptor: FileHandle; size: number } | { code: string }> {
  let descriptor: FileHandle;
  try {
    descriptor = await open(file, OPEN_FLAGS);
  } catch (error) {
    return { code: (error as NodeJS.ErrnoException).code ?? "EIO" };
  }
  // The size and the bytes come from one inode even if the path is replaced or deleted meanwhile.
  const stats = await descriptor.stat().catch(() => undefined);
  if (!stats?.isFile()) {
    await descriptor.close().catch(() => {});
    return { code: "ENOTFILE" }; // a directory, a FIFO, a device
  }
  return { descriptor, size: stats.size };
}

async function respond(base: string, mount: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    return answer(response, 405, { allow: ALLOW });
  }
  const { files, status } = locate(base, mount, request.url ?? "/");
  if (status) {
    return answer(response, status);
  }
  let denied = false;
  for (const file of files) {
    const opened = await openFile(file);
    if ("descriptor" in opened) {
      return send(request, response, 200, file, opened);
    }
    denied ||= opened.code === "EACCES" || opened.code === "EPERM";
  }
  // The page names its icon (a data: URI), but a browser still asks for
  // /favicon.ico when it shows the spec files or anything else without one.
  if (files[0] === join(base, "favicon.ico")) {
    return void response.writeHead(204).end();
  }
  if (denied) {
    return answer(response, 403);
  }
  // As on GitHub Pages: the site's own 404.html, if it has one, with status 404.
  const notFound = join(base, "404.html");
  const page = await openFile(notFound);
  return "descriptor" in page ? send(request, response, 404, notFound, page) : answer(response, 404);
}

/** Sends an opened file with `status`: its headers, and for GET its bytes. */
function send(
  request: IncomingMessage,
  response: ServerResponse,
  status: 200 | 404,
  file: string,
  { descriptor, size }: { descriptor: FileHandle; size: number },
): void {
  const streaming = request.method === "GET" && size > 0;
  if (!streaming) {
    void descriptor.close().catch(() => {});
  }
  response.writeHead(status, {
    "content-type": TYPES[extname(file)] ?? "application/octet-stream",
    "content-length": size,
  });
  if (!streaming) {
    return void response.end();
  }

  // At most `size` bytes, so a file grown in place cannot overrun Content-Length;
  // if one shrunk in place ends early, the connection is dropped rather than
  // ending a short body as if it were complete.
  const stream = descriptor.createReadStream({ start: 0, end: size - 1 });
  stream.once("end", () => {
    if (stream.bytesRead !== size) {
      response.destroy();
    }
  });
  // pipeline destroys the stream, closing the descriptor, when the client goes away or a read fails.
  pipeline(stream, response, (error) => {
    if (error) {
      response.destroy();
    }
  });
}

/** The running server: its address, and how to stop it. */
export interface DocsServer {
  url: string;
  close: () => Promise<void>;
}

/** Serves `root` on 127.0.0.1:`port` (0 picks a free port) under `basePath` (the site's DOCS_BASE_PATH, "/" by default). */
export function serveDocs({
  port = 8080,
  root = DIST,
  basePath = "/",
}: {
  port?: number;
  root?: string;
  basePath?: string;
} = {}): Promise<DocsServer> {
  if (!existsSync(join(root, "index.html"))) {
    return Promise.reject(
      new Error(`${join(root, "index.html")} does not exist: build the reference first with \`pnpm run docs\`.`),
    );
  }
  const base = resolve(root);
  const server = createServer((request, response) => {
    respond(base, basePath, request, response).catch(() => {
      // Not expected: every known failure is answered above. Never let one stop the server.
      if (!response.headersSent) {
        answer(response, 500);
      } else {
        response.destroy();
      }
    });
  });
  // A request Node cannot parse (request line, header, size): 400, then the connection is closed.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (error.code === "ECONNRESET") {
      socket.destroy();
    } else {
      answerSocket(socket as Socket, 400, "Bad Request");
    }
  });
  // Node hands CONNECT over as a bare socket (and would drop it without a word).
  server.on("connect", (_request, socket) =>
    answerSocket(socket as Socket, 405, "Method Not Allowed", `Allow: ${ALLOW}\r\n`),
  );
  return new Promise<DocsServer>((resolveServer, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port: actual } = server.address() as AddressInfo; // a TCP server, listening
      resolveServer({
        url: `http://127.0.0.1:${actual}${basePath}`,
        // Stops listening and drops open connections (a stalled download does not hold it up).
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
