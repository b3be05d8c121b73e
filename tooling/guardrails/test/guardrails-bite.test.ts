// Each guardrail of `pnpm check` is proven to bite: a violation is seeded into
// a temporary copy of the spec, a generated file or a package, and the
// guardrail must fail with a message naming the problem. That each passes on
// the repository as it is, is `pnpm check` itself (one turbo task per check
// and package), so no check runs twice in one `pnpm test`.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ROOT } from "@billing-api/repository";
import { afterAll, describe, expect, it } from "vitest";
import { breakingChanges, bundleSize, drift, packages, sources } from "../src/checks.ts";

const scratch = mkdtempSync(join(tmpdir(), "guardrails-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Seeded changes are made to the released contract itself, so that each one is
// the only change (the bundled spec may already hold changes, with their bump).
const released = readFileSync(join(ROOT, "openapi/released/openapi.yaml"), "utf8");
const version = /^ {2}version: (\S+)$/m.exec(released)![1]!;
/** A copy of the released spec with `edit` applied, written to the scratch folder. */
function releasedWith(name: string, edit: (yaml: string) => string): string {
  const edited = edit(released);
  expect(edited, `the seeded edit "${name}" changed nothing`).not.toBe(released);
  const file = join(scratch, `${name}.yaml`);
  writeFileSync(file, edited);
  return file;
}
const withVersion = (yaml: string, next: string) => yaml.replace(`  version: ${version}\n`, `  version: ${next}\n`);
// The `url` property of CreateCheckoutResponse, with its schema lines.
const withoutUrl = (yaml: string) => yaml.replace(/\n {8}url:\n(?: {10}.*\n)+/, "\n");

describe("drift", () => {
  it("fails on a hand-edited generated file, with the command that fixes it", () => {
    const file = "packages/types/src/generated/schema.ts";
    const copy = join(scratch, "schema.ts");
    writeFileSync(
      copy,
      readFileSync(join(ROOT, file), "utf8").replace("value_in_cents: number;", "value_in_cents: string;"),
    );
    const result = drift({ targets: { [file]: copy } });
    expect(result.ok).toBe(false);
    expect(result.output).toContain("is stale");
    expect(result.output).toContain("value_in_cents: string;");
    expect(result.output).toContain("Fix: run `pnpm generate`");
  });
});

describe("breaking changes", () => {
  // Below 1.0 a breaking change takes a minor bump (0.x semver); from 1.0 on, a major one.
  const [major, minor] = version.split(".").map(Number) as [number, number];
  const next = major === 0 ? `0.${minor + 1}.0` : `${major + 1}.0.0`;
  const breakingBump = major === 0 ? "minor" : "major";
  /** A .changeset folder holding the repository's config.json and one changeset per `bumps` entry. */
  function changesets(name: string, bumps: Record<string, string>): string {
    const dir = join(scratch, `changesets-${name}`);
    mkdirSync(dir, { recursive: true });
    cpSync(join(ROOT, ".changeset/config.json"), join(dir, "config.json"));
    for (const [file, bump] of Object.entries(bumps)) {
      writeFileSync(
        join(dir, file),
        `---\n"@billing-api/openapi": ${bump}\n"@billing-api/types": ${bump}\n---\n\nWhat changed.\n`,
      );
    }
    return dir;
  }
  const check = (current: string, changesetDir = changesets("none", {})) =>
    breakingChanges({ current, changesetDir, packageVersion: version });

  it("fails on a removed response field without a version bump, listing the change and saying what to do", () => {
    const result = check(releasedWith("removed-field", withoutUrl));
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/^schema \w+ \(in responses of [^)]*createCheckout/m);
    expect(result.output).toMatch(/✖ major {2}removed {2}field `url` {2}at properties\/url/);
    expect(result.output).toMatch(/info\.version stayed/);
    expect(result.output).toContain(
      `Fix: set \`version: ${next}\` under \`info:\` in openapi/openapi.yaml, and add a \`${breakingBump}\` changeset`,
    );
    expect(result.output).toMatch(/no changeset says so: run `pnpm changeset`, select @billing-api\/openapi/);
  });

  it("accepts the same removal with the bump it requires and a changeset that gives it, and still lists it", () => {
    const result = check(
      releasedWith("removed-field-bumped", (yaml) => withVersion(withoutUrl(yaml), next)),
      changesets("enough", { "remove-url.md": breakingBump }),
    );
    expect(result.ok, result.output).toBe(true);
    expect(result.output).toMatch(/removed {2}field `url`/);
  });

  it("fails when the pending changesets give less than the contract needs, naming them", () => {
    const result = check(
      releasedWith("removed-field-patch-changeset", (yaml) => withVersion(withoutUrl(yaml), next)),
      changesets("too-small", { "remove-url.md": "patch" }),
    );
    expect(result.ok).toBe(false);
    expect(result.output).toContain(
      `The pending changesets release @billing-api/openapi as a patch (.changeset/remove-url.md)`,
    );
    expect(result.output).toContain(`need a ${breakingBump} release`);
  });

  it("fails when info.version is not the version the changesets make", () => {
    const beyond = major === 0 ? `0.${minor + 2}.0` : `${major + 2}.0.0`;
    const result = check(
      releasedWith("removed-field-version-beyond", (yaml) => withVersion(withoutUrl(yaml), beyond)),
      changesets("version-beyond", { "remove-url.md": breakingBump }),
    );
    expect(result.ok).toBe(false);
    expect(result.output).toContain(
      `info.version is ${beyond} in openapi/openapi.yaml, but the pending changesets release @billing-api/openapi ${version} → ${next}: set \`version: ${next}\``,
    );
  });

  it("fails on an optional request field made required, and on a removed enum value", () => {
    const required = releasedWith("optional-made-required", (yaml) =>
      yaml.replace(
        /(\n {4}CreateCheckoutSessionRequest:\n(?: {6}.*\n)*? {6}required:\n)/,
        "$1        - expires_in_hours\n",
      ),
    );
    expect(check(required).ok).toBe(false);
    const enumValue = releasedWith("enum-value-removed", (yaml) => yaml.replace(/\n {8}- QUARTERLY\n/, "\n"));
    const result = check(enumValue);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/✖ major {2}removed {2}enum value "QUARTERLY" {2}at enum/);
  });

  it("fails on an addition without the minor bump it needs", () => {
    const added = releasedWith("field-added", (yaml) =>
      yaml.replace(
        /\n {8}url:\n/,
        "\n        note:\n          type: string\n          description: A note.\n        url:\n",
      ),
    );
    const result = check(added);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/minor bump/);
  });
});

