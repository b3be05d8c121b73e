// The steps of a rebuild, each a process of its own: `redocly lint` (the house
// rules of openapi/redocly.yaml), `redocly bundle`, and the two generators.
// They are spawned, never run with spawnSync, so that the reference server and
// its live-reload stream keep answering while they work.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "@billing-api/repository";
import { GENERATORS } from "@billing-api/repository/generators";
import { run } from "./processes.ts";

const require = createRequire(import.meta.url);
const REDOCLY_PACKAGE = require.resolve("@redocly/cli/package.json");
const REDOCLY = join(dirname(REDOCLY_PACKAGE), (require(REDOCLY_PACKAGE) as { bin: { redocly: string } }).bin.redocly);
export const REDOCLY_VERSION = (require(REDOCLY_PACKAGE) as { version: string }).version;
/** The TypeScript loader the generators run under. */
const TSX = pathToFileURL(require.resolve("tsx")).href;
/** Redocly stops listing findings after `--max-problems`: more than any spec has, so every one is listed (as openapi/scripts/lint.ts does). */
const EVERY_PROBLEM = 2 ** 31 - 1;
const QUIET = { REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", REDOCLY_TELEMETRY: "off", NO_COLOR: "1", FORCE_COLOR: "0" };

/** A file as the loop prints it: relative to the folder `pnpm dev` was started in. */
export const shown = (file: string): string => {
  const path = relative(process.cwd(), file);
  return path.startsWith("..") ? file : path;
};

/** One lint finding. */
export interface Finding {
  file: string;
  line: number;
  col: number;
  severity: string;
  rule: string;
  message: string;
}

export const formatFinding = (finding: Finding): string =>
  `${shown(finding.file)}:${finding.line}:${finding.col}  ${finding.severity}  ${finding.rule}  ${finding.message}`;

export interface LintResult {
  ms: number;
  findings: Finding[];
  /** Set when lint itself could not run (not when it found problems). */
  failure?: string;
}

interface RedoclyProblem {
  ruleId: string;
  severity: string;
  message: string;
  location?: { source?: { ref?: string }; start?: { line?: number; col?: number } }[];
}

/** `redocly lint <specDir>/openapi.yaml --config <specDir>/redocly.yaml`: recommended-strict and the house rules. */
export async function lint(specDir: string): Promise<LintResult> {
  const result = await run(
    process.execPath,
    [REDOCLY, "lint", "openapi.yaml", "--config", "redocly.yaml", "--format=json", `--max-problems=${EVERY_PROBLEM}`],
    // Niced: the bundle beside it is what the reference waits for.
    { cwd: specDir, env: QUIET, nice: 10 },
  );
  try {
    const report = JSON.parse(result.stdout) as { problems: RedoclyProblem[] };
    const findings = report.problems.map((problem) => {
      const where = problem.location?.[0];
      return {
        file: resolve(specDir, where?.source?.ref ?? "openapi.yaml"),
        line: where?.start?.line ?? 1,
        col: where?.start?.col ?? 1,
        severity: problem.severity,
        rule: problem.ruleId,
        message: problem.message,
      };
    });
    return { ms: result.ms, findings };
  } catch {
    return { ms: result.ms, findings: [], failure: lastLines(`${result.stdout}${result.stderr}`) };
  }
}

export interface BundleResult {
  ms: number;
  /** The bundled spec, when the spec parsed and every $ref resolved. */
  text?: string;
  /** Why there is no bundle: the bundler's problems, one `file:line:col  message` each. */
  errors: string[];
}

/** `redocly bundle <specDir>/openapi.yaml` into a temporary file, as `ext`; the text of the bundle, or why it failed. */
export async function bundle(
  specDir: string,
  ext: "json" | "yaml",
  { nice = 0 }: { nice?: number } = {},
): Promise<BundleResult> {
  const work = mkdtempSync(join(tmpdir(), "billing-dev-bundle-"));
  try {
    const output = join(work, `openapi.${ext}`);
    const result = await run(process.execPath, [REDOCLY, "bundle", "openapi.yaml", "--output", output], {
      cwd: specDir,
      env: QUIET,
      nice,
    });
    if (result.code === 0) {
      try {
        return { ms: result.ms, text: readFileSync(output, "utf8"), errors: [] };
      } catch {
        // No file despite exit 0: reported below.
      }
    }
    return { ms: result.ms, errors: bundlerProblems(specDir, `${result.stdout}\n${result.stderr}`) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The problems in `redocly bundle`'s report: each starts with `[n] file:line:col`, and its
 * message is the first line of text after it. Falls back to the report's last lines.
 */
export function bundlerProblems(specDir: string, report: string): string[] {
  const lines = report.split("\n");
  const problems: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const head = /^\[\d+\] (\S+?):(\d+):(\d+)/.exec(lines[index]!);
    if (!head) {
      continue;
    }
    const message = lines.slice(index + 1).find((line) => line.trim() !== "") ?? "";
    problems.push(`${shown(resolve(specDir, head[1]!))}:${head[2]}:${head[3]}  ${message.trim()}`);
  }
  return problems.length > 0 ? problems : [lastLines(report)];
}

function lastLines(text: string, count = 6): string {
  const lines = text
    .replace(/^.*[╔║╚].*\n?/gm, "")
    .trim()
    .split("\n");
  return lines.slice(-count).join("\n");
}

/** Writes `text` to `file` whole: a temporary file beside it, then a rename. */
export function replaceFile(file: string, text: string): void {
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

export const hash = (text: string): string => createHash("sha256").update(text).digest("hex");

/** What each generator reads of the bundle: a change elsewhere leaves its output as it is. */
export const GENERATOR_INPUTS = {
  // openapi-typescript writes every schema, parameter and response, with descriptions as JSDoc: all of it.
  types: (spec: SpecShape) => JSON.stringify(spec),
  // The client's operations.ts: each operation's id, method, path and summary, and the first server.
  client: (spec: SpecShape) =>
    JSON.stringify([
      spec.servers?.[0]?.url,
      Object.entries(spec.paths ?? {}).map(([path, item]) =>
        Object.entries(item ?? {}).map(([method, operation]) => [
          path,
          method,
          operation?.operationId,
          operation?.summary,
        ]),
      ),
    ]),
};
export type Generator = keyof typeof GENERATOR_INPUTS;

/** The parts of a bundled spec that GENERATOR_INPUTS reads. */
export interface SpecShape {
  servers?: { url?: string }[];
  paths?: Record<string, Record<string, { operationId?: string; summary?: string } | undefined> | undefined>;
}

export interface GenerateResult {
  ok: boolean;
  ms: number;
  /** The file written (or that would have been). */
  file: string;
  /** Whether it changed. */
  changed: boolean;
  output: string;
}

/**
 * Runs one generator with `--write` on `specJson`. Into the repository's own file when
 * `intoRepository`; otherwise into `<outDir>/<name>` (a spec elsewhere must not rewrite the repository's).
 */
export async function generate(
  generator: Generator,
  specJson: string,
  { intoRepository, outDir }: { intoRepository: boolean; outDir: string },
) {
  const registered = GENERATORS.find(({ name }) => name === generator);
  if (!registered) {
    throw new Error(`No generator named ${generator} in @billing-api/repository/generators.`);
  }
  const { script, writes: repositoryFile } = registered;
  const file = intoRepository ? join(ROOT, repositoryFile) : join(outDir, basename(repositoryFile));
  const args = [
    "--import",
    TSX,
    join(ROOT, script),
    "--write",
    `--spec=${specJson}`,
    ...(intoRepository ? [] : [`--target=${file}`]),
  ];
  const result = await run(process.execPath, args, { cwd: ROOT, nice: 10 });
  const output = `${result.stdout}${result.stderr}`.trim();
  return {
    ok: result.code === 0,
    ms: result.ms,
    file,
    changed: /\b(regenerated|created)\.\s*$/m.test(result.stdout),
    output,
  } satisfies GenerateResult;
}

/** The spec reader (`@billing-api/openapi/reader`) the docs' code samples and the client generator import, built if missing. */
export async function ensureReader(): Promise<void> {
  try {
    require.resolve("@billing-api/openapi/reader");
    return;
  } catch {
    // Not built yet (a fresh clone before `pnpm build`).
  }
  const openapiDir = join(ROOT, "openapi");
  const result = await run(process.execPath, ["--import", TSX, join(openapiDir, "scripts/build-reader.ts")], {
    cwd: openapiDir,
  });
  if (result.code !== 0) {
    throw new Error(
      `Could not build the spec reader (openapi/scripts/build-reader.ts):\n${result.stdout}${result.stderr}`,
    );
  }
}

/**
 * The mock's JavaScript (`@billing-api/mock` runs from its dist/), compiled when it is missing or
 * older than a file of its src/ (a fresh clone before `pnpm build`, or an edit of the mock since).
 * Only the code: the loop serves its own bundle, never the copy of the spec the package's build adds.
 */
export async function ensureMock(): Promise<void> {
  const mockDir = dirname(require.resolve("@billing-api/mock/package.json"));
  const main = join(mockDir, "dist/main.js");
  const built = existsSync(main) ? statSync(main).mtimeMs : Number.NEGATIVE_INFINITY;
  if (readdirSync(join(mockDir, "src")).every((file) => statSync(join(mockDir, "src", file)).mtimeMs <= built)) {
    return;
  }
  const result = await run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
    cwd: mockDir,
  });
  if (result.code !== 0) {
    throw new Error(
      `Could not compile the mock (tsc -p packages/mock/tsconfig.build.json):\n${result.stdout}${result.stderr}`,
    );
  }
}

/** Redoc's standalone script, the copy `redocly build-docs` inlines into the published page. */
export const REDOC_STANDALONE = join(dirname(REDOCLY_PACKAGE), "lib/chunks/redoc.standalone.js");
