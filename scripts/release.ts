// `pnpm release`, after `changeset version` has bumped the packages: puts the
// new version into the spec's info.version, regenerates, records the bundled
// spec as the released contract (openapi/released/openapi.yaml), runs every
// guardrail, and publishes the packages (the bundled spec ships as files of
// @billing-api/openapi). RELEASE_DRY_RUN=1 stops before publishing.
import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Sets `info.version` in a spec file to `version`; returns the previous one. */
export function setSpecVersion(specFile: string, version: string): string {
  const text = readFileSync(specFile, "utf8");
  const match = /^(info:\n(?:[ ]{2}.*\n|\n)*?[ ]{2}version: )(.+)$/m.exec(text);
  if (!match) throw new Error(`${specFile} has no info.version to set.`);
  writeFileSync(specFile, text.replace(match[0], `${match[1]}${version}`));
  return (match[2] ?? "").trim().replace(/^['"]|['"]$/g, "");
}

function step(command: string, args: readonly string[]): void {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const version = JSON.parse(readFileSync(join(root, "openapi/package.json"), "utf8")).version;
  const previous = setSpecVersion(join(root, "openapi/openapi.yaml"), version);
  console.log(`info.version: ${previous} → ${version}`);
  step("pnpm", ["generate"]);
  // The check compares the bundle with the contract released before: it must pass before that contract moves on.
  step("pnpm", ["check"]);
  copyFileSync(join(root, "openapi/dist/openapi.yaml"), join(root, "openapi/released/openapi.yaml"));
  console.log("openapi/released/openapi.yaml is now the contract of", version);
  if (process.env.RELEASE_DRY_RUN) {
    console.log("RELEASE_DRY_RUN is set: not publishing. Commit the versions, changelogs, spec and released contract.");
  } else {
    step("pnpm", ["exec", "changeset", "publish"]);
  }
}
