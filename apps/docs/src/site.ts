// The reference as a static site: one HTML file per route (src/routes.ts), so
// that every link the page shows is a real URL on a static host that maps a
// path to `<path>.html` (GitHub Pages does), and a 404.html for the rest. Each
// route's page has its own title, meta description and content, followed by
// the markup Redocly prerendered; the script and styles every route shares are
// separate files named by a hash of their content, so a second route costs its
// HTML alone and a deploy that changes nothing of them keeps them cached.
import { createHash } from "node:crypto";
import type { Node } from "@billing-api/openapi/reader";
import { pageHead, withInlineBadge } from "./page.ts";
import { escapeHtml, type Route, referenceRoutes } from "./routes.ts";

/** Between Redocly's <head> additions and its body in the page content/template.hbs makes it render. */
export const SPLIT = "<!--billing-docs: head above, body below-->";

/** A base path as a host serves the site under: "/" or "/billing-api/" (GitHub Pages' project sites). */
export function basePath(value = "/"): string {
  const base = `/${value.replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");
  if (!/^\/([A-Za-z0-9._~-]+\/)*$/.test(base)) {
    throw new Error(
      `DOCS_BASE_PATH=${JSON.stringify(value)} is not a base path: use segments of letters, digits and . _ ~ -, such as /billing-api/.`,
    );
  }
  return base;
}

/** `name.<hash of content>.ext`, under assets/. */
function assetName(name: string, ext: string, content: string): string {
  return `assets/${name}.${createHash("sha256").update(content).digest("hex").slice(0, 12)}.${ext}`;
}

/** The one match of `pattern` in `text`, or an error naming what Redocly's output no longer has. */
function only(text: string, pattern: RegExp, what: string): RegExpExecArray {
  const matches = [...text.matchAll(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`))];
  if (matches.length !== 1) {
    throw new Error(
      `The page Redocly rendered has ${matches.length} ${what} where the build expects one: has @redocly/cli's output changed?`,
    );
  }
  return matches[0]!;
}

/** What the site is made of, taken out of the page `redocly build-docs --template content/template.hbs` renders. */
interface Parts {
  /** Redoc's styles, prerendered by styled-components. */
  css: string;
  /** The prerendered markup inside <div id="redoc">. */
  markup: string;
  /** The module that hydrates it: the definition, the options and the call. */
  hydrate: string;
}

function parts(rendered: string): Parts {
  const split = rendered.indexOf(SPLIT);
  if (split === -1) {
    throw new Error(
      "The page Redocly rendered lacks the template's split marker: was it built with content/template.hbs?",
    );
  }
  const head = rendered.slice(0, split);
  const body = rendered.slice(split + SPLIT.length);
  const css = only(head, /<style data-styled="true"[^>]*>([\s\S]*?)<\/style>/, "styled-components style elements")[1]!;
  const page = only(
    body,
    /<div id="redoc">([\s\S]*)<\/div>\s*<script type="module">([\s\S]*)<\/script>\s*$/,
    "prerendered pages",
  );
  return { css, markup: page[1]!, hydrate: page[2]! };
}

