// `pnpm release`: releases the contract and the packages versioned with it.
//
//   pnpm release --dry-run       prints what a release would do (the versions,
//                                the changelog entries, the contract's changes
//                                and whether the checks allow it) and writes
//                                nothing: `git status` stays as it was.
//                                RELEASE_DRY_RUN=1 means the same.
//   pnpm release --version-only  versions: `changeset version` (versions and
//                                changelogs), info.version, regeneration,
//                                `pnpm check`, and the bundled spec recorded as
//                                openapi/released/openapi.yaml. Commit the result.
//   pnpm release                 the same, then `changeset publish` (needs npm
//                                credentials; the bundled spec ships as files of
//                                @billing-api/openapi). With no changeset pending
//                                (a merged Version Packages pull request), it
//                                checks and publishes what npm does not have yet.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { breakingChanges } from "../tooling/guardrails/src/checks.ts";
import { infoVersion, requiredBump } from "../tooling/guardrails/src/release-plan.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Sets `info.version` in a spec file to `version`; returns the previous one. */
export function setSpecVersion(specFile: string, version: string): string {
  const text = readFileSync(specFile, "utf8");
  const match = /^(info:\n(?:[ ]{2}.*\n|\n)*?[ ]{2}version: )(.+)$/m.exec(text);
  if (!match) throw new Error(`${specFile} has no info.version to set.`);
  writeFileSync(specFile, text.replace(match[0], `${match[1]}${version}`));
  return (match[2] ?? "").trim().replace(/^['"]|['"]$/g, "");
}

/** The release plan `changeset status` computes from the pending changesets. */
export interface ReleasePlan {
  changesets: Array<{ id: string; summary: string; releases: Array<{ name: string; type: string }> }>;
  releases: Array<{ name: string; type: string; oldVersion: string; newVersion: string; changesets: string[] }>;
}

function step(command: string, args: readonly string[]): void {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The plan, written by `changeset status --output` to a temporary file (never into the repository). */
export function releasePlan(): ReleasePlan {
  const dir = mkdtempSync(join(tmpdir(), "release-plan-"));
  try {
    const file = join(dir, "plan.json");
    const result = spawnSync("pnpm", ["exec", "changeset", "status", `--output=${file}`], { cwd: root, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`changeset status failed:\n${result.stdout}${result.stderr}`);
    return JSON.parse(readFileSync(file, "utf8")) as ReleasePlan;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a release would do, as text. */
export function describePlan(plan: ReleasePlan, contract: { output: string; ok: boolean }, releasedVersion: string): string {
  const lines = ["Release plan (dry run: nothing is written)", ""];
  const releasing = plan.releases.filter((r) => r.type !== "none");
  if (!releasing.length) lines.push("No pending changesets: nothing would be released.");
  else {
    lines.push("Versions:");
    for (const r of releasing) lines.push(`  ${r.name} ${r.oldVersion} → ${r.newVersion} (${r.type})`);
    lines.push("", "Changelog entries:");
    for (const r of releasing) {
      const own = plan.changesets.filter((c) => c.releases.some((x) => x.name === r.name));
      lines.push(`  ${r.name}@${r.newVersion}`);
      if (!own.length) lines.push("    (no entry of its own: released with the packages it is versioned with)");
      for (const c of own) lines.push(`    - ${c.summary.split("\n")[0]} (.changeset/${c.id}.md, ${c.releases.find((x) => x.name === r.name)?.type})`);
    }
  }
  const { bump, counts } = requiredBump(contract.output, releasedVersion);
  lines.push(
    "",
    `Contract: openapi/released/openapi.yaml (${releasedVersion}) → the bundle: ${counts}; it needs ${bump === "none" ? "no release" : `a ${bump} release`}.`,
  );
  const changes = contract.output.split("\n").filter((line) => /^\s*(✖|·) (major|minor|patch)/.test(line));
  for (const line of changes.slice(0, 40)) lines.push(`  ${line.trim()}`);
  if (changes.length > 40) lines.push(`  … and ${changes.length - 40} more (run \`pnpm check\` for all of them)`);
  const problems = contract.output.split("\n").filter((line) => /^(✖|Fix:|❌)/.test(line.trim()));
  lines.push("", contract.ok ? "The breaking-change check allows this release." : "The breaking-change check refuses this release:");
  for (const problem of problems) lines.push(`  ${problem.trim()}`);
  if (releasing.length && contract.ok) {
    lines.push(
      "",
      "`pnpm release` would then run `changeset version`, set info.version, regenerate, run `pnpm check`, record the bundle as openapi/released/openapi.yaml and publish:",
      // Private packages are never versioned (.changeset/config.json), so only published ones are releasing.
      ...releasing.map((r) => `  ${r.name}@${r.newVersion}`),
    );
  }
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { "dry-run": { type: "boolean", default: false }, "version-only": { type: "boolean", default: false } } });
  const released = join(root, "openapi/released/openapi.yaml");
  if (values["dry-run"] || process.env.RELEASE_DRY_RUN) {
    step("pnpm", ["bundle"]);
    const contract = breakingChanges();
    console.log(`\n${describePlan(releasePlan(), contract, infoVersion(released))}`);
    process.exit(contract.ok ? 0 : 1);
  }
  if (releasePlan().releases.some((r) => r.type !== "none")) {
    step("pnpm", ["exec", "changeset", "version"]);
    const version = JSON.parse(readFileSync(join(root, "openapi/package.json"), "utf8")).version;
    const previous = setSpecVersion(join(root, "openapi/openapi.yaml"), version);
    console.log(`info.version: ${previous} → ${version}`);
    step("pnpm", ["generate"]);
    // The check compares the bundle with the contract released before: it must pass before that contract moves on.
    step("pnpm", ["check"]);
    copyFileSync(join(root, "openapi/dist/openapi.yaml"), released);
    console.log("openapi/released/openapi.yaml is now the contract of", version);
  } else if (values["version-only"]) {
    console.log("No pending changesets: nothing to version.");
  } else {
    // Versioned already (a merged Version Packages pull request): check, then publish what npm does not have.
    console.log("No pending changesets: publishing the versions as they are.");
    step("pnpm", ["check"]);
  }
  if (values["version-only"]) console.log("--version-only: not publishing. Commit the versions, changelogs, spec and released contract.");
  else step("pnpm", ["exec", "changeset", "publish"]);
}
