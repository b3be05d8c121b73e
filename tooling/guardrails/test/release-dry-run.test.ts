// `pnpm release --dry-run` writes nothing: with a changeset pending, it prints
// the versions, the changelog entries and the contract's changes, and what the
// breaking-change check says, while `git status` stays as it was (the
// changeset is still pending, no version or changelog moved).
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { describePlan, releasePlan } from "../../../scripts/release.ts";
import { ROOT, breakingChanges } from "../src/checks.ts";
import { infoVersion } from "../src/release-plan.ts";

const status = () => spawnSync("git", ["status", "--porcelain", "--untracked-files=all"], { cwd: ROOT, encoding: "utf8" }).stdout;
const changeset = join(ROOT, `.changeset/dry-run-test-${process.pid}.md`);
afterEach(() => rmSync(changeset, { force: true }));

describe("pnpm release --dry-run", () => {
  it("plans the release of a pending changeset and leaves git status as it was", { timeout: 60_000 }, () => {
    writeFileSync(changeset, '---\n"@billing-api/client": patch\n---\n\nRetries honour Retry-After-Ms.\n');
    const before = status();
    const plan = releasePlan();
    const text = describePlan(plan, breakingChanges(), infoVersion(join(ROOT, "openapi/released/openapi.yaml")));
    expect(status()).toBe(before);
    const client = plan.releases.find((r) => r.name === "@billing-api/client");
    // At least the patch this changeset gives; more when a changeset already pending gives more.
    expect(["patch", "minor", "major"]).toContain(client?.type);
    expect(text).toContain(`@billing-api/client ${client?.oldVersion} → ${client?.newVersion} (${client?.type})`);
    expect(text).toContain(`- Retries honour Retry-After-Ms. (.changeset/dry-run-test-${process.pid}.md, patch)`);
    expect(text).toMatch(/Contract: openapi\/released\/openapi\.yaml \([^)]+\) → the bundle: \d+ major, \d+ minor, \d+ patch/);
    // The fixed group moves @billing-api/openapi too, so info.version must be the version it makes: the check says how when it is not.
    if (infoVersion(join(ROOT, "openapi/dist/openapi.yaml")) !== client?.newVersion)
      expect(text).toContain(`set \`version: ${client?.newVersion}\` under \`info:\``);
    else expect(text).not.toMatch(/set `version: \S+` under `info:`/);
  });
});