describe("packages", () => {
  it("fails on a package whose exports name a missing file", () => {
    const copy = join(scratch, "client-package");
    cpSync(join(ROOT, "packages/client"), copy, {
      recursive: true,
      filter: (src) => !/node_modules|\.turbo|test/.test(src.slice(ROOT.length)),
    });
    const manifest = JSON.parse(readFileSync(join(copy, "package.json"), "utf8"));
    manifest.exports["./extra"] = "./dist/esm/missing.js";
    writeFileSync(join(copy, "package.json"), JSON.stringify(manifest, null, 2));
    const result = packages({ dirs: [copy] });
    expect(result.ok).toBe(false);
    expect(result.output).toContain("missing.js");
  });

  it("fails on a package that would publish files its files list does not name", () => {
    const copy = join(scratch, "types-package");
    cpSync(join(ROOT, "packages/types"), copy, {
      recursive: true,
      filter: (src) => !/node_modules|\.turbo/.test(src.slice(ROOT.length)),
    });
    const manifest = JSON.parse(readFileSync(join(copy, "package.json"), "utf8"));
    manifest.files = [...manifest.files, "test"];
    writeFileSync(join(copy, "package.json"), JSON.stringify(manifest, null, 2));
    const result = packages({ dirs: [copy] });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/test\/.*\.test\.ts/);
  });
});

