// The client's size budget (the `size-budget` task of @billing-api/client) and
// benchmark 2 of `pnpm bench`: esbuild bundles, minifies and gzips three versions
// of the same small app making one call: with an operation function of
// @billing-api/client, with its `createBillingClient`, and with bare openapi-fetch.
// The call is the spec's first read by id (the reader's `firstReadById`), with
// its path parameters' examples.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { firstReadById, readSpec } from "@billing-api/openapi/reader";
import { ROOT } from "@billing-api/repository";
import { build } from "esbuild";
import { CLIENT_DIR, SPEC_JSON as REAL_SPEC } from "./subjects.ts";

/**
 * The apps are bundled from the client's own folder: there "@billing-api/client"
 * is the package itself (a self-reference through its "exports") and
 * "openapi-fetch" its dependency.
 */
/** The bundled spec the real client is generated from. */
/** Where module paths in the report are relative to: the repository. */

/** The target (issue 17) for an app making one call with an operation function, gzipped. */
export const TARGET_GZIP_BYTES = 3_000;
/**
 * What `pnpm check` enforces for that app: the size measured when the
 * operation functions landed (3,857 B), plus about 1%. Over the target:
 * tooling/bench/results/RESULTS.md says by how much and why. Lower it when the
 * client shrinks.
 */
export const BUDGET_GZIP_BYTES = 3_900;
/**
 * The budget of an app that calls through `createBillingClient` (both call
 * styles, so openapi-fetch and every operation): measured at 6,605 B when the
 * operation functions landed, plus about 1%.
 */
export const CLIENT_BUDGET_GZIP_BYTES = 6_650;

/** One app, bundled: its sizes and what each module puts in it. */
export interface AppSize {
  minified_bytes: number;
  gzip_bytes: number;
  modules: { module: string; minified_bytes: number }[];
}

/** What `measureBundleSizes` reports (also what `pnpm bench` writes to its results). */
export interface BundleSizes {
  /** An app making one call with an operation function on `createTransport`. */
  operation_gzip_bytes: number;
  /** The same call through `createBillingClient`. */
  client_gzip_bytes: number;
  /** The same call with bare openapi-fetch. */
  openapi_fetch_gzip_bytes: number;
  target_gzip_bytes: number;
  budget_gzip_bytes: number;
  client_budget_gzip_bytes: number;
  apps: { operation: AppSize; client: AppSize; "openapi-fetch": AppSize };
  /** The operation every app calls. */
  call: { operation: string; method: string; path: string };
  bundler: string;
}

/**
 * The three apps, each calling the first read by id of the spec in `specFile`
 * (JSON) with its path parameters' examples (`<name>_1` where one has none).
 */
function appsFor(specFile: string): { apps: Record<keyof BundleSizes["apps"], string>; call: BundleSizes["call"] } {
  const operation = firstReadById(readSpec(JSON.parse(readFileSync(specFile, "utf8"))));
  if (!operation) {
    throw new Error(
      `size budget: ${specFile} has no read by id (a GET whose path ends in a parameter) for the apps to call.`,
    );
  }
  const path = Object.fromEntries(
    operation.parameters
      .filter((p) => p.in === "path")
      .map((p) => [p.name, p.example === undefined ? `${p.name}_1` : String(p.example)]),
  );
  const call = `{ path: ${JSON.stringify(path)} }`;
  const { id } = operation;
  return {
    call: { operation: id, method: "GET", path: operation.path },
    apps: {
      operation: `import { createTransport, ${id} } from "@billing-api/client";
const transport = createTransport({ token: "sk_test" });
console.log(await ${id}(transport, ${call}));`,
      client: `import { createBillingClient } from "@billing-api/client";
const billing = createBillingClient({ token: "sk_test" });
console.log(await billing.${id}(${call}));`,
      "openapi-fetch": `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://api.billing.example.com/api/v1", headers: { Authorization: "Bearer sk_test" } });
const { data } = await client.GET(${JSON.stringify(operation.path)}, { params: { path: ${call}.path } });
console.log(data);`,
    },
  };
}

/** A bundle input as a reader knows it: a package path, a repository path, or the app. */
function moduleName(file: string): string {
  if (file.endsWith("app.js")) {
    return "the app itself";
  }
  return file.replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, "");
}

/** Bundles one app as a browser ESM build, minified; returns its sizes and what each module puts in it. */
async function measure(contents: string, resolveDir: string): Promise<AppSize> {
  const result = await build({
    stdin: { contents, resolveDir, loader: "js", sourcefile: "app.js" },
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const [file] = result.outputFiles;
  const [output] = Object.values(result.metafile.outputs);
  if (!file || !output) {
    throw new Error("esbuild wrote no bundle.");
  }
  const code = file.contents;
  const modules = Object.entries(output.inputs)
    .map(([file, { bytesInOutput }]) => ({ module: moduleName(file), minified_bytes: bytesInOutput }))
    .filter((entry) => entry.minified_bytes > 0);
  return { minified_bytes: code.length, gzip_bytes: gzipSync(code, { level: 9 }).length, modules };
}

/**
 * Measures the three apps. The client's dist must be built (`pnpm build`).
 * `clientDir` bundles another build of the client (one generated from a
 * synthesized spec, say): a folder whose package.json is the client's, with
 * `specFile` the bundled spec it was generated from.
 */
export async function measureBundleSizes({
  clientDir = CLIENT_DIR,
  specFile = REAL_SPEC,
}: {
  clientDir?: string;
  specFile?: string;
} = {}): Promise<BundleSizes> {
  const { apps, call } = appsFor(specFile);
  const operation = await measure(apps.operation, clientDir);
  const client = await measure(apps.client, clientDir);
  const bare = await measure(apps["openapi-fetch"], CLIENT_DIR);
  return {
    operation_gzip_bytes: operation.gzip_bytes,
    client_gzip_bytes: client.gzip_bytes,
    openapi_fetch_gzip_bytes: bare.gzip_bytes,
    target_gzip_bytes: TARGET_GZIP_BYTES,
    budget_gzip_bytes: BUDGET_GZIP_BYTES,
    client_budget_gzip_bytes: CLIENT_BUDGET_GZIP_BYTES,
    apps: { operation, client, "openapi-fetch": bare },
    call,
    bundler: "esbuild 0.28.2, --bundle --minify --format=esm --platform=browser --target=es2022; gzip level 9",
  };
}
