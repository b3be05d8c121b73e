// What the next release of the contract must be, and whether the pending
// changesets and info.version say so: the bump the contract's changes need
// (counted by contract-changes.ts against the released contract), the bump the pending
// changesets give @billing-api/openapi (and the packages versioned with it),
// and the version that makes.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type Bump = "none" | "patch" | "minor" | "major";
const ORDER: readonly Bump[] = ["none", "patch", "minor", "major"];
const rank = (bump: Bump) => ORDER.indexOf(bump);
/** The larger of two bumps. */
export const maxBump = (a: Bump, b: Bump): Bump => (rank(a) >= rank(b) ? a : b);
export const CONTRACT_PACKAGE = "@billing-api/openapi";

/** One pending changeset: its file and the bump it gives each package it names. */
export interface Changeset {
  file: string;
  releases: Record<string, Bump>;
}

/** The pending changesets in `dir` (`.changeset/*.md` but its README), read from their front matter. */
export function pendingChangesets(dir: string): Changeset[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir)
    .filter((file) => file.endsWith(".md") && file.toLowerCase() !== "readme.md")
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), "utf8");
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? "";
      const releases: Record<string, Bump> = {};
      for (const line of front.split(/\r?\n/)) {
        const match = /^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line);
        if (match) {
          releases[match[1]!] = match[2] as Bump;
        }
      }
      return { file, releases };
    });
}

/** The packages released together with @billing-api/openapi (the "fixed" group of .changeset/config.json that holds it). */
export function contractGroup(dir: string): string[] {
  const configFile = join(dir, "config.json");
  const fixed = existsSync(configFile)
    ? ((JSON.parse(readFileSync(configFile, "utf8")) as { fixed?: string[][] }).fixed ?? [])
    : [];
  return fixed.find((group) => group.includes(CONTRACT_PACKAGE)) ?? [CONTRACT_PACKAGE];
}

/** How many of the contract's changes need each bump (contract-changes.ts counts them). */
export interface ChangeCounts {
  major: number;
  minor: number;
  patch: number;
}

/** What the contract's changes need. */
export interface RequiredBump {
  bump: Bump;
  /** `1 major, 0 minor, 0 patch`, or `no changes`. */
  counts: string;
  /** Whether a change breaks (so below 1.0, a minor bump stands for a major one). */
  breaking: boolean;
}

/** The bump the contract's changes need, for a contract now at `releasedVersion`. */
export function requiredBump({ major, minor, patch }: ChangeCounts, releasedVersion: string): RequiredBump {
  const counts = major + minor + patch ? `${major} major, ${minor} minor, ${patch} patch` : "no changes";
  // Below 1.0 a breaking change is a minor release (0.x semver), as redocly's --check-version has it.
  if (major > 0) {
    return { bump: releasedVersion.startsWith("0.") ? "minor" : "major", counts, breaking: true };
  }
  return { bump: minor > 0 ? "minor" : patch > 0 ? "patch" : "none", counts, breaking: false };
}

/** `version` raised by `bump`. */
export function bumped(version: string, bump: Bump): string {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map((part) => Number.parseInt(part, 10));
  if (bump === "major") {
    return `${major + 1}.0.0`;
  }
  if (bump === "minor") {
    return `${major}.${minor + 1}.0`;
  }
  if (bump === "patch") {
    return `${major}.${minor}.${patch + 1}`;
  }
  return version;
}

/** The `info.version` of a spec file (YAML as the bundler writes it). */
export function infoVersion(specFile: string): string {
  return (
    /^info:\n(?:[ ]{2}.*\n)*?[ ]{2}version: ['"]?([^'"\n]+)['"]?$/m.exec(readFileSync(specFile, "utf8"))?.[1]?.trim() ??
    ""
  );
}

/**
 * What to do to describe a change: `pnpm changeset`, which packages to select
 * (and which follow, being versioned with them), which bump to choose, and what
 * to write. Without a bump, it says how to choose one.
 */
export function changesetAdvice({
  changesetDir,
  select,
  bump,
}: {
  changesetDir: string;
  select: readonly string[];
  bump?: Bump;
}): string {
  const group = contractGroup(changesetDir);
  const followers = select.some((name) => group.includes(name)) ? group.filter((name) => !select.includes(name)) : [];
  const listed =
    followers.length > 1 ? `${followers.slice(0, -1).join(", ")} and ${followers.at(-1)}` : followers.join("");
  const together = followers.length
    ? ` (${listed} ${followers.length > 1 ? "follow" : "follows"}: they are versioned together)`
    : "";
  const choose = bump
    ? `\`${bump}\``
    : "the bump the change needs (`patch` for a fix, `minor` for an addition, `major` for a breaking change)";
  return `run \`pnpm changeset\`, select ${select.join(" and ")}${together}, choose ${choose}, and write what users must change`;
}

