// The served reference in a real Chromium (Debian's, driven by playwright-core):
// every operation of the bundled spec is listed and its section opens, the code
// samples are there, no code hides under a copy button or out of its box, the
// page has its favicon and says where the samples send requests, no console
// error occurs, and no request leaves 127.0.0.1. A screenshot is saved to
// test-results/ as an artifact.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { readSpec } from "@billing-api/openapi/reader";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { curlSample, sampleRequests } from "../src/code-samples.ts";
import { referenceSpec } from "../src/reference.ts";
import { referenceRoutes } from "../src/routes.ts";
import { MOCK_URL } from "../src/samples-host.ts";
import { serveDocs } from "../src/serve.ts";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@billing-api/openapi/openapi.json"), "utf8"));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FAVICON = readFileSync(new URL("../content/favicon.svg", import.meta.url), "utf8").trim();
const ARTIFACTS = new URL("../test-results/", import.meta.url);
/** A laptop's screen, where Redoc shows the samples beside the schemas, and a phone's, where it stacks them. */
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

interface Operation {
  operationId: string;
  summary: string;
  tag: string;
  method: string;
  /** How its curl sample addresses it: `'<server><path with the example values>'`. */
  curlUrl: string;
  /** It takes a request body, so its samples include the payload. */
  hasBody: boolean;
}

// What the page must show for each operation of the bundled spec.
const read = readSpec(spec).operations;
const operations: Operation[] = sampleRequests(spec).map((request) => {
  const operation = read.find((op) => op.id === request.operationId)!;
  const firstLine = curlSample(request, spec.servers[0].url).split("\n")[0]!;
  return {
    operationId: request.operationId,
    summary: operation.summary!,
    tag: operation.tags[0]!,
    method: request.method,
    curlUrl: firstLine.slice(firstLine.indexOf("'")),
    hasBody: request.body !== undefined,
  };
});

let server: Awaited<ReturnType<typeof serveDocs>>;
let browser: Browser;
let page: Page;
const outside: string[] = [];
const consoleErrors: string[] = [];
/** Every URL the page went to, in order: a failure to open an operation shows the ones since its click. */
const navigations: string[] = [];

// A setup failure (no Chromium, most often) fails every test with its message, so it is counted, never skipped.
let setupError: unknown;
beforeEach(() => {
  if (setupError) {
    throw setupError;
  }
});

beforeAll(async () => {
  try {
    await setUp();
  } catch (error) {
    setupError = error;
  }
}, 60_000);

