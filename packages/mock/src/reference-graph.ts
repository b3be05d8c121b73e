// The spec as a graph of containers (objects and arrays) joined by properties
// and $refs: what the loader walks, and its strongly connected components.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const prismRequire = createRequire(require.resolve("@stoplight/prism-http"));
// The JSON utilities Prism's own loader uses, so a container here is what `decycle` walks into.
export const { isPlainObject } = prismRequire("@stoplight/json") as {
  isPlainObject(value: unknown): value is Record<string, unknown>;
};

export type Container = Record<string, unknown> | unknown[];
export type Reference = { $ref: string } & Record<string, unknown>;

/** What `decycle` walks into: plain objects and arrays (anything else is a value). */
export const isContainer = (value: unknown): value is Container => Array.isArray(value) || isPlainObject(value);
export const isLocalReference = (value: unknown): value is Reference =>
  isPlainObject(value) && typeof value.$ref === "string" && value.$ref.startsWith("#");

/** One property of a container: its value, and whether a $ref put it there (and which). */
export interface Edge {
  key: string;
  value: unknown;
  ref?: string;
  /** A $ref without sibling keywords. */
  plain?: boolean;
}

/** Whether `document` has a $ref to another file or URL (then the parser bundles it into one document first). */
export function hasExternalReference(document: unknown): boolean {
  const pending = [document];
  while (pending.length > 0) {
    const value = pending.pop();
    if (!isContainer(value)) {
      continue;
    }
    if (typeof (value as { $ref?: unknown }).$ref === "string" && !isLocalReference(value)) {
      return true;
    }
    pending.push(...Object.values(value));
  }
  return false;
}

/**
 * The components (sets of containers that reach each other) of the graph from
 * `root`, each after every component it reaches: Tarjan's algorithm, without
 * recursion. The properties are taken in the order the dereference walks them,
 * depth first, and `done` hears of each plain $ref once the walk is past what
 * it points at.
 */
export function stronglyConnectedComponents(
  root: Container,
  edge: (container: Container, key: string) => Edge,
  done: (ref: string) => void,
): Container[][] {
  const index = new Map<Container, number>();
  const low = new Map<Container, number>();
  const stack: Container[] = [];
  const onStack = new Set<Container>();
  const components: Container[][] = [];
  const visit = (container: Container, ref?: string) => {
    index.set(container, index.size);
    low.set(container, index.get(container)!);
    stack.push(container);
    onStack.add(container);
    return { container, keys: Object.keys(container), next: 0, ref };
  };
  const frames = [visit(root)];
  while (frames.length > 0) {
    const frame = frames.at(-1)!;
    if (frame.next < frame.keys.length) {
      const { value, ref, plain } = edge(frame.container, frame.keys[frame.next++]!);
      if (!isContainer(value)) {
        continue;
      }
      if (!index.has(value)) {
        frames.push(visit(value, plain ? ref : undefined));
        continue;
      }
      if (onStack.has(value)) {
        low.set(frame.container, Math.min(low.get(frame.container)!, index.get(value)!));
      }
      if (plain) {
        done(ref!);
      }
      continue;
    }
    frames.pop();
    const { container } = frame;
    if (frame.ref !== undefined) {
      done(frame.ref);
    }
    const parent = frames.at(-1);
    if (parent) {
      low.set(parent.container, Math.min(low.get(parent.container)!, low.get(container)!));
    }
    if (low.get(container) === index.get(container)) {
      const members: Container[] = [];
      let member: Container;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        members.push(member);
      } while (member !== container);
      components.push(members);
    }
  }
  return components;
}
