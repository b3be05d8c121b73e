// .gitattributes marks what tools write (collapsed in reviews, never merged by
// hand): each of its lines must still name a tracked file, and every file a
// generator writes must be marked.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "@billing-api/repository";
import { GENERATORS } from "@billing-api/repository/generators";
import { describe, expect, it } from "vitest";

const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" });
const patterns = readFileSync(join(ROOT, ".gitattributes"), "utf8")
  .split("\n")
  .filter((line) => line.includes("linguist-generated"))
  .map((line) => line.split(/\s+/)[0]!);

describe(".gitattributes", () => {
  it.each(patterns)("%s names a tracked file", (pattern) => {
    expect(
      git("ls-files", "--", `:(glob)${pattern}`).trim(),
      `no tracked file matches ${pattern}: fix or remove the line`,
    ).not.toBe("");
  });

  it("marks every generated file as generated", () => {
    const files = [
      ...GENERATORS.map(({ writes }) => writes),
      "tooling/bench/results/results.json",
      "tooling/bench/results/RESULTS.md",
    ];
    const unmarked = git("check-attr", "linguist-generated", "--", ...files)
      .trim()
      .split("\n")
      .filter((line) => !line.endsWith(": true"));
    expect(unmarked).toEqual([]);
  });
});
