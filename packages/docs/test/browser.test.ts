// The served reference in a real Chromium (Debian's, driven by playwright-core):
// every operation of the bundled spec is listed and its section opens, the code
// samples are there, no console error occurs, and no request leaves 127.0.0.1.
// A screenshot is saved to test-results/ as an artifact.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readSpec } from "@billing-api/openapi/reader";
import { curlSample, sampleRequests } from "../src/code-samples.ts";
import { serveDocs } from "../src/serve.ts";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@billing-api/openapi/openapi.json"), "utf8"));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = new URL("../test-results/", import.meta.url);

interface Operation {
  operationId: string;
  summary: string;
  tag: string;
  method: string;
  /** How its curl sample addresses it: `'<server><path with the example values>'`. */
  curlUrl: string;
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
  };
});

let server: Awaited<ReturnType<typeof serveDocs>>;
let browser: Browser;
let page: Page;
const outside: string[] = [];
const consoleErrors: string[] = [];

// A setup failure (no Chromium, most often) fails every test with its message, so it is counted, never skipped.
let setupError: unknown;
beforeEach(() => {
  if (setupError) throw setupError;
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
    args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // Requests to anything but the local server are recorded and refused.
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "data:" || url.hostname === "127.0.0.1") return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  await page.goto(server.url, { waitUntil: "networkidle" });
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
/** A heading whose text is exactly `text` (its accessible name also holds the anchor link's label). */
const heading = (text: string) => page.locator("h1, h2").filter({ hasText: new RegExp(`^${escaped(text)}$`) });

describe("the API reference in Chromium", () => {
  it("shows the title, the getting-started section and links to the spec files", async () => {
    await expect(page.getByRole("heading", { level: 1 }).first().textContent()).resolves.toContain(spec.info.title);
    for (const section of ["Getting started", "Install", "Authentication", "Idempotency keys and retries", "Errors", "The mock server"]) {
      expect(await heading(section).count(), section).toBe(1);
    }
    for (const file of ["openapi.yaml", "openapi.json"]) {
      const href = await page.getByRole("link", { name: file, exact: true }).first().getAttribute("href");
      const response = await page.request.get(new URL(href!, server.url).href);
      expect(response.status(), file).toBe(200);
    }
  });

  /** Opens an operation from the sidebar (expanding its tag first if needed); resolves when its heading shows. */
  async function open(operation: Operation) {
    // A sidebar entry reads as the summary followed by the method badge.
    const item = page.getByRole("link", { name: new RegExp(`^${escaped(operation.summary)}\\s*${operation.method}$`, "i") }).first();
    if (!(await item.isVisible())) await page.getByText(operation.tag, { exact: true }).first().click();
    await item.click();
    await expect.poll(() => page.url()).toContain(`/${operation.operationId.toLowerCase()}`);
    await expect.poll(() => heading(operation.summary).first().isVisible()).toBe(true);
  }

  const visiblePre = (text: string) => page.locator("pre", { hasText: text }).first().isVisible();

  it.each(operations)("lists $operationId, opens its section and shows its curl sample", async (operation) => {
    await open(operation);
    await expect.poll(() => visiblePre(operation.curlUrl)).toBe(true);
  });

  it.each(operations)("shows the TypeScript sample of $operationId", async (operation) => {
    await open(operation);
    const picker = page.getByText("curl", { exact: true }).filter({ visible: true });
    if ((await picker.count()) > 0) {
      await picker.first().click();
      await page.getByText("TypeScript", { exact: true }).filter({ visible: true }).first().click();
    }
    await expect.poll(() => visiblePre(`billing.${operation.operationId}(`)).toBe(true);
  });

  it("logged no console error and made no request outside 127.0.0.1", () => {
    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
  });
});
