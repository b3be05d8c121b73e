// The `generator-output` check: what the two generators make of the spec has no `unknown` and no
// `Record<string, never>` (nor its spelling `{ [key: string]: never }`) for a documented field.
//
// - hey-api: @hey-api/openapi-ts, types only (the `@hey-api/typescript` plugin, no client), run in-process
//   on the bundled spec into a temporary folder;
// - openapi-typescript: the file the project already generates (packages/types/src/generated/schema.ts),
//   which the drift check keeps equal to what openapi-typescript makes of the bundled spec.
//
// Each file is parsed with the TypeScript compiler API; every type alias, property and index signature
// is named by its path (`Proposal.deleted_at`, `Checkout.metadata[key: string]`; openapi-typescript's
// `components.schemas.` prefix is left out) and reported when its type is, or has as a union member or
// array element, `unknown` or `Record<string, never>`. What a generator emits always, whatever the spec
// says, is allowed by name in ALLOWED, each with why.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inRepo } from "@billing-api/repository";
import ts from "typescript";
import type { CheckResult } from "./checks.ts";
import { SPEC_JSON, TYPES_DIR } from "./subjects.ts";

export const OPENAPI_TYPESCRIPT_OUTPUT = join(TYPES_DIR, "src/generated/schema.ts");

export type Generator = "hey-api" | "openapi-typescript";

/** What each generator emits as `unknown` or `Record<string, never>` for no documented field: the path it has, and why. */
export const ALLOWED: Record<Generator, ReadonlyArray<readonly [path: RegExp, why: string]>> = {
  "hey-api": [],
  "openapi-typescript": [
    // `export type webhooks = Record<string, never>` and `export type $defs = Record<string, never>`: the
    // top-level maps of the document's webhooks and $defs, emitted even when the spec has none.
    [/^webhooks$/, "the spec's webhooks, of which it has none"],
    [/^\$defs$/, "the spec's $defs, of which it has none"],
    // Every response's `headers` gets `[name: string]: unknown` beside the headers the spec declares: a
    // server may always send others (Date, Content-Length…), which the spec does not describe.
    [
      /^(components\.responses\.[^.]+|operations\.[^.]+\.responses\.[^.]+)\.headers\[name: string\]$/,
      "a catch-all for headers the spec does not declare, added to every response",
    ],
  ],
};

export interface Loose {
  generator: Generator;
  /** Where it is: `Schema.property`, `Schema.property[key: string]`, `Alias`. */
  path: string;
  /** The member's type as the generator wrote it, on one line. */
  type: string;
  /** Members elsewhere whose type names this alias or schema (only for a named alias or schema). */
  usedBy: string[];
}

/** Whether `node` is `unknown` or `Record<string, never>`, or has one as a union member or array element. */
function loose(node: ts.TypeNode): boolean {
  if (node.kind === ts.SyntaxKind.UnknownKeyword) {
    return true;
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    const args = node.typeArguments ?? [];
    if (name === "Record" && args.length === 2 && args[1]!.kind === ts.SyntaxKind.NeverKeyword) {
      return true;
    }
    if (name === "Array" || name === "ReadonlyArray") {
      return args.some(loose);
    }
    return false;
  }
  if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) {
    return node.types.some(loose);
  }
  if (ts.isArrayTypeNode(node)) {
    return loose(node.elementType);
  }
  if (ts.isParenthesizedTypeNode(node) || ts.isTypeOperatorNode(node)) {
    return loose(node.type);
  }
  // `{ [key: string]: never }`: Record<string, never> by another name (hey-api's closed object without properties).
  if (ts.isTypeLiteralNode(node) && node.members.length === 1) {
    const [only] = node.members;
    return !!only && ts.isIndexSignatureDeclaration(only) && only.type.kind === ts.SyntaxKind.NeverKeyword;
  }
  return false;
}

const memberName = (name: ts.PropertyName): string =>
  ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : name.getText();

