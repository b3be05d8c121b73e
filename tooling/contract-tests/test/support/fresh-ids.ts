// A create's answer is the documented example with ids of its own: the mock
// mints a fresh id, of the documented id's form, for each resource the answer
// holds (the answer itself, each item of a list, or each object at its top, as
// a session is), and writes it wherever the example repeats the documented one
// (a URL). `asDocumented` checks that the ids are fresh and puts the example's
// back, so that the rest can be compared with the example as it is.
import { expect } from "vitest";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The ids of the resources an answer holds, in order. */
export function resourceIds(answer: unknown): string[] {
  const idOf = (value: unknown) => (isObject(value) && typeof value.id === "string" ? [value.id] : []);
  if (Array.isArray(answer)) {
    return answer.flatMap(idOf);
  }
  if (!isObject(answer)) {
    return [];
  }
  const own = idOf(answer);
  return own.length ? own : Object.values(answer).flatMap(idOf);
}

/** `answer` with its resource ids replaced by `example`'s, each checked to be new and of the documented id's form (its prefix kept). */
export function asDocumented(answer: unknown, example: unknown): unknown {
  const minted = resourceIds(answer);
  const documented = resourceIds(example);
  expect(minted, "one fresh id for each resource of the example").toHaveLength(documented.length);
  let text = JSON.stringify(answer);
  minted.forEach((id, index) => {
    const was = documented[index]!;
    expect(id, `a fresh id in place of ${was}`).not.toBe(was);
    expect(id.slice(0, was.lastIndexOf("_") + 1), `the prefix of ${was}`).toBe(was.slice(0, was.lastIndexOf("_") + 1));
    text = text.split(id).join(was);
  });
  return JSON.parse(text);
}
