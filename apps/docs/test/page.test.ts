// What the build adds to the page, tested without building it: the note on the
// samples' host (src/samples-host.ts) and the <head> additions (src/page.ts).
// test/browser.test.ts checks both on the built page.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { DEFAULT_HOST, DEFAULT_PORT } from "@billing-api/mock";
import { describe, expect, it } from "vitest";
import { pageHead, svgDataUri, withHead } from "../src/page.ts";
import { isPlaceholder, MOCK_URL, samplesHostNote } from "../src/samples-host.ts";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@billing-api/openapi/openapi.json"), "utf8"));

describe("the note on the samples' host", () => {
  it("names the address `pnpm mock` listens on", () => {
    expect(MOCK_URL).toBe(`http://${DEFAULT_HOST}:${DEFAULT_PORT}`);
  });

  it.each([
    [spec.servers[0], true],
    [{ url: "https://api.billing.example.com/api/v1" }, true],
    [{ url: "https://example.org" }, true],
    [{ url: "https://billing.test/v1" }, true],
    [{ url: "https://api.billing.io/v1", description: "Production (placeholder host)." }, true],
    [{ url: "https://api.billing.io/v1", description: "Production." }, false],
    [{ url: "https://notexample.com/v1" }, false],
  ])("%j is a placeholder: %s", (server, expected) => {
    expect(isPlaceholder(server)).toBe(expected);
  });

  it("for the spec's server: its URL, that it is a placeholder, and how to use the mock instead", () => {
    const note = samplesHostNote(spec.servers[0]);
    expect(note).toMatch(/^## Where the samples send requests\n/);
    expect(note).toContain(`\`${spec.servers[0].url}\``);
    expect(note).toContain("**That host is a placeholder**");
    expect(note).toContain("`pnpm mock`");
    expect(note).toContain(`replace \`${spec.servers[0].url}\` with \`${MOCK_URL}\``);
    expect(note).toContain(`\`baseUrl: "${MOCK_URL}"\``);
  });

  it("for a real host: no word of a placeholder, the mock still offered", () => {
    const note = samplesHostNote({ url: "https://api.billing.io/v1" });
    expect(note).toContain("`https://api.billing.io/v1`, the API's server");
    expect(note).not.toMatch(/placeholder/i);
    expect(note).toContain(`\`baseUrl: "${MOCK_URL}"\``);
  });
});

describe("the page's <head>", () => {
  const page =
    "<!DOCTYPE html>\n<html><head><title>t</title></head>\n<body><script>const s = `<head></head><body>`;</script></body></html>";

  it("gets the favicon link and the stylesheet at its end, before the first </head>", () => {
    const html = withHead(page, pageHead());
    const head = html.slice(0, html.indexOf("</head>"));
    expect(head).toContain(
      `<link rel="icon" type="image/svg+xml" href="${svgDataUri(readFileSync(new URL("../content/favicon.svg", import.meta.url), "utf8"))}" />`,
    );
    expect(head).toContain('<style id="billing-docs-style">');
    expect(head).toContain('#redoc pre[data-component-name="CodeBlock/CodeBlockContainer"]');
    expect(html.slice(html.indexOf("</head>"))).toBe(page.slice(page.indexOf("</head>")));
  });

  it("refuses a page without a </head> before its <body>, and a stylesheet that could end its <style>", () => {
    expect(() => withHead("<html><body><script>'<head></head>'</script></body></html>", "x")).toThrow(
      /no <\/head> before its <body>/,
    );
    expect(() => withHead("<html><head></head></html>", "x")).toThrow(/no <\/head> before its <body>/);
    expect(() => pageHead({ css: "a { } </style><script>" })).toThrow(/must not contain `<\/`/);
  });

  it("encodes the icon as a data: URI that decodes to the SVG and needs no quoting in an attribute", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><path fill="#fff" d="M0 0h1"/></svg>';
    const uri = svgDataUri(`${svg}\n`);
    expect(uri.startsWith("data:image/svg+xml,")).toBe(true);
    expect(decodeURIComponent(uri.slice("data:image/svg+xml,".length))).toBe(svg);
    expect(uri).not.toMatch(/["<>#\s]/);
  });
});
