// How the pipeline grows with the spec. For each size a synthetic
// spec (src/synthesize-spec.ts) goes through every stage the repo runs on the
// real one: lint, bundle, types, docs, and a type-check of a small
// openapi-fetch client against the generated types with TypeScript 5.9 and 7.
// Each stage is timed by wall clock, child process start-up included, as a
// developer would wait for it.
import { mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { firstRequestExample, type Node, type Operation, readSpec } from "@billing-api/openapi/reader";
import openapiTS, { astToString } from "openapi-typescript";
import { table } from "./markdown.ts";
import { binPath, outputTail, runNode } from "./node-tool.ts";
import { median, round } from "./stats.ts";
import { synthesizeSpec } from "./synthesize-spec.ts";

// Inside the package, so that client.ts finds openapi-fetch through node_modules.
const SCRATCH_ROOT = fileURLToPath(new URL("../.scale-tmp/", import.meta.url));
const SUPERLINEAR_EXPONENT = 1.15;
const STAGES = ["lint", "bundle", "types", "docs", "typecheck_ts5", "typecheck_ts7"] as const;
type Stage = (typeof STAGES)[number];

export interface SizeResult {
  operations: number;
  schemas: number;
  spec_bytes: number;
  html_bytes: number;
  types_bytes: number;
  /** Each stage's time in ms, the median of its repeats. */
  stages: Record<Stage, number>;
}

export interface ScaleResult {
  sizes: SizeResult[];
  growth: Record<Stage, { per_operation_ms: number[]; exponent: number | null; superlinear: boolean }>;
}

const REDOCLY = binPath("@redocly/cli", "redocly");
const TSC_5 = binPath("typescript", "tsc");
const TSC_7 = binPath("typescript7", "tsc");

function stageError(stage: Stage, operations: number, output: unknown): Error {
  return new Error(`scale benchmark: stage "${stage}" failed at ${operations} operations:\n${outputTail(output)}`);
}

/** Runs a CLI's JS entry with this Node (node-tool.ts's `runNode`), naming the stage and the spec size if it fails. */
function runTool(stage: Stage, operations: number, args: string[], cwd: string): Promise<string> {
  return runNode(`scale benchmark: stage "${stage}" at ${operations} operations`, args, cwd);
}

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2022", "DOM"],
    module: "ESNext",
    moduleResolution: "Bundler",
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    // Only what the client needs, not every @types package above the folder.
    types: [],
  },
  files: ["client.ts"],
};

/**
 * A client making three typed calls (get by id, create, list) on one
 * resource of the bundled spec, with request values taken from its examples.
 */
function clientSource(spec: Node): string {
  const operations = readSpec(spec).inSpecOrder;
  const find = (path: string, method: Operation["method"]) =>
    operations.find((operation) => operation.path === path && operation.method === method);
  const paths = [...new Set(operations.map((operation) => operation.path))];
  const collections = paths.filter((path) => find(path, "get") && find(path, "post") && find(`${path}/{id}`, "get"));
  const collection = collections.at(-1);
  if (!collection) {
    throw new Error("no path with list, create and get-by-id operations");
  }
  const item = `${collection}/{id}`;
  const id = find(item, "get")!.parameters.find(
    (parameter) => parameter.in === "path" && parameter.name === "id",
  )?.example;
  const createExample = firstRequestExample(find(collection, "post")!);
  const companyId = "cmp_4Nq7XbT2kLw9RcV3";
  return `import createClient from "openapi-fetch";
import type { paths } from "./schema";

const client = createClient<paths>({
  baseUrl: "https://api.billing.invalid/api/v1",
  headers: { Authorization: "Bearer sk_test_not_a_secret" },
});
const company_id = ${JSON.stringify(companyId)};

type IsAny<T> = 0 extends 1 & T ? true : false;

export async function getCreateAndList() {
  const found = await client.GET(${JSON.stringify(item)}, {
    params: { path: { company_id, id: ${JSON.stringify(id)} } },
  });
  const created = await client.POST(${JSON.stringify(collection)}, {
    params: { path: { company_id } },
    body: ${JSON.stringify(createExample, null, 2).replaceAll("\n", "\n    ")},
  });
  const page = await client.GET(${JSON.stringify(collection)}, {
    params: { path: { company_id }, query: { limit: 20 } },
  });
  // Fails to compile if the answers lost their types and became any.
  const typed: [IsAny<typeof found.data>, IsAny<typeof created.data>, IsAny<typeof page.data>] = [false, false, false];
  const name: string | undefined = found.data?.name;
  const createdId: string | undefined = created.data?.id;
  const listed: number | undefined = page.data?.data.length;
  return { typed, name, createdId, listed };
}
`;
}

async function timeStage(repeats: number, task: () => Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let run = 0; run < repeats; run++) {
    const start = performance.now();
    await task();
    runs.push(performance.now() - start);
  }
  return round(median(runs), 1);
}

