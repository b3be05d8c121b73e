// Builds the API reference into dist/: a self-contained index.html (Redoc's
// script inlined, nothing loaded from elsewhere), with code samples on every
// operation, a note on the host they target, a getting-started section, a
// favicon and a few styles of its own, and the bundled spec beside it for
// download.
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Node } from "@billing-api/openapi/reader";
import { pageHead, withHead, withInlineBadge } from "../src/page.ts";
import { referenceSpec } from "../src/reference.ts";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "..", "dist");
const specYaml = require.resolve("@billing-api/openapi/openapi.yaml");
const specJson = require.resolve("@billing-api/openapi/openapi.json");
const redoclyPkg = require.resolve("@redocly/cli/package.json");
const { bin } = require(redoclyPkg) as { bin: { redocly: string } };
const redocly = join(dirname(redoclyPkg), bin.redocly);

// The page is built from a copy of the spec that carries the samples, the note
// on their host and the getting-started text; the files offered for download
// are the spec itself.
const spec: Node = JSON.parse(readFileSync(specJson, "utf8"));
const reference = referenceSpec(spec);
const work = mkdtempSync(join(tmpdir(), "billing-docs-"));
const referencePath = join(work, "reference.json");
writeFileSync(referencePath, JSON.stringify(reference));

mkdirSync(dist, { recursive: true });
const output = join(dist, "index.html");
// Redocly writes into the work folder; the finished files replace dist/'s by
// rename, so that `pnpm docs:serve` never sends a page half old, half new.
const built = join(work, "index.html");
const result = spawnSync(
  process.execPath,
  [
    redocly,
    "build-docs",
    referencePath,
    "--config",
    join(here, "..", "redocly.yaml"),
    "--output",
    built,
    "--inlineBundle",
    "--title",
    "Billing API reference",
  ],
  { stdio: "inherit", env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
);
if (result.status !== 0) {
  rmSync(work, { recursive: true, force: true });
  process.exit(result.status ?? 1);
}

// The favicon and content/reference.css (code that wraps clear of the copy
// buttons) go at the end of the <head> (src/page.ts).
let page: string;
try {
  page = withHead(readFileSync(built, "utf8"), pageHead());
} catch (error) {
  console.error(`✖ ${(error as Error).message}`);
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
}
// Redoc's attribution badge loads its logo from Redocly's CDN, the one thing on
// the page that leaves the site: it gets the same word drawn inline instead.
const html = withInlineBadge(page);
// A new Redoc that loads its logo some other way fails here; anything else the
// page would fetch from outside fails the browser test (test/browser.test.ts).
if (html.includes("https://cdn.redoc.ly/")) {
  console.error("✖ The reference still loads Redoc's logo from cdn.redoc.ly; it must be self-contained.");
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
}
/** Writes `target` in dist/ whole: a temporary file beside it, then a rename. */
function replaceFile(target: string, write: (file: string) => void): void {
  const temporary = `${target}.tmp-${process.pid}`;
  write(temporary);
  renameSync(temporary, target);
}
replaceFile(output, (file) => writeFileSync(file, html));
replaceFile(join(dist, "openapi.yaml"), (file) => copyFileSync(specYaml, file));
replaceFile(join(dist, "openapi.json"), (file) => copyFileSync(specJson, file));
rmSync(work, { recursive: true, force: true });
console.log(`API reference: ${output} (${Math.round(statSync(output).size / 1024)} kB)`);
