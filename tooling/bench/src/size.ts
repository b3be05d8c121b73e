// Benchmark 2: what the client puts in an app's bundle, measured by
// `measureBundleSizes` (@billing-api/guardrails/bundle-size: three apps making
// one call, the spec's first read by id, with an operation function, with
// createBillingClient, with bare openapi-fetch), on the real client and on clients generated from
// synthesized specs of 200 and 2,000 operations. The point: an app that
// imports one operation function stays the same size however many operations
// the spec has, while an app using createBillingClient carries all of them.
//
// A synthesized client is built as the real one is, in a temporary copy of
// packages/client laid out as the repository is (so its tsconfig files extend
// the same base), with node_modules a symlink to the real client's:
//   1. src/synthesize-spec.ts writes the spec and Redocly bundles it to JSON
//      (the apps call its own first read by id);
//   2. packages/client/scripts/generate.ts --write --spec=… --target=… writes
//      the copy's src/generated/operations.ts;
//   3. tsc -p tsconfig.build.json --noCheck builds its dist/esm (the half the
//      apps bundle): the package's own build config, without the type-check,
//      which would need @billing-api/types generated for the same spec. The
//      benchmark first builds the real spec this way and checks that the
//      output is byte for byte the real client's dist/esm.
// The temporary folder is removed afterwards.
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type BundleSizes, measureBundleSizes } from "@billing-api/guardrails/bundle-size";
import { ROOT } from "@billing-api/repository";
import { binPath, runNode } from "./node-tool.ts";
import { round } from "./stats.ts";
import { synthesizeSpec } from "./synthesize-spec.ts";

const require = createRequire(import.meta.url);
const CLIENT = dirname(fileURLToPath(import.meta.resolve("@billing-api/client/package.json")));
const REAL_SPEC = fileURLToPath(import.meta.resolve("@billing-api/openapi/openapi.json"));
const GENERATOR = join(CLIENT, "scripts/generate.ts");
const TSX = pathToFileURL(require.resolve("tsx")).href;
const TSC = require.resolve("typescript/bin/tsc");
const REDOCLY = binPath("@redocly/cli", "redocly");
/** What is copied of packages/client: its sources and build configs, not node_modules or dist. */
const CLIENT_FILES = ["src", "package.json", "tsconfig.json", "tsconfig.build.json", "tsconfig.cjs.json"];
/** The repository's configs the client's extend (`../../tsconfig.*.json`). */
const ROOT_CONFIGS = ["tsconfig.base.json", "tsconfig.node.json"];

/** One client generated from a synthesized spec, and its apps' sizes. */
export interface SynthesizedSizes {
  operations: number;
  /** The bundled spec (JSON). */
  spec_bytes: number;
  /** The generated src/generated/operations.ts. */
  generated_bytes: number;
  /** Generating and building the client copy, in ms (not a benchmark: for scale). */
  generate_ms: number;
  build_ms: number;
  sizes: BundleSizes;
}

export interface SizeBenchResult {
  /** The real client, as `pnpm build` made it. */
  real: BundleSizes & { operations: number };
  synthesized: SynthesizedSizes[];
  /** How the synthesized clients were built. */
  build: string;
}

/** A temporary copy of packages/client, laid out as in the repository: `<dir>/packages/client`. */
function copyClient(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const file of ROOT_CONFIGS) {
    copyFileSync(join(ROOT, file), join(dir, file));
  }
  const client = join(dir, "packages/client");
  mkdirSync(client, { recursive: true });
  for (const file of CLIENT_FILES) {
    cpSync(join(CLIENT, file), join(client, file), { recursive: true });
  }
  // @billing-api/types, openapi-fetch and typescript resolve as they do for the real client.
  symlinkSync(join(CLIENT, "node_modules"), join(client, "node_modules"), "dir");
  return client;
}

/**
 * Builds a copy of the client from the bundled spec `specFile` in `dir`:
 * generates its operations and compiles its dist/esm. Returns the copy's
 * folder (a package whose name and exports are the client's) and the times.
 */
export async function buildClientFrom(
  specFile: string,
  dir: string,
): Promise<{ clientDir: string; generate_ms: number; build_ms: number }> {
  const clientDir = copyClient(dir);
  const target = join(clientDir, "src/generated/operations.ts");
  let start = performance.now();
  await runNode(
    "client generator",
    ["--import", TSX, GENERATOR, "--write", `--spec=${specFile}`, `--target=${target}`],
    ROOT,
  );
  const generate_ms = round(performance.now() - start, 0);
  start = performance.now();
  await runNode("tsc (client copy)", [TSC, "-p", "tsconfig.build.json", "--noCheck"], clientDir);
  return { clientDir, generate_ms, build_ms: round(performance.now() - start, 0) };
}

