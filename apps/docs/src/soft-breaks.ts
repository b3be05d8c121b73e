// The spec's descriptions are YAML block scalars wrapped at 80-odd columns, so
// a paragraph carries a line break between two of its words. Markdown renders
// that break as a space, but Redoc's search index drops it and shows the two
// words glued ("as\nconfig" reads "asconfig"). The reference's copy of the
// spec therefore gets each such soft break as a space: the rendered page is the
// same, and the index keeps the space. Code blocks, tables, headings and hard
// breaks (two trailing spaces, or a backslash) are left as they are.

import type { Node } from "@billing-api/openapi/reader";
import { marked, type Token, type Tokens } from "marked";

/** A line break inside running text, not one that ends a line with a hard break. */
const SOFT_BREAK = /(?<! {2}|\\)[ \t]*\n[ \t]*(?=\S)/g;

/** The text of a paragraph or a list item's own lines, its soft breaks made spaces (the break that ends it stays). */
function joinLines(raw: string): string {
  const body = raw.trimEnd();
  return body.replace(SOFT_BREAK, " ") + raw.slice(body.length);
}

/** A list item whose content is running text only (no nested list, code or quote) gets its lines joined. */
function joinItem(item: Tokens.ListItem): string {
  const textOnly = item.tokens.every((token) => token.type === "text" || token.type === "space");
  return textOnly ? joinLines(item.raw) : item.raw;
}

function rewrite(token: Token): string {
  if (token.type === "paragraph") {
    return joinLines(token.raw);
  }
  if (token.type === "list") {
    const list = token as Tokens.List;
    // Only when the items make up the whole list: anything between them would be lost.
    const items = list.items.map((item) => item.raw).join("");
    return list.raw.startsWith(items) ? list.items.map(joinItem).join("") + list.raw.slice(items.length) : list.raw;
  }
  return token.raw;
}

/** `markdown` with every soft line break inside a paragraph or a list item made a space. */
export function withSoftBreaksAsSpaces(markdown: string): string {
  return marked.lexer(markdown).map(rewrite).join("");
}

/**
 * Where a spec holds data rather than prose: a `description` inside an example, a default or an
 * enum is a value, kept as it is. A schema's `examples` is a list of values; a media type's is a
 * map of named examples whose `summary` and `description` are prose and whose `value` is data.
 */
const DATA = new Set(["example", "value", "default", "enum", "const", "x-codeSamples"]);
const isData = (key: string, value: unknown) => DATA.has(key) || (key === "examples" && Array.isArray(value));

/** A copy of `spec` whose every `description` and `summary` has its soft breaks made spaces. */
export function withSpacedDescriptions(spec: Node): Node {
  const copy = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      return value.map(copy);
    }
    if (value === null || typeof value !== "object") {
      return value;
    }
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [
        key,
        isData(key, child)
          ? child
          : (key === "description" || key === "summary") && typeof child === "string"
            ? withSoftBreaksAsSpaces(child)
            : copy(child),
      ]),
    );
  };
  return copy(spec) as Node;
}