async function setUp() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM}, so the reference cannot be tested in a browser. ` +
        "Install Debian's package (`sudo apt-get install -y chromium`, or `bash scripts/ensure-chromium.sh` at the repository root), " +
        "or point CHROMIUM_PATH at another Chromium.",
    );
  }
  server = await serveDocs({ port: 0 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
  page = await watchedPage(DESKTOP);
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) {
      navigations.push(frame.url());
    }
  });
  await page.goto(server.url, { waitUntil: "networkidle" });
}

/** A page of `viewport` whose console errors and requests outside 127.0.0.1 (refused) are recorded. */
async function watchedPage(viewport: { width: number; height: number }): Promise<Page> {
  const opened = await browser.newPage({ viewport });
  await opened.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "data:" || url.hostname === "127.0.0.1") {
      return route.continue();
    }
    outside.push(url.href);
    return route.abort();
  });
  opened.on("console", (message) => {
    if (message.type() === "error") {
      consoleErrors.push(message.text());
    }
  });
  opened.on("pageerror", (error) => consoleErrors.push(error.message));
  return opened;
}

afterAll(async () => {
  if (page) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL("api-reference.png", ARTIFACTS).pathname });
  }
  await browser?.close();
  await server?.close();
});

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/**
 * A heading of Redoc's whose text is exactly `text` (its accessible name also holds the anchor link's
 * label); not the route's own content, which the page carries for readers without scripts and hides.
 */
const heading = (text: string) =>
  page.locator("#redoc h1, #redoc h2").filter({ hasText: new RegExp(`^${escaped(text)}$`) });

describe("the API reference in Chromium", () => {
  it("shows the title, the getting-started section and links to the spec files", async () => {
    await expect(page.getByRole("heading", { level: 1 }).first().textContent()).resolves.toContain(spec.info.title);
    for (const section of [
      "Getting started",
      "Install",
      "Authentication",
      "Idempotency keys and retries",
      "Errors",
      "The mock server",
    ]) {
      expect(await heading(section).count(), section).toBe(1);
    }
    for (const file of ["openapi.yaml", "openapi.json"]) {
      const href = await page.getByRole("link", { name: file, exact: true }).first().getAttribute("href");
      const response = await page.request.get(new URL(href!, server.url).href);
      expect(response.status(), file).toBe(200);
    }
  });

  it("says at the top where the samples send requests: the placeholder host, and how to use the mock instead", async () => {
    const note = heading("Where the samples send requests");
    expect(await note.count()).toBe(1);
    // On the first page, before the getting-started section.
    expect((await note.boundingBox())!.y).toBeLessThan((await heading("Getting started").boundingBox())!.y);
    const text = await note.evaluate((h) => {
      let all = "";
      for (
        let next = h.parentElement!.nextElementSibling;
        next && !next.querySelector("h1, h2");
        next = next.nextElementSibling
      ) {
        all += `${next.textContent}\n`;
      }
      return all;
    });
    for (const words of [
      spec.servers[0].url,
      "That host is a placeholder",
      "pnpm mock",
      MOCK_URL,
      `baseUrl: "${MOCK_URL}"`,
    ]) {
      expect(text).toContain(words);
    }
    // Its link leads to the getting-started section on the mock.
    await page.getByRole("link", { name: "The mock server", exact: true }).first().click();
    await expect
      .poll(() =>
        heading("The mock server")
          .first()
          .boundingBox()
          .then((box) => box !== null && box.y >= 0 && box.y < 300),
      )
      .toBe(true);
  });

  it("has its favicon inline (a data: URI Chromium decodes), and the server answers /favicon.ico with 204", async () => {
    const icons = await page
      .locator('link[rel="icon"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute("href")!));
    expect(icons).toHaveLength(1);
    expect(icons[0]!.startsWith("data:image/svg+xml,")).toBe(true);
    expect(decodeURIComponent(icons[0]!.slice("data:image/svg+xml,".length))).toBe(FAVICON);
    const size = await page.evaluate(async (href) => {
      const image = new Image();
      image.src = href;
      await image.decode();
      return [image.naturalWidth, image.naturalHeight];
    }, icons[0]!);
    expect(size[0]).toBeGreaterThan(0);
    expect(size[1]).toBeGreaterThan(0);
    const favicon = await page.request.get(new URL("/favicon.ico", server.url).href);
    expect(favicon.status()).toBe(204);
  });

  it("shows every code block of the first page (getting started) whole: no text clipped, no line wider than its box", async () => {
    const blocks = await page.evaluate(inspectCodeBlocks, "redoc");
    expect(blocks.length).toBeGreaterThanOrEqual(5); // the getting-started examples
    expect(blocks.flatMap(problems)).toEqual([]);
  });

  /** Opens an operation from the sidebar (expanding its tag first if needed); resolves when its heading shows. */
  async function open(operation: Operation) {
    // A sidebar entry reads as the summary followed by the method badge.
    const item = page
      .getByRole("link", { name: new RegExp(`^${escaped(operation.summary)}\\s*${operation.method}$`, "i") })
      .first();
    const from = navigations.length;
    if (!(await item.isVisible())) {
      // A tag's click expands it and opens the tag's own section too. On a busy page that
      // section can open after the item's click and take the URL back to the tag (seen once
      // under stress-ng --cpu 8), so the item is clicked only once the tag's section is open.
      const tag = page.locator("a", { has: page.getByText(operation.tag, { exact: true }) }).first();
      const route = await tag.getAttribute("href");
      await tag.click();
      await expect.poll(() => new URL(page.url()).pathname).toBe(route);
      await expect.poll(() => heading(operation.tag).first().isVisible()).toBe(true);
      // And only once the page has scrolled to that section: while it still scrolls, Redoc's scroll
      // spy can set the URL back to the tag after the item's click (twice in one evening, with pnpm
      // test's other packages or faketime beside it).
      await expect
        .poll(() =>
          heading(operation.tag)
            .first()
            .evaluate((element) => {
              const { top } = element.getBoundingClientRect();
              return top >= 0 && top < window.innerHeight / 2;
            }),
        )
        .toBe(true);
    }
    await item.click();
    await expect
      .poll(() => page.url())
      .toContain(`/${operation.operationId.toLowerCase()}`)
      .catch((error: Error) => {
        throw new Error(
          `${error.message}\nThe page went to, since the sidebar was clicked: ${navigations.slice(from).join(" → ") || "nowhere"}`,
          {
            cause: error,
          },
        );
      });
    await expect.poll(() => heading(operation.summary).first().isVisible()).toBe(true);
  }

  const visiblePre = (text: string) => page.locator("#redoc pre", { hasText: text }).first().isVisible();

  it.each(operations)("lists $operationId, opens its section and shows its curl sample", async (operation) => {
    await open(operation);
    await expect.poll(() => visiblePre(operation.curlUrl)).toBe(true);
  });

  it.each(operations)("shows the TypeScript sample of $operationId", async (operation) => {
    await open(operation);
    // The picker of its own section: the sections around it are rendered too, with theirs.
    expect(await showSample("TypeScript")).toBe(true);
    await expect.poll(() => visiblePre(`billing.${operation.operationId}(`)).toBe(true);
  });

  /**
   * The section of the operation open now: Redoc renders every operation on
   * one page, each in an element whose id is its route (`checkouts/getcheckout`).
   */
  const openSection = () => new URL(page.url()).pathname.replace(/^\//, "");

  /** Shows the sample of `tab` (curl, TypeScript, Payload) in the open operation's request panel; false if it has none. */
  async function showSample(tab: string): Promise<boolean> {
    const picker = page
      .locator(`[id="${openSection()}"] [data-component-name="Dropdown/Dropdown"] button`)
      .filter({ hasText: /^(curl|TypeScript|Payload)$/ })
      .filter({ visible: true })
      .first();
    if ((await picker.textContent())?.trim() === tab) {
      return true;
    }
    await picker.click();
    const option = page.getByRole("menuitem", { name: tab, exact: true }).filter({ visible: true });
    if ((await option.count()) === 0) {
      await page.keyboard.press("Escape");
      return false;
    }
    await option.first().click();
    await expect.poll(async () => (await picker.textContent())?.trim()).toBe(tab);
    return true;
  }

  it.each(operations)(
    "$operationId: no code of its samples and examples under a copy button or clipped",
    async (operation) => {
      await open(operation);
      const longLines: string[] = [];
      for (const tab of ["curl", "TypeScript", "Payload"]) {
        const shown = await showSample(tab);
        expect(shown, `a ${tab} sample for ${operation.operationId}`).toBe(tab !== "Payload" || operation.hasBody);
        if (!shown) {
          continue;
        }
        const blocks = await page.evaluate(inspectCodeBlocks, openSection());
        expect(blocks.length, `code blocks in ${operation.operationId}`).toBeGreaterThanOrEqual(2); // the sample, an example answer
        const sample = blocks.find(
          (block) =>
            block.buttons > 0 &&
            block.start.startsWith(tab === "curl" ? "curl" : tab === "TypeScript" ? "import" : "{"),
        );
        expect(sample, `the ${tab} sample of ${operation.operationId}, with its copy button`).toBeDefined();
        if (sample!.longLine) {
          longLines.push(tab);
        }
        expect(blocks.flatMap(problems), `${operation.operationId}, ${tab} shown`).toEqual([]);
      }
      // A sample has a line that, unwrapped, would run under its copy button: what this test is about.
      expect(
        longLines,
        `the samples of ${operation.operationId} with a line long enough to reach the copy button`,
      ).not.toEqual([]);
    },
  );
});

// Every route of the site (src/routes.ts) loaded by its URL, as a pasted link
// or a search result opens it, on a laptop's screen and a phone's.
const reference = referenceSpec(spec, { base: "/" });
const routes = referenceRoutes(reference, "/");
const routeOf = (operationId: string) => routes.find((route) => route.path.endsWith(`/${operationId.toLowerCase()}`))!;

describe.each([
  ["1440 px", DESKTOP],
  ["390 px", PHONE],
])("each route loaded by its URL, at %s", (_, viewport) => {
  let tab: Page;
  /** Every same-site link the rendered routes show, without its fragment. */
  const shown = new Set<string>();
  beforeAll(async () => {
    if (!setupError) {
      tab = await watchedPage(viewport);
    }
  });
  afterAll(async () => {
    await tab?.close();
  });

  /** Loads `path` under the site; resolves once the heading `text` is in the top half of the screen. */
  async function load(path: string, text: string) {
    await tab.goto(new URL(path, server.url).href);
    const target = tab.locator("#redoc h1, #redoc h2").filter({ hasText: new RegExp(`^${escaped(text)}$`) });
    await expect
      .poll(() =>
        target.evaluateAll((elements) =>
          elements.some((element) => {
            const { top, height } = element.getBoundingClientRect();
            return height > 0 && top >= -1 && top < window.innerHeight / 2;
          }),
        ),
      )
      .toBe(true);
  }

  it.each(routes.map((route) => [route.path || "(first page)", route] as const))(
    "%s opens at its place, under its own title",
    async (_, route) => {
      await load(route.path, route.path === "" ? `${spec.info.title} (${spec.info.version})` : route.title);
      expect(new URL(tab.url()).pathname).toBe(`/${route.path}`);
      expect(await tab.title()).toBe(
        route.path === "" ? `${spec.info.title} reference` : `${route.title} · ${spec.info.title} reference`,
      );
      for (const href of await tab
        .locator("a[href]")
        .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href))) {
        const url = new URL(href);
        url.hash = "";
        if (url.origin === new URL(server.url).origin) {
          shown.add(url.href);
        }
      }
    },
  );

  it.each(routes.filter((route) => route.path !== "").map((route) => [route.path, route] as const))(
    "#/%s, a link of the page as it was routed by hash, opens that route",
    async (_, route) => {
      await tab.goto("about:blank");
      await load(`#/${route.path}`, route.title);
      expect(new URL(tab.url()).pathname).toBe(`/${route.path}`);
    },
  );

  it("every same-site link those pages show answers 200", async () => {
    // The sidebar alone links every tag and section; the tags' pages link their operations.
    expect(shown.size).toBeGreaterThanOrEqual(routes.length);
    const failed: string[] = [];
    for (const url of shown) {
      const status = (await tab.request.get(url)).status();
      if (status !== 200) {
        failed.push(`${url}: ${status}`);
      }
    }
    expect(failed).toEqual([]);
  });

  it.each(operations)("$operationId: its curl sample is reached before its request schema", async (operation) => {
    const route = routeOf(operation.operationId);
    await load(route.path, route.title);
    const section = tab.locator(`[id="${route.path}"]`);
    const sample = section
      .locator("pre")
      .filter({ hasText: /^curl / })
      .first();
    await expect.poll(() => sample.isVisible()).toBe(true);
    const box = (await sample.boundingBox())!;
    const request = (await section.locator(`[id="${route.path}/request"]`).boundingBox())!;
    if (viewport === PHONE) {
      // Stacked: the samples come first, right under the operation's title.
      expect(box.y, "the curl sample's top, against the request schema's").toBeLessThan(request.y);
    } else {
      // Side by side, as Redoc lays them out: the samples to the right of the schema.
      expect(box.x, "the curl sample's left edge, against the request schema's right").toBeGreaterThanOrEqual(
        request.x + request.width,
      );
    }
  });
});

