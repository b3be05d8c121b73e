// `pnpm release --dry-run` writes nothing and always ends in a verdict, never a
// stack trace: with a changeset pending, it prints the versions, the changelog
// entries, every change of the contract and what the breaking-change check
// says; without one, a one-line reason naming the command to run. Each case
// runs on a throwaway git repository laid out like this one (the four
// versioned packages, .changeset/config.json, the released contract and the
// bundle), whose `git status` must be the same after as before, like the
// repository's own.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "@billing-api/repository";
import { dump, load } from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { planRelease } from "../src/release-dry-run.ts";

type Spec = Record<string, any>;

const scratch = mkdtempSync(join(tmpdir(), "release-dry-run-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]) => {
  const result = spawnSync(
    "git",
    [
      "-c",
      "user.name=Release test",
      "-c",
      "user.email=release-test@example.com",
      "-c",
      "commit.gpgsign=false",
      ...args,
    ],
    {
      cwd,
      encoding: "utf8",
    },
  );
  if (result.status !== 0) {
    throw new Error(`git ${args.join(" ")} failed:\n${result.stderr}`);
  }
  return result.stdout;
};
const status = (cwd: string) => git(cwd, "status", "--porcelain", "--untracked-files=all");

const releasedText = readFileSync(join(ROOT, "openapi/released/openapi.yaml"), "utf8");
const released = load(releasedText) as Spec;
const version = released.info.version as string;
const minorBump = version.replace(/^(\d+)\.(\d+)\.\d+$/, (_, major, minor) => `${major}.${Number(minor) + 1}.0`);

/**
 * A repository committed on `main` with the released contract as its spec, then
 * changed as `change` says: the spec (and its bundle), or any file, left uncommitted.
 */
function repository(
  name: string,
  change: { spec?: (spec: Spec) => void; files?: Record<string, string> } = {},
): string {
  const dir = join(scratch, name);
  const files: Record<string, string> = {
    "package.json": `${JSON.stringify({ name: "release-fixture", private: true })}\n`,
    "pnpm-workspace.yaml": "packages:\n  - openapi\n  - packages/*\n",
    ".gitignore": "dist/\n",
    "openapi/openapi.yaml": releasedText,
    "openapi/released/openapi.yaml": releasedText,
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  for (const file of [
    ".changeset/config.json",
    "openapi/package.json",
    "packages/types/package.json",
    "packages/client/package.json",
    "packages/mock/package.json",
  ]) {
    cpSync(join(ROOT, file), join(dir, file));
  }
  git(dir, "init", "--quiet", "--initial-branch=main");
  git(dir, "add", "--all");
  git(dir, "commit", "--quiet", "--message", "The released contract");
  let bundle = releasedText;
  if (change.spec) {
    const spec = structuredClone(released);
    change.spec(spec);
    bundle = dump(spec, { lineWidth: -1, noRefs: true });
    writeFileSync(join(dir, "openapi/openapi.yaml"), bundle);
  }
  mkdirSync(join(dir, "openapi/dist"), { recursive: true });
  writeFileSync(join(dir, "openapi/dist/openapi.yaml"), bundle);
  for (const [file, text] of Object.entries(change.files ?? {})) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

/** The dry run on `dir`, checking that it wrote nothing there nor in this repository. */
function dryRun(dir: string) {
  const [before, repositoryBefore] = [status(dir), status(ROOT)];
  const plan = planRelease({ root: dir });
  expect(status(dir)).toBe(before);
  expect(status(ROOT)).toBe(repositoryBefore);
  expect(plan.text).not.toMatch(/^\s*at .+:\d+:\d+\)?$/m);
  expect(plan.text).not.toMatch(/\bError\b/);
  return plan;
}
const addField = (spec: Spec) => {
  spec.components.schemas.CheckoutCreated.properties.note = { type: "string", maxLength: 200, description: "A note." };
};

describe("pnpm release --dry-run", () => {
  it("plans the release of a pending changeset and leaves git status as it was", { timeout: 60_000 }, () => {
    const dir = repository("client-changeset", {
      files: { ".changeset/retries.md": '---\n"@billing-api/client": patch\n---\n\nRetries honour Retry-After-Ms.\n' },
    });
    const { text, ok } = dryRun(dir);
    const from = (JSON.parse(readFileSync(join(ROOT, "packages/client/package.json"), "utf8")) as { version: string })
      .version;
    const to = from.replace(/\d+$/, (patch) => String(Number(patch) + 1));
    expect(text).toContain(`@billing-api/client ${from} → ${to} (patch)`);
    expect(text).toContain("- Retries honour Retry-After-Ms. (.changeset/retries.md, patch)");
    expect(text).toContain(
      `Contract: openapi/released/openapi.yaml (${version}) → the bundle (${version}): no changes; it needs no release.`,
    );
    // The fixed group moves @billing-api/openapi too, so info.version must follow: the check says how.
    expect(text).toMatch(/set `version: \S+` under `info:`/);
    expect(ok).toBe(false);
  });

  it("with a spec change and no changeset: every change, and one line saying which changeset to add", {
    timeout: 60_000,
  }, () => {
    const { text, ok } = dryRun(repository("spec-change", { spec: addField }));
    expect(ok).toBe(false);
    expect(text).toContain("No pending changesets: nothing would be released.");
    expect(text).toContain(
      "schema CheckoutCreated (in responses of createCheckout)\n    ✔ minor  added    field `note`  at properties/note",
    );
    const reasons = text.split("\n").filter((line) => line.startsWith("  ✖") && line.includes("`pnpm changeset`"));
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(
      /^ {2}✖ The contract changed since openapi\/released\/openapi\.yaml \(0 major, 1 minor, 0 patch\) and no changeset says so: run `pnpm changeset`, select @billing-api\/openapi .*choose `minor`/,
    );
    expect(text).not.toContain("changeset add");
  });

  it("with the spec changed and bumped and a changeset that gives the bump: allowed, with the versions", {
    timeout: 60_000,
  }, () => {
    const dir = repository("spec-change-described", {
      spec: (spec) => {
        addField(spec);
        spec.info.version = minorBump;
      },
      files: { ".changeset/note.md": '---\n"@billing-api/openapi": minor\n---\n\nCheckouts carry a note.\n' },
    });
    const { text, ok } = dryRun(dir);
    expect(text).toContain("The breaking-change check allows this release.");
    expect(text).toContain(`@billing-api/openapi ${version} → ${minorBump} (minor)`);
    expect(text).toContain("✔ minor  added    field `note`  at properties/note");
    expect(ok, text).toBe(true);
  });

  it("with a package changed and no changeset: one line naming it and the packages that follow it", {
    timeout: 60_000,
  }, () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "packages/client/package.json"), "utf8")) as Record<
      string,
      unknown
    >;
    const dir = repository("client-change", {
      files: {
        "packages/client/package.json": `${JSON.stringify({ ...manifest, description: "Changed." }, null, 2)}\n`,
      },
    });
    const { text, ok } = dryRun(dir);
    expect(ok).toBe(false);
    expect(text).toContain(
      "  ✖ @billing-api/client changed since `main` and no changeset says so: run `pnpm changeset`, select @billing-api/client (@billing-api/openapi, @billing-api/types and @billing-api/mock follow: they are versioned together), choose the bump the change needs",
    );
  });

  it("when changeset status cannot plan: its complaint in one line, with what to run", { timeout: 60_000 }, () => {
    const dir = repository("bad-changeset", {
      files: { ".changeset/unknown.md": '---\n"@billing-api/nothing": minor\n---\n\nA package that is not there.\n' },
    });
    const { text, ok } = dryRun(dir);
    expect(ok).toBe(false);
    expect(text).toContain("No versions: `changeset status` could not plan the release (see below).");
    expect(text).toMatch(
      /^ {2}✖ `changeset status` could not plan the release: Found changeset unknown for package @billing-api\/nothing which is not in the workspace\. Fix that, then run this again\.$/m,
    );
  });

  it("the command says why it stops in one line, without a stack trace", () => {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
    const run = spawnSync(process.execPath, ["--import", tsx, join(ROOT, "scripts/release.ts"), "--dry-run-please"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^✖ Unknown option '--dry-run-please'/);
    expect(run.stderr).not.toMatch(/^\s*at /m);
  });
});