/** The files of the site, by path under its root, with the page's links under `base`. */
export function siteFiles({
  rendered,
  reference,
  redoc,
  base = "/",
}: {
  /** The page Redocly rendered with content/template.hbs. */
  rendered: string;
  /** The spec the page shows (src/reference.ts). */
  reference: Node;
  /** Redoc's standalone script, the module Redocly's page imports. */
  redoc: string;
  base?: string;
}): Map<string, string> {
  const { css, markup, hydrate } = parts(rendered);
  const files = new Map<string, string>();
  const add = (name: string, ext: string, content: string): string => {
    const path = assetName(name, ext, content);
    files.set(path, content);
    return base + path;
  };

  const redocUrl = add("redoc", "js", withInlineBadge(redoc));
  const cssUrl = add("redoc", "css", css);
  // The page's module imports Redoc from Redocly's CDN and hydrates with hash routes; this one
  // imports the local copy and routes by path under the base, so each route has its URL.
  const importLine = only(hydrate, /import \{ hydrate \} from "[^"]+";/, "imports of Redoc")[0];
  const call = only(hydrate, /hydrate\(__redoc_definition, __redoc_options,/, "hydrate calls")[0];
  const hydrateUrl = add(
    "reference",
    "js",
    hydrate
      .replace(
        importLine,
        `import { hydrate } from ${JSON.stringify(redocUrl)};\n` +
          // A link of the reference as it was, one page routed by hash (#/checkouts/getcheckout), opens
          // that route's URL: Redoc would rewrite the URL but leave the page at its top.
          `if (location.hash.startsWith("#/")) history.replaceState(null, "", ${JSON.stringify(base)} + location.hash.slice(2));`,
      )
      .replace(
        call,
        `hydrate(__redoc_definition, { ...__redoc_options, router: "history", basePath: ${JSON.stringify(base)} },`,
      ),
  );
  // Redocly prerenders its routes' links from "/", and the spec's own links to sections as
  // "#/section/…"; the spec's links to files already start with `base` (src/reference.ts).
  const links = markup.replace(/href="#?\/([^"]*)"/g, (link, path: string) =>
    link.startsWith(`href="${base}`) ? link : `href="${base}${path}"`,
  );
  const head = [
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    "<style>body { padding: 0; margin: 0; }</style>",
    `<link rel="stylesheet" href="${cssUrl}" />`,
    `<link rel="modulepreload" href="${redocUrl}" />`,
    // The route's own content is for readers and crawlers without scripts; once modules run, Redoc shows it.
    '<script>if ("noModule" in HTMLScriptElement.prototype) document.documentElement.classList.add("redoc-runs");</script>',
    "<style>.redoc-runs #route-content { display: none; } #route-content { max-width: 60rem; margin: 0 auto; padding: 1rem 2rem; font-family: sans-serif; }</style>",
    pageHead(),
  ].join("\n");

  const siteTitle = `${String(reference.info.title)} reference`;
  const routes = referenceRoutes(reference, base);
  const clash = routes.find((route) => base !== "/" && `/${route.path}/`.startsWith(base));
  if (clash) {
    throw new Error(
      `The route /${clash.path} starts with the base path ${base}, so its links could not be told apart.`,
    );
  }
  for (const route of routes) {
    files.set(
      route.path === "" ? "index.html" : `${route.path}.html`,
      routePage(route, siteTitle, head, links, hydrateUrl),
    );
  }
  files.set("404.html", notFoundPage(routes, siteTitle, base));
  // A new Redoc that loads its logo some other way fails here; anything else the
  // page would fetch from outside fails the browser test (test/browser.test.ts).
  for (const [path, content] of files) {
    if (content.includes("https://cdn.redoc.ly/") || content.includes(`from "https://`)) {
      throw new Error(
        `${path} still loads Redoc or its logo from Redocly's CDN; the reference must be self-contained.`,
      );
    }
  }
  return files;
}

function routePage(route: Route, siteTitle: string, head: string, markup: string, hydrateUrl: string): string {
  const title = route.path === "" ? siteTitle : `${route.title} · ${siteTitle}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>${escapeHtml(title)}</title>
<meta name="description" content="${escapeHtml(route.description)}" />
<meta property="og:title" content="${escapeHtml(title)}" />
<meta property="og:description" content="${escapeHtml(route.description)}" />
${head}</head>
<body>
<main id="route-content">
${route.html}
</main>
<div id="redoc">${markup}</div>
<script type="module" src="${hydrateUrl}"></script>
</body>
</html>
`;
}

/** The page for any path that is not the site's: says so and links to the first page and each part of the reference. */
function notFoundPage(routes: Route[], siteTitle: string, base: string): string {
  // The tags and the top-level sections: what the sidebar shows before anything is expanded.
  const parts = routes.filter((route) => /^(section\/)?[^/]+$/.test(route.path));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>Page not found · ${escapeHtml(siteTitle)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1" />
${pageHead()}<style>body { max-width: 40rem; margin: 3rem auto; padding: 0 1.5rem; font-family: sans-serif; line-height: 1.5; }</style>
</head>
<body>
<main>
<h1>Page not found</h1>
<p>Nothing of the ${escapeHtml(siteTitle)} is at this address. Start from <a href="${base}">its first page</a>, or open one of its parts:</p>
<ul>
${parts.map((route) => `<li><a href="${base}${route.path}">${escapeHtml(route.title)}</a></li>`).join("\n")}
</ul>
</main>
</body>
</html>
`;
}