describe("the reference's search in Chromium", () => {
  /** Pairs of words a line break separates in the bundled spec's operation descriptions (the YAML wraps them). */
  const pairs = read
    .flatMap((operation) => [...(operation.description ?? "").matchAll(/([A-Za-z]{2,})\n\s*([A-Za-z]{2,})/g)])
    .map((match) => [match[1]!, match[2]!] as const)
    .slice(0, 5);

  it("finds five such pairs to search for", () => {
    expect(pairs).toHaveLength(5);
  });

  it.each(pairs)("shows %s and %s with their space when searched for", async (first, second) => {
    await page.goto(server.url);
    await page
      .locator('[data-component-name="Search/SearchTrigger"], [data-component-name="icons/SearchIcon/SearchIcon"]')
      .first()
      .click();
    const input = page.getByRole("textbox").or(page.getByRole("searchbox")).filter({ visible: true }).first();
    await input.fill(`${first} ${second}`);
    const items = page.locator('[data-component-name="Search/SearchItem"]');
    await expect.poll(() => items.count()).toBeGreaterThan(0);
    const texts = await items.allTextContents();
    expect(
      texts.some((text) => text.includes(`${first} ${second}`)),
      texts.join("\n"),
    ).toBe(true);
    expect(texts.filter((text) => text.includes(`${first}${second}`))).toEqual([]);
    await page.keyboard.press("Escape");
  });
});

