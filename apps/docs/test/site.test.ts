// The built site as a static host serves it, without JavaScript: served by the
// docs server on GitHub Pages' rules (test/pages-rules.test.ts), every same-site
// link and asset of every page answers 200, each route's page names its route
// in its title and meta description and carries its content, shared assets are
// named by their content's hash, and an unknown path gets the 404 page. It runs
// on dist/ as `pnpm run docs` built it (base "/") and on a build for a project
// site's base path (/billing-api/).
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSpec } from "@billing-api/openapi/reader";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../src/build.ts";
import { referenceSpec } from "../src/reference.ts";
import { plainText, referenceRoutes } from "../src/routes.ts";
import { DIST, type DocsServer, serveDocs } from "../src/serve.ts";

const require = createRequire(import.meta.url);
const bundled = JSON.parse(readFileSync(require.resolve("@billing-api/openapi/openapi.json"), "utf8"));
const PROJECT_BASE = "/billing-api/";

let projectRoot: string;
const servers: Record<string, DocsServer> = {};

beforeAll(async () => {
  projectRoot = mkdtempSync(join(tmpdir(), "billing-docs-site-"));
  buildSite({ out: projectRoot, base: PROJECT_BASE });
  servers["/"] = await serveDocs({ port: 0, root: DIST });
  servers[PROJECT_BASE] = await serveDocs({ port: 0, root: projectRoot, basePath: PROJECT_BASE });
}, 120_000); // a redocly build-docs run, which takes seconds on an idle machine

afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.close()));
  rmSync(projectRoot, { recursive: true, force: true });
});

/** The URLs a page's HTML refers to (links, styles, scripts), outside its inline scripts. */
function references(html: string, page: string): URL[] {
  const markup = html.replace(/<script>[\s\S]*?<\/script>/g, "");
  return [...markup.matchAll(/\s(?:href|src)="([^"]*)"/g)]
    .map((match) => match[1]!.replaceAll("&amp;", "&"))
    .filter((target) => !target.startsWith("data:") && !target.startsWith("#"))
    .map((target) => new URL(target, page));
}

interface Crawl {
  /** Every same-site URL reached, and the status it answered. */
  statuses: Map<string, number>;
  /** The HTML of every page reached, by URL. */
  pages: Map<string, string>;
}

/** Follows every same-site reference from `start`, as a crawler without JavaScript does. */
async function crawl(start: string): Promise<Crawl> {
  const { origin } = new URL(start);
  const statuses = new Map<string, number>();
  const pages = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (statuses.has(url)) {
      continue;
    }
    const response = await fetch(url);
    statuses.set(url, response.status);
    const body = await response.text();
    if (response.status !== 200 || !response.headers.get("content-type")?.startsWith("text/html")) {
      continue;
    }
    pages.set(url, body);
    for (const target of references(body, url)) {
      target.hash = "";
      if (target.origin === origin && !statuses.has(target.href)) {
        queue.push(target.href);
      }
    }
  }
  return { statuses, pages };
}

const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
const metaDescription = (html: string) => /<meta name="description" content="([^"]*)"/.exec(html)?.[1];
const fromHtml = (text = "") =>
  text.replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
const beforeScripts = (html: string) => html.slice(0, html.indexOf('<script type="module"'));

describe.each(["/", PROJECT_BASE])("the site built for base %s, served on GitHub Pages' rules", (base) => {
  const reference = referenceSpec(bundled, { base });
  const routes = referenceRoutes(reference, base);
  let site: Crawl;
  beforeAll(async () => {
    site = await crawl(servers[base]!.url);
  });
  const urlOf = (path: string) => new URL(path, servers[base]!.url).href;

  it("answers 200 for every same-site link, style and script of every page, without JavaScript", () => {
    const failed = [...site.statuses].filter(([, status]) => status !== 200);
    expect(failed).toEqual([]);
    // Every route is reached from the first page by links alone.
    expect([...site.pages.keys()].sort()).toEqual(expect.arrayContaining(routes.map((route) => urlOf(route.path))));
  });

  it("keeps every link under the base path", () => {
    const outside = [...site.statuses.keys()].filter((url) => !new URL(url).pathname.startsWith(base));
    expect(outside).toEqual([]);
  });

  it.each(routes.map((route) => [route.path || "(first page)", route] as const))(
    "%s: its own title, meta description and content, in the HTML before any script",
    (_, route) => {
      const html = site.pages.get(urlOf(route.path))!;
      expect(html).toBeDefined();
      expect(fromHtml(title(html))).toBe(
        route.path === "" ? `${reference.info.title} reference` : `${route.title} · ${reference.info.title} reference`,
      );
      expect(fromHtml(metaDescription(html))).toBe(route.description);
      expect(route.description.length).toBeGreaterThan(0);
      expect(beforeScripts(html)).toContain(`<main id="route-content">\n${route.html}`);
    },
  );

  it("names each operation's route by its summary and description", () => {
    const operations = routes.filter(
      (route) => /^[^/]+\/[^/]+$/.test(route.path) && !route.path.startsWith("section/"),
    );
    expect(operations.map((route) => route.title).sort()).toEqual(
      readSpec(bundled)
        .operations.map((operation) => operation.summary)
        .sort(),
    );
    for (const route of operations) {
      const html = site.pages.get(urlOf(route.path))!;
      expect(title(html)).toContain(route.title);
      expect(route.description.startsWith(route.title)).toBe(true);
    }
  });

  it("shares Redoc's script, its styles and the definition as files named by a hash of their content", async () => {
    const assets = [...site.statuses.keys()].filter((url) => new URL(url).pathname.startsWith(`${base}assets/`));
    expect(assets.map((url) => new URL(url).pathname.replace(/\.[0-9a-f]{12}\./, ".HASH.")).sort()).toEqual([
      `${base}assets/redoc.HASH.css`,
      `${base}assets/redoc.HASH.js`,
      `${base}assets/reference.HASH.js`,
    ]);
    for (const url of assets) {
      const content = await (await fetch(url)).text();
      const hash = /\.([0-9a-f]{12})\.[a-z]+$/.exec(url)![1];
      expect(createHash("sha256").update(content).digest("hex").slice(0, 12), url).toBe(hash);
    }
    // Every page names the same ones, and no page carries Redoc's script inline.
    for (const [url, html] of site.pages) {
      expect(references(html, url).filter((target) => target.pathname.startsWith(`${base}assets/`)).length, url).toBe(
        3,
      );
      expect(html.length, url).toBeLessThan(200_000);
    }
  });

  it("answers an unknown path with 404 and a page that links home", async () => {
    for (const path of ["no-such-page", "checkouts/no-such-operation", "section/"]) {
      const response = await fetch(urlOf(path));
      expect(response.status, path).toBe(404);
      const html = await response.text();
      expect(title(html)).toBe(`Page not found · ${bundled.info.title} reference`);
      expect(html).toContain(`<a href="${base}">`);
      for (const target of references(html, response.url)) {
        expect((await fetch(target)).status, target.href).toBe(200);
      }
    }
  });
});

describe("a route's meta description", () => {
  it("is the text of its Markdown, on one line, cut at a word before 200 characters", () => {
    expect(plainText("Opens a `checkout`\nfor a **customer**.")).toBe("Opens a checkout for a customer.");
    const long = plainText("word ".repeat(100));
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith("word…")).toBe(true);
  });
});
