// The docs server maps paths to files as GitHub Pages does: the path itself,
// then `<path>.html`, then `<path>/index.html`; anything else gets the site's
// 404.html with status 404. Under a base path (a project site) only what is
// under it is the site's.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DocsServer, serveDocs } from "../src/serve.ts";

let root: string;
const servers: DocsServer[] = [];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "billing-docs-pages-"));
  const files: Record<string, string> = {
    "index.html": "first page",
    "404.html": "not found page",
    "checkouts.html": "tag page",
    "checkouts/createcheckout.html": "operation page",
    "guide/index.html": "guide index",
    "both.html": "both as html",
    "both/index.html": "both as index",
    "assets/app.js": "app",
    "openapi.json": "{}",
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  mkdirSync(join(root, "empty-dir"));
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(root, { recursive: true, force: true });
});

async function serve(basePath?: string): Promise<DocsServer> {
  const server = await serveDocs({ port: 0, root, basePath });
  servers.push(server);
  return server;
}

async function get(url: string): Promise<[number, string, string]> {
  const response = await fetch(url);
  return [response.status, await response.text(), response.headers.get("content-type") ?? ""];
}

describe("paths, as GitHub Pages maps them", () => {
  it.each([
    ["", 200, "first page"],
    ["index.html", 200, "first page"],
    ["checkouts", 200, "tag page"],
    ["checkouts.html", 200, "tag page"],
    ["checkouts/createcheckout", 200, "operation page"],
    ["guide", 200, "guide index"],
    ["guide/", 200, "guide index"],
    ["both", 200, "both as html"],
    ["both/", 200, "both as index"],
    ["assets/app.js", 200, "app"],
    ["nothing-here", 404, "not found page"],
    ["checkouts/nothing-here", 404, "not found page"],
    ["checkouts/", 404, "not found page"],
    ["empty-dir", 404, "not found page"],
    ["assets/app.js/", 404, "not found page"],
  ])("/%s answers %i with %j", async (path, status, body) => {
    const server = await serve();
    const [answered, text] = await get(server.url + path);
    expect([answered, text]).toEqual([status, body]);
  });

  it("sends the 404 page as HTML, and without it a plain 404", async () => {
    const server = await serve();
    const [, , type] = await get(`${server.url}missing`);
    expect(type).toBe("text/html; charset=utf-8");
    rmSync(join(root, "404.html"));
    try {
      expect(await get(`${server.url}missing`)).toEqual([404, "Not found\n", "text/plain; charset=utf-8"]);
    } finally {
      writeFileSync(join(root, "404.html"), "not found page");
    }
  });

  it("serves scripts and styles with their types", async () => {
    const server = await serve();
    const [, , type] = await get(`${server.url}assets/app.js`);
    expect(type).toBe("text/javascript; charset=utf-8");
  });
});

describe("under a base path, as a project site is served", () => {
  it("serves the site under it, its first page also without the trailing slash", async () => {
    const server = await serve("/billing-api/");
    const origin = new URL(server.url).origin;
    expect(server.url).toBe(`${origin}/billing-api/`);
    expect(await get(`${origin}/billing-api/`)).toEqual([200, "first page", "text/html; charset=utf-8"]);
    expect((await get(`${origin}/billing-api`)).slice(0, 2)).toEqual([200, "first page"]);
    expect((await get(`${origin}/billing-api/checkouts/createcheckout`)).slice(0, 2)).toEqual([200, "operation page"]);
  });

  it("answers 404 with the site's page for what is outside it", async () => {
    const server = await serve("/billing-api/");
    const origin = new URL(server.url).origin;
    for (const path of ["/", "/checkouts", "/billing-apix/checkouts", "/other/billing-api/"]) {
      expect((await get(origin + path)).slice(0, 2), path).toEqual([404, "not found page"]);
    }
  });
});