describe("the browser session", () => {
  it("logged no console error and made no request outside 127.0.0.1", () => {
    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
  });
});

/** What inspectCodeBlocks finds about one code block (a <pre>) on the page. */
interface CodeBlockReport {
  /** Its first characters, to name it. */
  start: string;
  /** How many copy buttons its code block has. */
  buttons: number;
  /** Its longest line, laid out on one line, would reach the copy button (or the box's right edge without one). */
  longLine: boolean;
  /** The words of code that overlap a copy button. */
  underButton: string[];
  /** The words of code outside the box of an element that hides its overflow. */
  clipped: string[];
  /** The elements from the <pre> up that hide their overflow and have some (scrollWidth > clientWidth). */
  hiding: string[];
  /** scrollWidth − clientWidth of the <pre>: more than 0 means a line is wider than the box. */
  overflow: number;
}

/** What is wrong with a code block, one line each: text under a copy button, text clipped or hidden overflow, a line wider than the box. */
function problems(block: CodeBlockReport): string[] {
  const name = `"${block.start}…"`;
  return [
    ...(block.underButton.length > 0 ? [`${name}: under the copy button: ${block.underButton.join(" ")}`] : []),
    ...(block.clipped.length > 0 ? [`${name}: clipped: ${block.clipped.join(" ")}`] : []),
    ...block.hiding.map((element) => `${name}: overflow hidden by ${element}`),
    ...(block.overflow > 1 ? [`${name}: ${block.overflow} px wider than its box`] : []),
  ];
}