describe("packages, ES modules only (the mock)", () => {
  const mockCopy = (name: string, change: (manifest: Record<string, any>) => void) => {
    const copy = join(scratch, name);
    cpSync(join(ROOT, "packages/mock"), copy, {
      recursive: true,
      filter: (src) => !/node_modules|\.turbo|test/.test(src.slice(ROOT.length)),
    });
    const manifest = JSON.parse(readFileSync(join(copy, "package.json"), "utf8"));
    change(manifest);
    writeFileSync(join(copy, "package.json"), JSON.stringify(manifest, null, 2));
    return copy;
  };

  it("passes as it is: no `require` entry is asked of it", () => {
    const result = packages({ dirs: [mockCopy("mock-package", () => {})] });
    expect(result.output).not.toContain("arethetypeswrong");
    expect(result.ok, result.output).toBe(true);
  });

  it("still fails on types that describe another module format than the JavaScript's", () => {
    const copy = mockCopy("mock-false-cjs", (manifest) => {
      manifest.types = "./dist/index.d.cts";
      manifest.exports["."].types = "./dist/index.d.cts";
    });
    cpSync(join(copy, "dist/index.d.ts"), join(copy, "dist/index.d.cts"));
    const result = packages({ dirs: [copy] });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/arethetypeswrong[\s\S]*"kind": "FalseCJS"/);
  });

  it.each([
    {
      where: "publishConfig.bin, where the mock has it",
      copy: "mock-publish-bin",
      change: (manifest: Record<string, any>) => (manifest.publishConfig.bin["billing-api-mock"] = "./bin/missing.js"),
    },
    {
      where: "a top-level bin",
      copy: "mock-bin",
      change: (manifest: Record<string, any>) => (manifest.bin = { "billing-api-mock": "./bin/missing.js" }),
    },
  ])("fails on a bin that names a file npm pack would not publish: $where", ({ copy, change }) => {
    const result = packages({ dirs: [mockCopy(copy, change)] });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('"bin" names files npm pack would not publish:\n  bin/missing.js');
  });
});

describe("bundle size", () => {
  it("fails over a budget, naming the overshoot and each module's share", async () => {
    const result = await bundleSize({ budget: 1_000 });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/B over/);
    expect(result.output).toMatch(/✖ app with an operation function: \d+ B over/);
    expect(result.output).toContain("packages/client/dist/esm/transport.js");
  });
});

describe("code style", () => {
  it("fails on a file Biome would format differently or that breaks a lint rule, naming it", () => {
    const dir = join(scratch, "code-style");
    cpSync(join(ROOT, "biome.json"), join(dir, "biome.json"));
    writeFileSync(
      join(dir, "badly.ts"),
      "export const x = {a:1,\n  b :2}\nexport function f(v: unknown) { return typeof v == 'string' }\n",
    );
    const biome = join(ROOT, "node_modules/@biomejs/biome/bin/biome");
    const result = spawnSync(process.execPath, [biome, "check", "--colors=off", "--vcs-enabled=false", "badly.ts"], {
      cwd: dir,
      encoding: "utf8",
    });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status).not.toBe(0);
    expect(output).toContain("badly.ts");
    expect(output).toMatch(/format/);
    expect(output).toContain("lint/suspicious/noDoubleEquals");
  });
});

describe("sources", () => {
  it("fails on JavaScript, a hand-written declaration file and TypeScript no tsconfig takes in, naming each", async () => {
    const dir = join(scratch, "sources");
    const files: Record<string, string> = {
      "pkg/tsconfig.json": JSON.stringify({ compilerOptions: { strict: true }, include: ["src"] }),
      "pkg/src/typed.ts": "export const typed = 1;\n",
      "pkg/src/untyped.mjs": "export const untyped = 1;\n",
      "pkg/src/untyped.d.mts": "export declare const untyped: number;\n",
      "pkg/scripts/forgotten.ts": "export const forgotten = 1;\n",
      "pkg/node_modules/dep/index.js": "module.exports = 1;\n",
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(dir, dirname(file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const result = await sources({ root: dir });
    expect(result.ok).toBe(false);
    expect(result.output).toContain("pkg/src/untyped.mjs: JavaScript");
    expect(result.output).toContain("pkg/src/untyped.d.mts: a hand-written declaration file");
    expect(result.output).toContain(
      'pkg/scripts/forgotten.ts: no tsconfig.json takes it in (add it to the "include" of pkg/tsconfig.json)',
    );
    expect(result.output).not.toContain("typed.ts:");
    expect(result.output).not.toContain("node_modules");
  });
});
