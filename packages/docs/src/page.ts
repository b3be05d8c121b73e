// What the build adds to the <head> of the page Redocly renders: a favicon
// (content/favicon.svg, as a data: URI, so the page stays self-contained and
// browsers do not ask for /favicon.ico) and a stylesheet (content/reference.css).
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
  if (css.includes("</")) throw new Error("The stylesheet must not contain `</`: it is put inside a <style> element.");
  return `<link rel="icon" type="image/svg+xml" href="${svgDataUri(favicon)}" />\n<style id="billing-docs-style">\n${css.trim()}\n</style>\n`;
}

/**
 * `html` with `head` added at the end of its <head>: before the first `</head>`,
 * which must come before the first `<body>` (the inlined script holds both
 * strings further down).
 */
export function withHead(html: string, head: string): string {
  const end = html.indexOf("</head>");
  if (end === -1 || end > html.indexOf("<body>")) throw new Error("The page Redocly rendered has no </head> before its <body>.");
  return html.slice(0, end) + head + html.slice(end);
}