/**
 * Runs in the page: every visible <pre> in the element with id `within`, the
 * copy buttons of its code block, and where each word of its code is drawn.
 */
function inspectCodeBlocks(within: string): CodeBlockReport[] {
  const overlaps = (a: DOMRect, b: DOMRect) =>
    a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const canvas = document.createElement("canvas").getContext("2d")!;
  const reports: CodeBlockReport[] = [];
  const root = document.getElementById(within);
  if (!root) {
    throw new Error(`No element with id ${within} on the page.`);
  }
  for (const pre of root.querySelectorAll<HTMLElement>("pre")) {
    if (pre.getClientRects().length === 0 || !pre.textContent?.trim()) {
      continue;
    }
    const style = getComputedStyle(pre);
    const box = pre.getBoundingClientRect();
    const block = pre.closest('[data-component-name="CodeBlock/CodeBlock"]');
    const buttons = [...(block?.querySelectorAll('[data-testid="copy-button"]') ?? [])].map((button) =>
      button.getBoundingClientRect(),
    );
    // Each run of non-blank characters, with the rectangles it is drawn in (one per line it spans).
    const words: { text: string; rects: DOMRect[] }[] = [];
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent!.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        words.push({ text: match[0], rects: [...range.getClientRects()] });
      }
    }
    // Every element from the <pre> up to `within` that hides what overflows it horizontally.
    const clippers: Element[] = [];
    for (
      let element: Element | null = pre;
      element && element !== root.parentElement;
      element = element.parentElement
    ) {
      if (/hidden|clip/.test(getComputedStyle(element).overflowX)) {
        clippers.push(element);
      }
    }
    const clipped = words.filter(({ rects }) =>
      clippers.some((clipper) => {
        const edge = clipper.getBoundingClientRect();
        return rects.some((rect) => rect.left < edge.left - 0.5 || rect.right > edge.right + 0.5);
      }),
    );
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const longest = Math.max(...pre.textContent.split("\n").map((line) => canvas.measureText(line).width));
    const textLeft = box.left + pre.clientLeft + Number.parseFloat(style.paddingLeft);
    const reach =
      buttons.length > 0
        ? Math.min(...buttons.map((button) => button.left))
        : box.left + pre.clientLeft + pre.clientWidth;
    reports.push({
      start: pre.textContent.trim().replace(/\s+/g, " ").slice(0, 40),
      buttons: buttons.length,
      longLine: textLeft + longest > reach,
      underButton: words
        .filter(({ rects }) => rects.some((rect) => buttons.some((button) => overlaps(rect, button))))
        .map(({ text }) => text),
      clipped: clipped.map(({ text }) => text),
      hiding: clippers
        .filter((clipper) => clipper.scrollWidth > clipper.clientWidth + 1)
        .map(
          (clipper) =>
            `${clipper.tagName.toLowerCase()} ${clipper.getAttribute("data-component-name") ?? ""} (${clipper.scrollWidth} > ${clipper.clientWidth})`,
        ),
      overflow: pre.scrollWidth - pre.clientWidth,
    });
  }
  return reports;
}
