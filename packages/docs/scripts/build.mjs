// Builds the API reference into dist/: a self-contained index.html (Redoc's
// script inlined, nothing loaded from a CDN) and the bundled spec beside it.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "..", "dist");
const specYaml = require.resolve("@billing-api/openapi/openapi.yaml");
const specJson = require.resolve("@billing-api/openapi/openapi.json");
const redoclyPkg = require.resolve("@redocly/cli/package.json");
const redocly = join(dirname(redoclyPkg), require(redoclyPkg).bin.redocly ?? require(redoclyPkg).bin.openapi);

mkdirSync(dist, { recursive: true });
const output = join(dist, "index.html");
const result = spawnSync(
  process.execPath,
  [redocly, "build-docs", specYaml, "--output", output, "--inlineBundle", "--title", "Billing API reference"],
  { stdio: "inherit", env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
);
if (result.status !== 0) process.exit(result.status ?? 1);

copyFileSync(specYaml, join(dist, "openapi.yaml"));
copyFileSync(specJson, join(dist, "openapi.json"));
console.log(`API reference: ${output} (${Math.round(statSync(output).size / 1024)} kB)`);