async function measureSize(operations: number, repeats: number, log: (line: string) => void): Promise<SizeResult> {
  mkdirSync(SCRATCH_ROOT, { recursive: true });
  const dir = mkdtempSync(join(SCRATCH_ROOT, `${operations}-`));
  try {
    const spec = synthesizeSpec({ operations, dir });
    const bundled = join(dir, "dist", "openapi.json");
    const html = join(dir, "docs", "index.html");
    const schemaFile = join(dir, "schema.ts");
    const redocly =
      (stage: Stage, ...args: string[]) =>
      () =>
        runTool(stage, operations, [REDOCLY, ...args, "--config", "redocly.yaml"], dir);
    const tasks: Record<Stage, () => Promise<unknown>> = {
      lint: redocly("lint", "lint", "openapi.yaml"),
      bundle: redocly("bundle", "bundle", "openapi.yaml", "--output", bundled),
      types: async () => {
        try {
          const ast = await openapiTS(pathToFileURL(bundled), {
            rootTypes: true,
            rootTypesNoSchemaPrefix: true,
            defaultNonNullable: false,
            silent: true,
          });
          writeFileSync(schemaFile, astToString(ast));
        } catch (error) {
          throw stageError("types", operations, (error as Error | undefined)?.stack ?? error);
        }
      },
      docs: redocly("docs", "build-docs", bundled, "--output", html, "--inlineBundle"),
      typecheck_ts5: () => runTool("typecheck_ts5", operations, [TSC_5, "-p", "tsconfig.json"], dir),
      typecheck_ts7: () => runTool("typecheck_ts7", operations, [TSC_7, "-p", "tsconfig.json"], dir),
    };

    const stages = {} as Record<Stage, number>;
    for (const stage of STAGES) {
      if (stage === "typecheck_ts5") {
        writeFileSync(join(dir, "tsconfig.json"), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
        writeFileSync(join(dir, "client.ts"), clientSource(JSON.parse(readFileSync(bundled, "utf8"))));
      }
      stages[stage] = await timeStage(repeats, tasks[stage]);
      log(`scale: ${operations} operations, ${stage} ${stages[stage]} ms (median of ${repeats})`);
    }
    return {
      operations,
      schemas: spec.schemas,
      spec_bytes: spec.bytes,
      html_bytes: statSync(html).size,
      types_bytes: statSync(schemaFile).size,
      stages,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Time ∝ n^exponent: the log-log slope between two sizes. */
function slope(smaller: SizeResult, larger: SizeResult, stage: Stage): number {
  return Math.log(larger.stages[stage] / smaller.stages[stage]) / Math.log(larger.operations / smaller.operations);
}

function growth(sizes: SizeResult[]): ScaleResult["growth"] {
  return Object.fromEntries(
    STAGES.map((stage) => {
      const per_operation_ms = sizes.map((size) => round(size.stages[stage] / size.operations, 3));
      if (sizes.length < 2) {
        return [stage, { per_operation_ms, exponent: null, superlinear: false }];
      }
      // The smallest size is dominated by start-up cost, so the top pair counts too.
      const [smallest, nextToLargest, largest] = [sizes[0]!, sizes.at(-2)!, sizes.at(-1)!];
      const exponent = round(Math.max(slope(smallest, largest, stage), slope(nextToLargest, largest, stage)), 2);
      return [stage, { per_operation_ms, exponent, superlinear: exponent > SUPERLINEAR_EXPONENT }];
    }),
  ) as ScaleResult["growth"];
}

/**
 * Runs the whole pipeline on synthetic specs of each size and reports each
 * stage's wall time and how it grows with the number of operations.
 *
 * @param options sizes in operations; repeats per stage (default 3 below 2000 operations, 1 from 2000);
 *   log receives one progress line per stage.
 * @returns stage times in ms, each the median of its repeats.
 */
export async function benchScale({
  sizes = [50, 500, 2000],
  repeats,
  log = console.log,
}: {
  sizes?: number[];
  repeats?: number;
  log?: (line: string) => void;
} = {}): Promise<ScaleResult> {
  const start = performance.now();
  const results: SizeResult[] = [];
  try {
    for (const operations of [...sizes].sort((a, b) => a - b)) {
      results.push(await measureSize(operations, repeats ?? (operations >= 2000 ? 1 : 3), log));
    }
  } finally {
    try {
      rmdirSync(SCRATCH_ROOT);
    } catch {
      // Not empty or already gone: someone else's files, leave them.
    }
  }
  log(`scale: done in ${round((performance.now() - start) / 1000, 1)} s`);
  return { sizes: results, growth: growth(results) };
}

const formatMs = (ms: number) => ms.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * The result of benchScale as Markdown: a table of stage times per size with
 * their growth, and a line comparing the two TypeScript type-checks.
 */
export function renderScaleMarkdown(result: ScaleResult): string {
  const { sizes, growth: stageGrowth } = result;
  const largest = sizes.at(-1)!;
  const header = [
    "Stage",
    ...sizes.map((size) => `${size.operations} ops (ms)`),
    `ms/op at ${largest.operations}`,
    "Exponent",
    "",
  ];
  const rows = STAGES.map((stage) => {
    const { per_operation_ms, exponent, superlinear } = stageGrowth[stage];
    return [
      `\`${stage}\``,
      ...sizes.map((size) => formatMs(size.stages[stage])),
      per_operation_ms.at(-1)!.toFixed(3),
      exponent === null ? "–" : exponent.toFixed(2),
      superlinear ? "⚠ superlinear" : "",
    ];
  });
  const align = header.map((_, index): "left" | "right" =>
    index === 0 || index === header.length - 1 ? "left" : "right",
  );
  const comparison = sizes
    .map(({ operations, stages }) => {
      const ratio = stages.typecheck_ts5 / stages.typecheck_ts7;
      return `${operations} ops ${formatMs(stages.typecheck_ts5)} vs ${formatMs(stages.typecheck_ts7)} ms (${ratio.toFixed(1)}×)`;
    })
    .join("; ");
  return `${table(header, rows, align)}\n\nType-check, TypeScript 5.9 vs 7: ${comparison}.\n`;
}