/** Every loose member of a generated file, with the path it has. */
export function looseMembers(source: string, generator: Generator, fileName = "generated.ts"): Loose[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Omit<Loose, "usedBy">[] = [];
  const typed: { path: string; type: ts.TypeNode }[] = [];
  const oneLine = (node: ts.Node) => node.getText(file).replace(/\s+/g, " ");
  const shown = (path: string) =>
    generator === "openapi-typescript" ? path.replace(/^components\.schemas\./, "") : path;

  const visitType = (node: ts.TypeNode, path: string): void => {
    typed.push({ path, type: node });
    // A closed empty object is reported as itself, not as its `never` index signature.
    if (loose(node)) {
      found.push({ generator, path: shown(path), type: oneLine(node) });
    }
    const walk = (child: ts.Node): void => {
      if (ts.isTypeLiteralNode(child)) {
        visitMembers(child.members, path);
      } else {
        ts.forEachChild(child, walk);
      }
    };
    if (ts.isTypeLiteralNode(node)) {
      if (!(node.members.length === 1 && loose(node))) {
        visitMembers(node.members, path);
      }
    } else {
      ts.forEachChild(node, walk);
    }
  };
  const visitMembers = (members: ts.NodeArray<ts.TypeElement>, path: string): void => {
    for (const member of members) {
      if (ts.isPropertySignature(member) && member.type) {
        visitType(member.type, path ? `${path}.${memberName(member.name)}` : memberName(member.name));
      } else if (ts.isIndexSignatureDeclaration(member)) {
        visitType(member.type, `${path}[${member.parameters.map((p) => oneLine(p)).join(", ")}]`);
      }
    }
  };
  for (const statement of file.statements) {
    if (ts.isTypeAliasDeclaration(statement)) {
      visitType(statement.type, statement.name.text);
    } else if (ts.isInterfaceDeclaration(statement)) {
      visitMembers(statement.members, statement.name.text);
    }
  }

  // Which members name each loose alias (hey-api: `DeletedAt`) or schema (openapi-typescript: `components["schemas"]["DeletedAt"]`).
  const references = (type: ts.TypeNode, target: string): boolean => {
    let hit = false;
    const walk = (node: ts.Node): void => {
      if (hit || ts.isTypeLiteralNode(node)) {
        return;
      }
      if (generator === "hey-api" && ts.isTypeReferenceNode(node) && node.typeName.getText(file) === target) {
        hit = true;
      }
      if (generator === "openapi-typescript" && ts.isIndexedAccessTypeNode(node)) {
        const text = oneLine(node).replace(/'/g, '"');
        if (text === `components["schemas"]["${target}"]`) {
          hit = true;
        }
      }
      ts.forEachChild(node, walk);
    };
    walk(type);
    return hit;
  };
  return found.map((entry) => {
    // A top-level alias or schema, or the index signature of one (hey-api's `DeletedAt[key: string]`).
    const named = /^[^.[\]]+(\[[^\]]*\])?$/.test(entry.path) ? entry.path.replace(/\[.*$/, "") : undefined;
    const usedBy = named
      ? typed
          .filter(({ path, type }) => shown(path) !== named && references(type, named))
          .map(({ path }) => shown(path))
      : [];
    return { ...entry, usedBy };
  });
}

/** hey-api's types (`@hey-api/typescript` only) for the spec at `spec`, as the text of types.gen.ts. */
export async function heyApiTypes(spec: string): Promise<string> {
  const { createClient } = await import("@hey-api/openapi-ts");
  const out = mkdtempSync(join(tmpdir(), "hey-api-"));
  try {
    await createClient({
      input: spec,
      output: { path: out },
      plugins: ["@hey-api/typescript"],
      logs: { level: "silent", file: false },
    });
    return readFileSync(join(out, "types.gen.ts"), "utf8");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const allowed = (entry: Loose): string | undefined =>
  ALLOWED[entry.generator].find(([path]) => path.test(entry.path))?.[1];

/**
 * No `unknown` and no `Record<string, never>` for a documented field in what hey-api and
 * openapi-typescript make of the spec. `spec` is the bundled spec hey-api reads; `openapiTypescript`
 * the file openapi-typescript made of it (the tests generate one from their copy).
 */
export async function generatorOutput({
  spec = SPEC_JSON,
  openapiTypescript = OPENAPI_TYPESCRIPT_OUTPUT,
}: {
  spec?: string;
  openapiTypescript?: string;
} = {}): Promise<CheckResult> {
  let heyApi: string;
  try {
    heyApi = await heyApiTypes(spec);
  } catch (error) {
    return {
      name: "generator output",
      ok: false,
      output: `✖ hey-api could not generate types from ${inRepo(spec)} (run \`pnpm bundle\`?): ${(error as Error).message}`,
    };
  }
  const entries = [
    ...looseMembers(heyApi, "hey-api", "types.gen.ts"),
    ...looseMembers(readFileSync(openapiTypescript, "utf8"), "openapi-typescript", openapiTypescript),
  ];
  const reported = entries.filter((entry) => !allowed(entry));
  const lines: string[] = [];
  for (const generator of ["hey-api", "openapi-typescript"] as const) {
    const mine = reported.filter((entry) => entry.generator === generator);
    const skipped = entries.filter((entry) => entry.generator === generator && allowed(entry));
    const source = generator === "hey-api" ? `types.gen.ts from ${inRepo(spec)}` : inRepo(openapiTypescript);
    lines.push(
      `${mine.length ? "✖" : "✓"} ${generator} (${source}): ${mine.length} field(s) typed unknown or Record<string, never>${skipped.length ? `; ${skipped.length} allowed (ALLOWED)` : ""}`,
    );
    for (const entry of mine) {
      lines.push(
        `  ${entry.path}: ${entry.type}${entry.usedBy.length ? `  (used by ${entry.usedBy.join(", ")})` : ""}`,
      );
    }
  }
  if (reported.length) {
    lines.push(
      "Give each a schema that says what it holds: properties (or additionalProperties with a schema) for an object, a type for a value; for free-form data, say which JSON values it takes.",
    );
  }
  return { name: "generator output", ok: reported.length === 0, output: lines.join("\n") };
}
