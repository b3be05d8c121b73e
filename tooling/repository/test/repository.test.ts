// The repository's model of its workspace is pnpm's: the same packages, read
// from pnpm-workspace.yaml.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { findRoot, publishedPackages, ROOT, workspacePackageDirs } from "../src/repository.ts";

describe("workspacePackageDirs", () => {
  it("lists the packages pnpm lists, but the root", { timeout: 120_000 }, () => {
    // One pnpm start-up: under a second idle; the limit is for a machine four times oversubscribed.
    const listed = spawnSync("pnpm", ["ls", "-r", "--depth", "-1", "--json"], { cwd: ROOT, encoding: "utf8" });
    expect(listed.status, listed.stderr).toBe(0);
    const pnpm = (JSON.parse(listed.stdout) as { path: string }[])
      .map(({ path }) => path)
      .filter((path) => path !== ROOT.replace(/\/$/, ""));
    expect(
      workspacePackageDirs()
        .map((dir) => dir.replace(/\/$/, ""))
        .sort(),
    ).toEqual(pnpm.sort());
  });

  it("names a pattern it cannot read instead of missing its packages", () => {
    const root = mkdtempSync(join(tmpdir(), "workspace-"));
    try {
      mkdirSync(join(root, "libs/a"), { recursive: true });
      writeFileSync(join(root, "libs/a/package.json"), "{}");
      writeFileSync(join(root, "pnpm-workspace.yaml"), "packages:\n  - libs/*\n");
      expect(workspacePackageDirs(root)).toEqual([join(root, "libs/a")]);
      writeFileSync(join(root, "pnpm-workspace.yaml"), "packages:\n  - libs/**\n");
      expect(() => workspacePackageDirs(root)).toThrow('"libs/**" is a pattern workspacePackageDirs does not read');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("findRoot", () => {
  it("is the folder that holds pnpm-workspace.yaml, from anywhere inside it", () => {
    expect(ROOT.endsWith("/")).toBe(true);
    expect(readFileSync(join(ROOT, "pnpm-workspace.yaml"), "utf8")).toContain("packages:");
    expect(findRoot(join(ROOT, "tooling/repository/src"))).toBe(ROOT);
  });

  it("says so outside a workspace instead of guessing", () => {
    const outside = mkdtempSync(join(tmpdir(), "no-workspace-"));
    try {
      expect(() => findRoot(outside)).toThrow("No pnpm-workspace.yaml at or above");
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe("the tree shows the roles", () => {
  it("packages/ holds exactly the published packages, and every published package is there or is the contract", () => {
    const underPackages = workspacePackageDirs()
      .map((dir) => relative(ROOT, dir))
      .filter((dir) => dir.startsWith("packages/"));
    const published = publishedPackages().map((dir) => relative(ROOT, dir));
    expect(underPackages.length).toBeGreaterThan(0);
    for (const dir of underPackages) {
      expect(
        JSON.parse(readFileSync(join(ROOT, dir, "package.json"), "utf8")).private,
        `${dir} is private: move it out of packages/`,
      ).not.toBe(true);
    }
    expect(
      published.filter((dir) => !dir.startsWith("packages/")),
      "published outside packages/",
    ).toEqual(["openapi"]);
  });
});
