// Builds the API reference as a static site (src/site.ts) into a folder: a page
// per route with its own title, description and content, Redoc's script and
// styles as shared files named by their hash, a 404 page, and the bundled spec
// beside them for download. The page shows the spec with code samples on every
// operation, a note on the host they target and a getting-started section
// (src/reference.ts). Run by scripts/build.ts (`pnpm run docs`).
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Node } from "@billing-api/openapi/reader";
import { referenceSpec } from "./reference.ts";
import { basePath, siteFiles } from "./site.ts";

const require = createRequire(import.meta.url);
const PACKAGE = new URL("../", import.meta.url);
const specYaml = require.resolve("@billing-api/openapi/openapi.yaml");
const specJson = require.resolve("@billing-api/openapi/openapi.json");
const redoclyPkg = require.resolve("@redocly/cli/package.json");
const { bin } = require(redoclyPkg) as { bin: { redocly: string } };
const redocly = join(dirname(redoclyPkg), bin.redocly);
// The module Redocly's page imports from its CDN; the site serves this copy instead.
const redocStandalone = join(dirname(redoclyPkg), "lib/chunks/redoc.standalone.js");

/** Writes `target` whole: a temporary file beside it, then a rename, so `pnpm docs:serve` never sends half a file. */
function replaceFile(target: string, write: (file: string) => void): void {
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.tmp-${process.pid}`;
  write(temporary);
  renameSync(temporary, target);
}

/** Removes what is under `dir` and not in `keep` (an earlier build's assets of another hash, a route gone). */
function removeStale(dir: string, keep: Set<string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      removeStale(path, keep);
      if (readdirSync(path).length === 0) {
        rmSync(path, { recursive: true });
      }
    } else if (!keep.has(path)) {
      rmSync(path, { force: true });
    }
  }
}

/**
 * Builds the site into `out` for a host that serves it under `base` (default
 * DOCS_BASE_PATH, else "/"); returns the paths written, relative to `out`.
 * Redocly's own output goes to the terminal; a failure throws with its reason.
 */
export function buildSite({ out, base = process.env.DOCS_BASE_PATH }: { out: string; base?: string }): string[] {
  const root = basePath(base);
  const work = mkdtempSync(join(tmpdir(), "billing-docs-"));
  try {
    // The page is built from a copy of the spec that carries the samples, the note
    // on their host and the getting-started text; the files offered for download
    // are the spec itself.
    const reference = referenceSpec(JSON.parse(readFileSync(specJson, "utf8")) as Node, { base: root });
    const referencePath = join(work, "reference.json");
    writeFileSync(referencePath, JSON.stringify(reference));
    const rendered = join(work, "rendered.html");
    const result = spawnSync(
      process.execPath,
      [
        redocly,
        "build-docs",
        referencePath,
        "--config",
        new URL("redocly.yaml", PACKAGE).pathname,
        "--template",
        new URL("content/template.hbs", PACKAGE).pathname,
        "--output",
        rendered,
      ],
      { stdio: "inherit", env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
    );
    if (result.status !== 0) {
      throw new Error(`redocly build-docs failed (exit ${result.status ?? result.signal}); its output is above.`);
    }
    const files = siteFiles({
      rendered: readFileSync(rendered, "utf8"),
      reference,
      redoc: readFileSync(redocStandalone, "utf8"),
      base: root,
    });
    files.set("openapi.yaml", readFileSync(specYaml, "utf8"));
    files.set("openapi.json", readFileSync(specJson, "utf8"));

    const written = new Set<string>();
    for (const [path, content] of files) {
      replaceFile(join(out, path), (file) => writeFileSync(file, content));
      written.add(join(out, path));
    }
    // Only once every page names the new assets do the old ones go.
    if (existsSync(out)) {
      removeStale(out, written);
    }
    return [...files.keys()];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
