// A static server for the built reference (dist/), on 127.0.0.1 only.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const DIST = fileURLToPath(new URL("../dist/", import.meta.url));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
  ".png": "image/png",
};

/**
 * Serves `root` on 127.0.0.1:`port` (0 picks a free port).
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function serveDocs({ port = 8080, root = DIST } = {}) {
  if (!existsSync(join(root, "index.html"))) {
    return Promise.reject(new Error(`${join(root, "index.html")} does not exist: build the reference first with \`pnpm run docs\`.`));
  }
  const base = resolve(root);
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    const file = resolve(base, normalize(`.${pathname.endsWith("/") ? `${pathname}index.html` : pathname}`));
    const inside = file === base || file.startsWith(base + sep);
    const stats = inside && existsSync(file) ? statSync(file) : undefined;
    if (!stats?.isFile() || (request.method !== "GET" && request.method !== "HEAD")) {
      response.writeHead(inside ? 404 : 403, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-length": stats.size });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolveServer, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port: actual } = server.address();
      resolveServer({
        url: `http://127.0.0.1:${actual}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
