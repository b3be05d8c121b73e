// What the build adds to the <head> of the page Redocly renders: a favicon
// (content/favicon.svg, as a data: URI, so the page stays self-contained and
// browsers do not ask for /favicon.ico) and a stylesheet (content/reference.css);
// and Redoc's attribution logo drawn inline, so that the page loads nothing from
// outside. Shared with `pnpm dev`'s live page (tooling/dev).
import { readFileSync } from "node:fs";

const CONTENT = new URL("../content/", import.meta.url);

/** `svg` as a data: URI, for an `href` or a `src`. */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml,${encodeURIComponent(svg.trim())}`;
}

/** The elements the page's <head> gets: the favicon link and the stylesheet. */
export function pageHead({
  favicon = readFileSync(new URL("favicon.svg", CONTENT), "utf8"),
  css = readFileSync(new URL("reference.css", CONTENT), "utf8"),
}: {
  favicon?: string;
  css?: string;
} = {}): string {
  if (css.includes("</")) {
    throw new Error("The stylesheet must not contain `</`: it is put inside a <style> element.");
  }
  return `<link rel="icon" type="image/svg+xml" href="${svgDataUri(favicon)}" />\n<style id="billing-docs-style">\n${css.trim()}\n</style>\n`;
}

/**
 * `html` with `head` added at the end of its <head>: before the first `</head>`,
 * which must come before the first `<body>` (the inlined script holds both
 * strings further down).
 */
export function withHead(html: string, head: string): string {
  const end = html.indexOf("</head>");
  if (end === -1 || end > html.indexOf("<body>")) {
    throw new Error("The page Redocly rendered has no </head> before its <body>.");
  }
  return html.slice(0, end) + head + html.slice(end);
}

/** The logo Redoc's attribution badge loads from Redocly's CDN, the same word drawn inline. */
const badge = (width: number): string =>
  svgDataUri(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="14"><text x="0" y="11" font-family="sans-serif" font-size="11" fill="#555">${width > 20 ? "Redocly" : "R"}</text></svg>`,
  );

/** `code` (a page, or Redoc's script) with the badge's CDN logos replaced by inline ones. */
export function withInlineBadge(code: string): string {
  return code
    .replaceAll("https://cdn.redoc.ly/redoc/logo-mini-full.svg", badge(44))
    .replaceAll("https://cdn.redoc.ly/redoc/logo-mini.svg", badge(10));
}
