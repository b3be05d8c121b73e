// `pnpm release`: releases the contract and the packages versioned with it.
//
//   pnpm release --dry-run       prints what a release would do (the versions,
//                                the changelog entries, every change of the
//                                contract and whether the checks allow it) and
//                                writes nothing: `git status` stays as it was.
//                                RELEASE_DRY_RUN=1 means the same. Exits 1 when
//                                the release is not allowed.
//   pnpm release --version-only  versions: `changeset version` (versions and
//                                changelogs), info.version, regeneration,
//                                `pnpm check`, and the bundled spec recorded as
//                                openapi/released/openapi.yaml. Commit the result.
//   pnpm release                 the same, then `changeset publish` (needs npm
//                                credentials; the bundled spec ships as files of
//                                @billing-api/openapi). With no changeset pending
//                                (a merged Version Packages pull request), it
//                                checks and publishes what npm does not have yet.
//
// When something stops it, it prints one line saying why and what to run, and
// exits non-zero.
import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "@billing-api/repository";

/** A command of the release failed; what it printed says why. */
class StepFailed extends Error {}

function step(command: string, args: readonly string[]): void {
  const shown = `${command} ${args.join(" ")}`;
  console.log(`\n$ ${shown}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) {
    const how = result.status === null ? `was stopped by ${result.signal}` : `failed (exit ${result.status})`;
    throw new StepFailed(`\`${shown}\` ${how}: what it printed above says why.`);
  }
}

async function release(): Promise<number> {
  const { values } = parseArgs({
    options: { "dry-run": { type: "boolean", default: false }, "version-only": { type: "boolean", default: false } },
  });
  const rerun = values["version-only"] ? "pnpm release --version-only" : "pnpm release";
  // The plan reads the bundled spec through the spec reader, which the bundle builds.
  step("pnpm", ["bundle"]);
  const { planRelease, releasePlan, setSpecVersion } = await import("@billing-api/guardrails/release-dry-run");
  if (values["dry-run"] || process.env.RELEASE_DRY_RUN) {
    const { text, ok } = planRelease();
    console.log(`\n${text}`);
    return ok ? 0 : 1;
  }
  const reading = releasePlan();
  if (!reading.plan || reading.problem) {
    console.log(`✖ ${reading.problem}`);
    return 1;
  }
  if (reading.plan.releases.some((r) => r.type !== "none")) {
    step("pnpm", ["exec", "changeset", "version"]);
    try {
      const version = JSON.parse(readFileSync(join(ROOT, "openapi/package.json"), "utf8")).version;
      const previous = setSpecVersion(join(ROOT, "openapi/openapi.yaml"), version);
      console.log(`info.version: ${previous} → ${version}`);
      step("pnpm", ["generate"]);
      // The check compares the bundle with the contract released before: it must pass before that contract moves on.
      step("pnpm", ["check"]);
      copyFileSync(join(ROOT, "openapi/dist/openapi.yaml"), join(ROOT, "openapi/released/openapi.yaml"));
      console.log("openapi/released/openapi.yaml is now the contract of", version);
    } catch (error) {
      const undo = `\`changeset version\` has already run: \`git status\` shows what it wrote, and \`git restore .\` undoes it (with any other uncommitted change) before \`${rerun}\` again.`;
      throw new StepFailed(`${(error as Error).message} ${undo}`);
    }
  } else if (values["version-only"]) {
    console.log("No pending changesets: nothing to version.");
  } else {
    // Versioned already (a merged Version Packages pull request): check, then publish what npm does not have.
    console.log("No pending changesets: publishing the versions as they are.");
    step("pnpm", ["check"]);
  }
  if (values["version-only"]) {
    console.log("--version-only: not publishing. Commit the versions, changelogs, spec and released contract.");
  } else {
    step("pnpm", ["exec", "changeset", "publish"]);
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exitCode = await release();
  } catch (error) {
    // A reason, never a stack trace: what failed has printed its own details above.
    console.error(`\n✖ ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
