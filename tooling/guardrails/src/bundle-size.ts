// The client's size budget (the `size-budget` task of @billing-api/client) and
// benchmark 2 of `pnpm bench`: esbuild bundles, minifies and gzips two versions
// of the same small app making one call, one with @billing-api/client and one
// with bare openapi-fetch.
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/**
 * The apps are bundled from the client's own folder: there "@billing-api/client"
 * is the package itself (a self-reference through its "exports") and
 * "openapi-fetch" its dependency, so this module needs neither as a dependency.
 */
const CLIENT_DIR = fileURLToPath(new URL("../../../packages/client/", import.meta.url));
/** Where module paths in the report are relative to: the repository. */
const ROOT_DIR = fileURLToPath(new URL("../../../", import.meta.url));

/** The target for the whole app with the client, gzipped. */
export const TARGET_GZIP_BYTES = 4_000;
/**
 * What `pnpm check` enforces: the size measured when the benchmark landed,
 * plus about 2%. The target above is not met (tooling/bench/results/RESULTS.md says by how
 * much and why); this budget keeps the client from growing unnoticed.
 * Lower it when the client shrinks. Raised from 5,200 to 5,700 B when the
 * client learned (issue 14) to make errors of its ESM and CommonJS copies
 * `instanceof` each other's classes, to name the request and the cause's code
 * in connection errors, and to refuse a baseUrl holding credentials: 5,596 B.
 */
export const BUDGET_GZIP_BYTES = 5_700;

/** One app, bundled: its sizes and what each module puts in it. */
export interface AppSize {
  minified_bytes: number;
  gzip_bytes: number;
  modules: { module: string; minified_bytes: number }[];
}

/** What `measureBundleSizes` reports (also what `pnpm bench` writes to its results). */
export interface BundleSizes {
  client_gzip_bytes: number;
  openapi_fetch_gzip_bytes: number;
  client_layer_gzip_bytes: number;
  operation_methods_only_gzip_bytes: number;
  target_gzip_bytes: number;
  budget_gzip_bytes: number;
  apps: { client: AppSize; "openapi-fetch": AppSize };
  bundler: string;
}

const APPS = {
  client: `import { createBillingClient } from "@billing-api/client";
const billing = createBillingClient({ token: "sk_test" });
console.log(await billing.getCheckout({ path: { company_id: "cmp_4Nq7XbT2kLw9RcV3", id: "pro_9Tx4KbW7mLq2" } }));`,
  "openapi-fetch": `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://api.billing.example.com/api/v1", headers: { Authorization: "Bearer sk_test" } });
const { data } = await client.GET("/companies/{company_id}/checkout/{id}", { params: { path: { company_id: "cmp_4Nq7XbT2kLw9RcV3", id: "pro_9Tx4KbW7mLq2" } } });
console.log(data);`,
};

// Not a product: the least a client with operation methods can be on
// openapi-fetch (a method per operation, nothing else), to show how much of
// the size is openapi-fetch and how much each of the client's features.
const floorApp = (OPERATIONS: unknown): string => `import createClient from "openapi-fetch";
const OPERATIONS = ${JSON.stringify(OPERATIONS)};
function createBillingClient({ token, baseUrl = "https://api.billing.example.com/api/v1" }) {
  const client = createClient({ baseUrl, headers: { Authorization: "Bearer " + token } });
  for (const [id, { method, path }] of Object.entries(OPERATIONS)) {
    client[id] = async (input = {}) => {
      const { data, error, response } = await client.request(method, path, { params: { path: input.path }, body: input.body });
      if (error) throw new Error(String(response.status));
      return data;
    };
  }
  return client;
}
const billing = createBillingClient({ token: "sk_test" });
console.log(await billing.getCheckout({ path: { company_id: "cmp_4Nq7XbT2kLw9RcV3", id: "pro_9Tx4KbW7mLq2" } }));`;

const resolveDir = CLIENT_DIR;

/** A bundle input as a reader knows it: a package path, a repository path, or the app. */
function moduleName(file: string): string {
  if (file.endsWith("app.js")) return "the app itself";
  return file.replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, "");
}

/** Bundles one app as a browser ESM build, minified; returns its sizes and what each module puts in it. */
async function measure(contents: string): Promise<AppSize> {
  const result = await build({
    stdin: { contents, resolveDir, loader: "js", sourcefile: "app.js" },
    absWorkingDir: ROOT_DIR,
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
  if (!file || !output) throw new Error("esbuild wrote no bundle.");
  const code = file.contents;
  const modules = Object.entries(output.inputs)
    .map(([file, { bytesInOutput }]) => ({ module: moduleName(file), minified_bytes: bytesInOutput }))
    .filter((entry) => entry.minified_bytes > 0);
  return { minified_bytes: code.length, gzip_bytes: gzipSync(code, { level: 9 }).length, modules };
}

/** Measures both apps. The client's dist must be built (`pnpm build`). */
export async function measureBundleSizes(): Promise<BundleSizes> {
  const client = await measure(APPS.client);
  const bare = await measure(APPS["openapi-fetch"]);
  const { OPERATIONS } = (await import(pathToFileURL(`${CLIENT_DIR}dist/esm/index.js`).href)) as { OPERATIONS: unknown };
  const floor = await measure(floorApp(OPERATIONS));
  return {
    client_gzip_bytes: client.gzip_bytes,
    openapi_fetch_gzip_bytes: bare.gzip_bytes,
    client_layer_gzip_bytes: client.gzip_bytes - bare.gzip_bytes,
    target_gzip_bytes: TARGET_GZIP_BYTES,
    budget_gzip_bytes: BUDGET_GZIP_BYTES,
    operation_methods_only_gzip_bytes: floor.gzip_bytes,
    apps: { client, "openapi-fetch": bare },
    bundler: "esbuild 0.28.2, --bundle --minify --format=esm --platform=browser --target=es2022; gzip level 9",
  };
}
