// The repository's generators, registered once. The drift check, `pnpm dev` and
// the tests read this list; `pnpm generate` runs the same scripts, as the
// `generate` task of the package each belongs to. Paths are relative to the root.

export interface Generator {
  /** How `pnpm dev` names it. */
  name: string;
  /** The package whose `generate` task runs it. */
  package: string;
  /** The script: `--write` writes the file, otherwise it is compared with the committed one. */
  script: string;
  /** What it reads: the bundled spec, as @billing-api/openapi exports it. */
  reads: string;
  /** The one file it writes. */
  writes: string;
}

export const GENERATORS = [
  {
    name: "types",
    package: "@billing-api/types",
    script: "packages/types/scripts/generate.ts",
    reads: "@billing-api/openapi/openapi.json",
    writes: "packages/types/src/generated/schema.ts",
  },
  {
    name: "client",
    package: "@billing-api/client",
    script: "packages/client/scripts/generate.ts",
    reads: "@billing-api/openapi/openapi.json",
    writes: "packages/client/src/generated/operations.ts",
  },
] as const satisfies readonly Generator[];
