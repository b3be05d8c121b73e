// The contract's changes, as the breaking-change check, the release dry run and
// the pull-request summary list them: the structural diff of spec-diff.ts
// merged with `redocly diff`'s verdicts (its JSON report). Each change keeps
// the larger of the two bumps, and a change only redocly reports is kept as
// redocly has it, so the list misses nothing either finds.
import { type Bump, type ChangeCounts, maxBump } from "./release-plan.ts";
import type { SpecChange, SpecDiff } from "./spec-diff.ts";

/** One change of `redocly diff --format=json`'s report. */
export interface RedoclyChange {
  path: string;
  kind: "added" | "removed" | "modified";
  impact: Exclude<Bump, "none">;
  property?: string;
  typeName?: string;
  verdicts: Array<{ ruleId: string; impact: string; message: string }>;
  base?: { pointer: string };
  revision?: { pointer: string };
}

/** A change of the contract, with the rules of `redocly diff` that rate it too. */
export interface ContractChange extends SpecChange {
  rules: string[];
}

/** Where a redocly change is: its pointers, each ending in the property it modified. */
function redoclyPointers(change: RedoclyChange): string[] {
  const pointers = [change.base?.pointer, change.revision?.pointer].filter((p): p is string => typeof p === "string");
  const property = change.kind === "modified" ? change.property : undefined;
  return [...new Set(pointers.map((p) => (property && !p.endsWith(`/${property}`) ? `${p}/${property}` : p)))];
}

const within = (pointer: string, root: string) => pointer === root || pointer.startsWith(`${root}/`);

/** The structural changes with redocly's verdicts merged in, and what only redocly reports. */
export function mergeChanges(diff: SpecDiff, redocly: readonly RedoclyChange[]): ContractChange[] {
  const changes: ContractChange[] = diff.changes.map((change) => ({ ...change, rules: [] }));
  const extra: ContractChange[] = [];
  for (const theirs of redocly) {
    const at = redoclyPointers(theirs);
    const wholeSubtree = theirs.kind !== "modified";
    const matched = changes.filter((mine) => {
      const ours = [mine.pointers.base, mine.pointers.revision].filter((p): p is string => typeof p === "string");
      return ours.some((p) =>
        at.some((q) => p === q || (wholeSubtree && within(p, q)) || (mine.kind !== "changed" && within(q, p))),
      );
    });
    const rules = theirs.verdicts.map((verdict) => verdict.ruleId);
    if (!matched.length) {
      const place = diff.placeOf(at[0] ?? theirs.path);
      extra.push({
        group: place.group,
        path: place.path,
        kind: theirs.kind === "modified" ? "changed" : theirs.kind,
        what: theirs.verdicts[0]?.message ?? (theirs.property ? `\`${theirs.property}\`` : (theirs.typeName ?? "")),
        bump: theirs.impact,
        pointers: { base: theirs.base?.pointer, revision: theirs.revision?.pointer },
        rules,
      });
      continue;
    }
    // A rule about an addition (`enum-values-added`) rates the additions it matched; one about a removal, the removals.
    const sameKind = matched.filter((mine) => rules.some((rule) => rule.endsWith(`-${mine.kind}`)));
    const rated = sameKind.length ? sameKind : matched;
    const ours = rated.reduce<Bump>((max, mine) => maxBump(max, mine.bump), "none");
    for (const mine of rated) {
      mine.rules.push(...rules.filter((rule) => !mine.rules.includes(rule)));
      if (maxBump(ours, theirs.impact) !== ours) {
        mine.bump = theirs.impact;
        mine.why = `redocly rates it ${theirs.impact}${theirs.verdicts[0] ? `: ${theirs.verdicts[0].message}` : ""}`;
      }
    }
  }
  return [...changes, ...extra];
}

export function countChanges(changes: readonly ContractChange[]): ChangeCounts {
  const counts: ChangeCounts = { major: 0, minor: 0, patch: 0 };
  for (const change of changes) {
    if (change.bump !== "none") {
      counts[change.bump] += 1;
    }
  }
  return counts;
}

const MARK: Record<Bump, string> = { major: "✖ major", minor: "✔ minor", patch: "· patch", none: "  none " };

/** One line per change, under a line naming its operation or component, in the order they were found. */
export function formatChanges(changes: readonly ContractChange[]): string[] {
  const groups = new Map<string, ContractChange[]>();
  for (const change of changes) {
    groups.set(change.group, [...(groups.get(change.group) ?? []), change]);
  }
  const lines: string[] = [];
  for (const [group, members] of groups) {
    lines.push(group);
    for (const change of members) {
      const where = change.path ? `  at ${change.path}` : "";
      const why = change.why ? `: ${change.why}` : "";
      const rules = change.rules.length ? ` (redocly: ${change.rules.join(", ")})` : "";
      lines.push(`  ${MARK[change.bump]}  ${change.kind.padEnd(7)}  ${change.what}${where}${why}${rules}`);
    }
  }
  return lines;
}