/** Every file under `dir`, relative to it, sorted. */
function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? filesUnder(join(dir, entry.name), base) : [relative(base, join(dir, entry.name))],
    )
    .sort();
}

/** The files of `copy`'s dist/esm that differ from the real client's, or are missing on either side. */
export function distDifferences(copy: string): string[] {
  const real = join(CLIENT, "dist/esm");
  const built = join(copy, "dist/esm");
  const names = [...new Set([...filesUnder(real), ...filesUnder(built)])];
  return names.filter((name) => {
    try {
      return !readFileSync(join(real, name)).equals(readFileSync(join(built, name)));
    } catch {
      return true;
    }
  });
}

/** Module names as in the repository (`packages/client/dist/esm/…`), not the temporary copy's. */
function withRepositoryPaths(sizes: BundleSizes): BundleSizes {
  const rename = (app: BundleSizes["apps"]["operation"]) => ({
    ...app,
    modules: app.modules.map((entry) => ({
      ...entry,
      module: entry.module.replace(/^.*\/(packages\/client\/)/, "$1"),
    })),
  });
  return {
    ...sizes,
    apps: {
      operation: rename(sizes.apps.operation),
      client: rename(sizes.apps.client),
      "openapi-fetch": rename(sizes.apps["openapi-fetch"]),
    },
  };
}

const countOperations = (operationsFile: string) =>
  (readFileSync(operationsFile, "utf8").match(/= \/\* @__PURE__ \*\/ operation\(/g) ?? []).length;

/**
 * Benchmark 2 of `pnpm bench`. The real client must be built (`pnpm build`).
 *
 * @param options sizes of the synthesized specs, in operations; log gets one line per step.
 */
export async function benchSize({
  sizes = [200, 2000],
  log = console.log,
}: {
  sizes?: number[];
  log?: (line: string) => void;
} = {}): Promise<SizeBenchResult> {
  const real = await measureBundleSizes();
  const realOperations = countOperations(join(CLIENT, "src/generated/operations.ts"));
  log(
    `size: real client (${realOperations} operations): operation app ${real.operation_gzip_bytes} B, createBillingClient app ${real.client_gzip_bytes} B gzipped`,
  );
  const scratch = mkdtempSync(join(tmpdir(), "bench-size-"));
  try {
    // The build is checked first: from the real spec it must give the real client's dist/esm.
    const check = await buildClientFrom(REAL_SPEC, join(scratch, "real"));
    const differences = distDifferences(check.clientDir);
    if (differences.length > 0) {
      throw new Error(
        `size: a client copy built from the real spec differs from packages/client/dist/esm in ${differences.join(", ")}; run \`pnpm build\` first.`,
      );
    }
    const synthesized: SynthesizedSizes[] = [];
    for (const operations of [...sizes].sort((a, b) => a - b)) {
      const dir = join(scratch, String(operations));
      synthesizeSpec({ operations, dir: join(dir, "spec") });
      const specFile = join(dir, "spec/dist/openapi.json");
      await runNode(
        "redocly bundle",
        [REDOCLY, "bundle", "openapi.yaml", "--output", specFile, "--config", "redocly.yaml"],
        join(dir, "spec"),
      );
      const { clientDir, generate_ms, build_ms } = await buildClientFrom(specFile, dir);
      const operationsFile = join(clientDir, "src/generated/operations.ts");
      const generated = countOperations(operationsFile);
      if (generated !== operations) {
        throw new Error(`size: the client generated from ${operations} operations has ${generated}.`);
      }
      const sizes = withRepositoryPaths(await measureBundleSizes({ clientDir, specFile }));
      log(
        `size: ${operations} operations: operation app ${sizes.operation_gzip_bytes} B, createBillingClient app ${sizes.client_gzip_bytes} B gzipped`,
      );
      synthesized.push({
        operations,
        spec_bytes: statSync(specFile).size,
        generated_bytes: statSync(operationsFile).size,
        generate_ms,
        build_ms,
        sizes,
      });
    }
    return {
      real: { operations: realOperations, ...real },
      synthesized,
      build:
        "a copy of packages/client (src, package.json, tsconfig*.json; node_modules linked), operations generated by packages/client/scripts/generate.ts --spec --target, dist/esm compiled by tsc -p tsconfig.build.json --noCheck (checked byte for byte against the real build from the real spec)",
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
