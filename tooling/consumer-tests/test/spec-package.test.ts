// @billing-api/openapi from its tarball: the bundled spec and its reader load by
// `import` (with a JSON import attribute) and by `require`, in Node 20, and
// read the same operations as the workspace does.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { readSpec } from "@billing-api/openapi/reader";
import { expect, inject, it } from "vitest";
import { userEnv } from "../src/project.ts";
import { nodeBinary } from "../src/runtimes.ts";

const { projectDir } = inject("consumer");

it("serves the spec and its reader to ESM and CommonJS from the installed tarball", () => {
  const run = spawnSync(nodeBinary(20), ["spec-reader.mjs"], { cwd: projectDir, env: userEnv(), encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  const { esm, cjs } = JSON.parse(run.stdout) as { esm: string[]; cjs: string[] };
  const workspaceSpec = JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve("@billing-api/openapi/openapi.json"), "utf8"),
  );
  const expected = readSpec(workspaceSpec).operations.map((op) => `${op.method.toUpperCase()} ${op.path} ${op.id}`);
  expect(expected.length).toBeGreaterThan(0);
  expect(esm).toEqual(expected);
  expect(cjs).toEqual(expected);
});
