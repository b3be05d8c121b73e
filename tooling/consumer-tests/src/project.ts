// A fresh consumer project, as a user starts one: every published package of
// the workspace packed with `pnpm pack` (as a release packs it), then
// installed with plain npm into an empty folder outside the workspace, so that
// nothing resolves through a workspace link.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { publishedPackages as publishedPackageDirs } from "@billing-api/repository";

export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
/** The @types/node the TypeScript consumers install: the version the workspace has installed. */
const TYPES_NODE = (createRequire(import.meta.url)("@types/node/package.json") as { version: string }).version;

export interface PublishedPackage {
  name: string;
  version: string;
  dir: string;
}

/** What a release publishes (the guardrails' list of the workspace's non-private packages), with names and versions. */
export function publishedPackages(): PublishedPackage[] {
  return publishedPackageDirs().map((dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; version: string };
    return { name: manifest.name, version: manifest.version, dir };
  });
}

/** Runs a command; resolves with its output, rejects with the command, its exit and the end of its output. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) {
        resolve(output);
      } else {
        reject(
          new Error(
            `\`${command} ${args.join(" ")}\` in ${options.cwd} ended with ${code ?? signal}:\n${output.slice(-2_000)}`,
          ),
        );
      }
    });
  });
}

export interface ConsumerProject {
  dir: string;
  packages: PublishedPackage[];
  remove(): void;
}

/** Packs the published packages and installs the tarballs (and @types/node) with npm into a new temporary project. */
export async function createConsumerProject(): Promise<ConsumerProject> {
  const dir = mkdtempSync(join(tmpdir(), "billing-api-consumer-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const tarballs = join(dir, ".tarballs");
    mkdirSync(tarballs);
    const packages = publishedPackages();
    await Promise.all(packages.map((pkg) => run("pnpm", ["pack", "--pack-destination", tarballs], { cwd: pkg.dir })));

    const app = join(dir, "app");
    cpSync(FIXTURES, app, { recursive: true });
    writeFileSync(
      join(app, "package.json"),
      `${JSON.stringify({ name: "billing-api-consumer", private: true, type: "module" }, null, 2)}\n`,
    );
    const files = readdirSync(tarballs).map((file) => join(tarballs, file));
    await run(
      "npm",
      ["install", "--no-audit", "--no-fund", "--no-update-notifier", ...files, `@types/node@${TYPES_NODE}`],
      { cwd: app, env: userEnv() },
    );
    return { dir: app, packages, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/**
 * The environment of a user's shell: this one without what pnpm, Vitest or
 * turbo added (npm_* settings, NODE_OPTIONS, …). libfaketime's variables stay,
 * so that a suite run under faketime runs its consumers under it too, with
 * `NO_FAKE_STAT` (`underFaketime`).
 */
export function userEnv(extra: Record<string, string> = {}, from: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(from)) {
    if (!/^(npm_|PNPM_|pnpm_|TURBO_|VITEST|NODE_OPTIONS$|NODE_PATH$|NODE_ENV$|TEST$|FORCE_COLOR$)/i.test(name)) {
      env[name] = value;
    }
  }
  return { ...env, ...underFaketime(env), NO_COLOR: "1", ...extra };
}

/**
 * Under libfaketime (0.9.10, Debian 12's), a runtime that exits while its own
 * threads still stat() files can crash in libfaketime's exit handler, which
 * closes the semaphore those stat() calls then wait on (Deno writing its
 * caches as it exits: SIGSEGV in lock_for_stat → sem_wait, from a core dump).
 * NO_FAKE_STAT makes libfaketime leave file times as they are and skip that
 * lock; the clocks are a year ahead as before. Nothing without libfaketime.
 */
export function underFaketime(env: NodeJS.ProcessEnv): Record<string, string> {
  return env.LD_PRELOAD?.includes("libfaketime") ? { NO_FAKE_STAT: "1" } : {};
}