export interface ReleasePlanInput {
  /** The contract's changes since the released contract, counted by the bump each needs. */
  counts: ChangeCounts;
  releasedVersion: string;
  /** info.version of the bundle. */
  specVersion: string;
  /** The version @billing-api/openapi has now (package.json). */
  packageVersion: string;
  changesetDir: string;
}

/**
 * Whether info.version carries the bump the changes need: at least the released
 * version raised by it (what redocly's --check-version says, for the bump of
 * the merged changes). A line starting ❌ when it does not, ✅ when it does.
 */
export function versionVerdict(
  releasedVersion: string,
  specVersion: string,
  required: RequiredBump,
): { ok: boolean; line: string } {
  const semver = /^\d+\.\d+\.\d+$/;
  if (!semver.test(releasedVersion) || !semver.test(specVersion)) {
    return {
      ok: false,
      line: `❌ info.version is not an x.y.z version (${specVersion || "none"}; released ${releasedVersion || "none"}), so the bump cannot be checked.`,
    };
  }
  const needed = bumped(releasedVersion, required.bump);
  if (required.bump === "none") {
    return { ok: true, line: `✅ The contract has not changed since ${releasedVersion}.` };
  }
  if (!lower(specVersion, needed)) {
    return {
      ok: true,
      line: `✅ info.version ${specVersion} carries the ${required.bump} bump these changes need (at least ${needed}).`,
    };
  }
  const went =
    specVersion === releasedVersion ? `stayed ${releasedVersion}` : `went ${releasedVersion} → ${specVersion}`;
  const belowOne = required.breaking && required.bump !== "major" ? " while below 1.0" : "";
  return {
    ok: false,
    line: `❌ info.version ${went}, but these changes require a ${required.bump} bump (${needed})${belowOne}.`,
  };
}

/** Whether version `a` is lower than `b` (x.y.z, numerically). */
export function lower(a: string, b: string): boolean {
  const [x, y] = [a, b].map((v) => v.split(".").map((part) => Number.parseInt(part, 10) || 0)) as [number[], number[]];
  for (let i = 0; i < 3; i += 1) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) {
      return (x[i] ?? 0) < (y[i] ?? 0);
    }
  }
  return false;
}

/**
 * Problems with the pending release of the contract, each saying what to do;
 * empty when the changesets and info.version agree with the contract's
 * changes. The version the release will have is the package's version raised
 * by the pending changesets (after `changeset version` has run, the package's
 * version itself); it must reach the released version raised by the bump the
 * changes need, and info.version must be it.
 */
export function releasePlanProblems({
  counts: changes,
  releasedVersion,
  specVersion,
  packageVersion,
  changesetDir,
}: ReleasePlanInput): string[] {
  const { bump: required, counts } = requiredBump(changes, releasedVersion);
  const group = contractGroup(changesetDir);
  const relevant = pendingChangesets(changesetDir).filter((changeset) =>
    group.some((name) => changeset.releases[name]),
  );
  const given = relevant.reduce<Bump>((max, changeset) => {
    for (const name of group) {
      const bump = changeset.releases[name];
      if (bump && rank(bump) > rank(max)) {
        max = bump;
      }
    }
    return max;
  }, "none");
  const planned = bumped(packageVersion, given);
  const needed = bumped(releasedVersion, required);
  const changesetHelp = (bump: Bump) => changesetAdvice({ changesetDir, select: [CONTRACT_PACKAGE], bump });
  if (lower(planned, needed)) {
    return [
      relevant.length
        ? `The pending changesets release ${CONTRACT_PACKAGE} as a ${given} (${relevant.map((c) => `.changeset/${c.file}`).join(", ")}), but the contract's changes since openapi/released/openapi.yaml (${counts}) need a ${required} release: make one of them \`${required}\`, or ${changesetHelp(required)}.`
        : `The contract changed since openapi/released/openapi.yaml (${counts}) and no changeset says so: ${changesetHelp(required)}.`,
    ];
  }
  if (specVersion !== planned) {
    return [
      given === "none"
        ? `info.version is ${specVersion} in openapi/openapi.yaml, but ${CONTRACT_PACKAGE} is ${packageVersion} and no pending changeset raises it: set \`version: ${packageVersion}\` under \`info:\`, or add the changeset that makes ${specVersion}.`
        : `info.version is ${specVersion} in openapi/openapi.yaml, but the pending changesets release ${CONTRACT_PACKAGE} ${packageVersion} → ${planned}: set \`version: ${planned}\` under \`info:\` in openapi/openapi.yaml.`,
    ];
  }
  return [];
}
