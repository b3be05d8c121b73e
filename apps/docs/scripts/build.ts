// `pnpm run docs`: builds the API reference into dist/ (src/build.ts).
// DOCS_BASE_PATH (default /) is the path the host serves the site under, such
// as /billing-api/ for a GitHub Pages project site.
import { statSync } from "node:fs";
import { join } from "node:path";
import { buildSite } from "../src/build.ts";
import { DIST } from "../src/serve.ts";

let files: string[];
try {
  files = buildSite({ out: DIST });
} catch (error) {
  console.error(`✖ ${(error as Error).message}`);
  process.exit(1);
}
const kB = (path: string) => `${Math.round(statSync(join(DIST, path)).size / 1024)} kB`;
const pages = files.filter((path) => path.endsWith(".html"));
const assets = files.filter((path) => path.startsWith("assets/"));
console.log(
  `API reference: ${DIST} (${pages.length} pages, index.html ${kB("index.html")}; shared: ${assets.map((path) => `${path} ${kB(path)}`).join(", ")})`,
);
