// The dry run of `pnpm release`: the plan `changeset status` makes of the
// pending changesets, every change of the contract since the released one, and
// whether the checks allow the release, as text. scripts/release.ts prints it
// and does the release; the tests run it on temporary checkouts.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { ROOT } from "@billing-api/repository";
import { type BreakingChangesResult, breakingChanges } from "./checks.ts";
import { formatChanges } from "./contract-changes.ts";
import { changesetAdvice } from "./release-plan.ts";
import { bin } from "./tools.ts";

/** The changesets CLI, run by path so that it works in any checkout of this layout (the tests' too). */
const CHANGESET = bin("@changesets/cli", "changeset");

/** Sets `info.version` in a spec file to `version`; returns the previous one. */
export function setSpecVersion(specFile: string, version: string): string {
  const text = readFileSync(specFile, "utf8");
  const match = /^(info:\n(?:[ ]{2}.*\n|\n)*?[ ]{2}version: )(.+)$/m.exec(text);
  if (!match) {
    throw new Error(`${specFile} has no info.version to set.`);
  }
  writeFileSync(specFile, text.replace(match[0], `${match[1]}${version}`));
  return (match[2] ?? "").trim().replace(/^['"]|['"]$/g, "");
}

/** The release plan `changeset status` computes from the pending changesets. */
export interface ReleasePlan {
  changesets: Array<{ id: string; summary: string; releases: Array<{ name: string; type: string }> }>;
  releases: Array<{ name: string; type: string; oldVersion: string; newVersion: string; changesets: string[] }>;
}

/** What `changeset status` says: the plan, and why the release cannot go ahead as it stands (one line), if it cannot. */
export interface PlanReading {
  /** Absent when `changeset status` could not make one. */
  plan?: ReleasePlan;
  problem?: string;
}

/** The versioned packages (not private) with files changed since `baseBranch`, as `changeset status` counts them. */
function changedPackages(root: string, baseBranch: string): string[] {
  const git = (...args: string[]) => spawnSync("git", args, { cwd: root, encoding: "utf8" }).stdout?.trim() ?? "";
  const base = git("merge-base", "HEAD", baseBranch);
  if (!base) {
    return [];
  }
  const top = resolve(root);
  const names = new Set<string>();
  for (const file of git("diff", "--name-only", "--no-relative", base).split("\n").filter(Boolean)) {
    for (let dir = dirname(join(top, file)); dir.startsWith(top) && dir !== top; dir = dirname(dir)) {
      const manifest = join(dir, "package.json");
      if (!existsSync(manifest)) {
        continue;
      }
      const { name, private: isPrivate } = JSON.parse(readFileSync(manifest, "utf8")) as {
        name?: string;
        private?: boolean;
      };
      if (name && !isPrivate) {
        names.add(name);
      }
      break;
    }
  }
  return [...names].sort();
}

/** `changeset status`'s own complaint, in this repository's words (`pnpm changeset`, not `changeset add`). */
function firstComplaint(output: string): string {
  const line = output
    .split("\n")
    .map((l) =>
      l
        .replace(/^🦋\s+(error\s+)?/u, "")
        .replace(/^Error:\s*/, "")
        .trim(),
    )
    .find((l) => l && !/^at /.test(l));
  return (line ?? "").replace(/`changeset add( --empty)?`/g, "`pnpm changeset$1`").replace(/\.$/, "");
}

/** The plan, written by `changeset status --output` to a temporary file (never into the repository). */
export function releasePlan({ root = ROOT }: { root?: string } = {}): PlanReading {
  const dir = mkdtempSync(join(tmpdir(), "release-plan-"));
  try {
    const file = join(dir, "plan.json");
    const result = spawnSync(process.execPath, [CHANGESET, "status", `--output=${file}`], {
      cwd: root,
      encoding: "utf8",
    });
    if (result.status === 0 && existsSync(file)) {
      return { plan: JSON.parse(readFileSync(file, "utf8")) as ReleasePlan };
    }
    // Colours stripped: under a CI's FORCE_COLOR, changeset wraps "error" in terminal escapes.
    const said = stripVTControlCharacters(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    if (/no changesets were found/.test(said)) {
      // No changeset, so nothing to plan; but packages changed, and a release needs a changeset saying how.
      const changesetDir = join(root, ".changeset");
      const { baseBranch = "main" } = JSON.parse(readFileSync(join(changesetDir, "config.json"), "utf8")) as {
        baseBranch?: string;
      };
      const changed = changedPackages(root, baseBranch);
      return {
        plan: { changesets: [], releases: [] },
        problem: `${changed.length ? changed.join(", ") : "Packages"} changed since \`${baseBranch}\` and no changeset says so: ${changesetAdvice({ changesetDir, select: changed.length ? changed : ["the packages it lists as changed"] })}.`,
      };
    }
    const complaint = firstComplaint(said) || `it exited ${result.status ?? result.signal}`;
    return {
      problem: `\`changeset status\` could not plan the release: ${complaint}. Fix that, then run this again.`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a release would do, as text: the plan, every change of the contract, and what stops the release. */
export function describePlan(reading: PlanReading, contract: BreakingChangesResult): string {
  const lines = ["Release plan (dry run: nothing is written)", ""];
  const releasing = reading.plan?.releases.filter((r) => r.type !== "none") ?? [];
  if (!reading.plan) {
    lines.push("No versions: `changeset status` could not plan the release (see below).");
  } else if (!releasing.length) {
    lines.push("No pending changesets: nothing would be released.");
  } else {
    lines.push("Versions:");
    for (const r of releasing) {
      lines.push(`  ${r.name} ${r.oldVersion} → ${r.newVersion} (${r.type})`);
    }
    lines.push("", "Changelog entries:");
    for (const r of releasing) {
      const own = reading.plan.changesets.filter((c) => c.releases.some((x) => x.name === r.name));
      lines.push(`  ${r.name}@${r.newVersion}`);
      if (!own.length) {
        lines.push("    (no entry of its own: released with the packages it is versioned with)");
      }
      for (const c of own) {
        lines.push(
          `    - ${c.summary.split("\n")[0]} (.changeset/${c.id}.md, ${c.releases.find((x) => x.name === r.name)?.type})`,
        );
      }
    }
  }

  lines.push("");
  const { report } = contract;
  if (report) {
    const { bump, counts, breaking } = report.required;
    const needs =
      bump === "none"
        ? "no release"
        : `a ${bump} release${breaking && bump !== "major" ? " (breaking changes, while below 1.0)" : ""}`;
    lines.push(
      `Contract: openapi/released/openapi.yaml (${report.releasedVersion}) → the bundle (${report.specVersion}): ${counts}; it needs ${needs}.`,
    );
    lines.push(...formatChanges(report.changes).map((line) => `  ${line}`));
  } else {
    lines.push("Contract: the breaking-change check could not compare it (see below).");
  }

  const problems = report
    ? report.verdict.filter((line) => !line.startsWith("✅"))
    : contract.output.split("\n").filter(Boolean);
  // The check already says which changeset to add when the contract changed; say it once.
  const saidAlready = problems.some((line) => line.includes("`pnpm changeset`, select"));
  if (reading.problem && !(reading.plan && saidAlready)) {
    problems.push(`✖ ${reading.problem}`);
  }
  const allowed = contract.ok && !reading.problem;
  lines.push("", allowed ? "The breaking-change check allows this release." : "This release is not allowed:");
  for (const problem of problems) {
    lines.push(`  ${problem}`);
  }
  if (releasing.length && allowed) {
    lines.push(
      "",
      "`pnpm release` would then run `changeset version`, set info.version, regenerate, run `pnpm check`, record the bundle as openapi/released/openapi.yaml and publish:",
      // Private packages are never versioned (.changeset/config.json), so only published ones are releasing.
      ...releasing.map((r) => `  ${r.name}@${r.newVersion}`),
    );
  }
  return lines.join("\n");
}

/** The dry run on a checkout at `root` (its bundle already built): the text, and whether the release is allowed. */
export function planRelease({ root = ROOT }: { root?: string } = {}): { text: string; ok: boolean } {
  const reading = releasePlan({ root });
  const contract = breakingChanges({
    released: join(root, "openapi/released/openapi.yaml"),
    current: join(root, "openapi/dist/openapi.yaml"),
    changesetDir: join(root, ".changeset"),
    packageVersion: (JSON.parse(readFileSync(join(root, "openapi/package.json"), "utf8")) as { version: string })
      .version,
  });
  return { text: describePlan(reading, contract), ok: contract.ok && !reading.problem };
}
