// What the mock keeps between requests, per token: the resources its creates
// made (to answer their reads) and each Idempotency-Key's first answer (to
// replay it). Both are bounded by LIMITS, in count and in bytes; the oldest
// entry goes first, so a long-running mock holds only the latest.
import { LIMITS } from "./limits.ts";

/** An answer as it went out, kept to be sent again byte for byte. */
export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  payload: string;
}

/** A created resource: the create's path parameters and body, as JSON text. */
export interface Resource {
  fields: string;
}

/** An Idempotency-Key's first request (its body, as the mock compares bodies) and the answer it got. */
export interface KeptAnswer {
  body: string;
  answer: StoredAnswer;
}

interface Entry<V> {
  value: V;
  bytes: number;
}

/** Entries in insertion order (a Map's), dropped from the oldest while over a count or the shared byte budget. */
class Bounded<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #max: number;
  readonly #budget: { bytes: number; max: number };
  readonly #others: () => Bounded<unknown>[];

  constructor(max: number, budget: { bytes: number; max: number }, others: () => Bounded<unknown>[]) {
    this.#max = max;
    this.#budget = budget;
    this.#others = others;
  }

  get(key: string): V | undefined {
    return this.#entries.get(key)?.value;
  }

  get size(): number {
    return this.#entries.size;
  }

  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    this.#entries.set(key, { value, bytes });
    this.#budget.bytes += bytes;
    while (this.#entries.size > this.#max) {
      this.dropOldest();
    }
    // Over the shared budget: drop from the largest of the stores, oldest first.
    while (this.#budget.bytes > this.#budget.max) {
      const largest = [this as Bounded<unknown>, ...this.#others()].sort((a, b) => b.size - a.size)[0]!;
      if (!largest.dropOldest()) {
        break;
      }
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) {
      return;
    }
    this.#entries.delete(key);
    this.#budget.bytes -= entry.bytes;
  }

  dropOldest(): boolean {
    const oldest = this.#entries.keys().next();
    if (oldest.done) {
      return false;
    }
    this.delete(oldest.value);
    return true;
  }
}

/** One key of the stores: the token first, so that nothing crosses from one token to another. */
const keyOf = (...parts: string[]) => parts.join("\u0000");

/** The bounds of a state: LIMITS', unless a test asks for smaller ones. */
export type StateLimits = { readonly [K in "resources" | "idempotencyKeys" | "stateBytes"]: number };

export function createState(limits: StateLimits = LIMITS) {
  const budget = { bytes: 0, max: limits.stateBytes };
  const resources: Bounded<Resource> = new Bounded(limits.resources, budget, () => [answers as Bounded<unknown>]);
  const answers: Bounded<KeptAnswer> = new Bounded(limits.idempotencyKeys, budget, () => [
    resources as Bounded<unknown>,
  ]);
  /** Requests under way with a key: a second one with that key waits for the first's answer. */
  const pending = new Map<string, Promise<unknown>>();

  return {
    /** The resource `id` made by a create at `collection` (its path, filled in) with `token`. */
    resource: (token: string, collection: string, id: string) => resources.get(keyOf(token, collection, id)),
    keepResource(token: string, collection: string, id: string, fields: Readonly<Record<string, unknown>>) {
      const text = JSON.stringify(fields);
      resources.set(keyOf(token, collection, id), { fields: text }, text.length + id.length + collection.length);
    },
    /**
     * Runs `perform` once per token, operation and key: a later request with the
     * key waits for the first to finish and gets what it kept (its body and
     * answer), or undefined when the first kept nothing (it failed).
     */
    async idempotent(
      token: string,
      operation: string,
      key: string,
      perform: () => Promise<{ keep?: KeptAnswer; answer: StoredAnswer }>,
    ): Promise<{ replay: KeptAnswer } | { answer: StoredAnswer }> {
      const id = keyOf(token, operation, key);
      while (pending.has(id)) {
        await pending.get(id)!.catch(() => {});
      }
      const kept = answers.get(id);
      if (kept) {
        return { replay: kept };
      }
      const running = perform();
      pending.set(id, running);
      try {
        const { keep, answer } = await running;
        if (keep) {
          answers.set(id, keep, keep.body.length + keep.answer.payload.length + id.length);
        }
        return { answer };
      } finally {
        pending.delete(id);
      }
    },
    /** How much is kept: for tests and the log. */
    size: () => ({ resources: resources.size, idempotencyKeys: answers.size, bytes: budget.bytes }),
  };
}

/** A body as the mock compares bodies under one Idempotency-Key: its JSON with members in one order, so that only a change of content is another body. */
export function canonicalBody(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalBody).join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalBody((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "";
}
