// Every place the reference links to, as Redoc routes them: the first page, a
// section per heading of the spec's description (levels 1 and 2), a page per
// tag and one per operation. Each route gets its own HTML file in the built
// site (src/site.ts), named by what this module says: its title, a meta
// description, and the content a reader or a search engine gets before any
// script runs.

import { type Node, readSpec } from "@billing-api/openapi/reader";
import { marked } from "marked";

export interface Route {
  /** The route under the site's base path, without a leading slash: "" (the first page), "checkouts/createcheckout". */
  path: string;
  /** What the page's <title> names: the operation's summary, the tag's or the section's name. */
  title: string;
  /** Plain text for the meta description: the summary and description, at most 200 characters. */
  description: string;
  /** The route's content as HTML, shown until Redoc renders and to readers without JavaScript. */
  html: string;
}

/** Redoc's slug of a tag or a heading: lower case, every run of other characters a hyphen. */
export const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** `text` safe as HTML text and inside a double-quoted attribute. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

const markdownHtml = (markdown: string): string => marked.parse(markdown, { async: false });
const inlineHtml = (markdown = ""): string => marked.parseInline(markdown, { async: false });
/** `summary` as a sentence, to open a meta description. */
const sentence = (summary: string | undefined): string | undefined =>
  summary && (/[.!?:]$/.test(summary) ? summary : `${summary}.`);

const MAX_DESCRIPTION = 200;

/** `parts` (Markdown) as one line of plain text, cut at a word before 200 characters. */
export function plainText(...parts: Array<string | undefined>): string {
  const text = parts
    .filter(Boolean)
    .map((part) => markdownHtml(part!))
    .join(" ")
    // A block's tags part words; inline ones (code, emphasis, links) sit inside a sentence.
    .replace(/<\/?(p|li|ul|ol|h[1-6]|pre|blockquote|table|tr|td|th|br|hr)\b[^>]*>/g, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) =>
      name === "amp" ? "&" : name === "lt" ? "<" : name === "gt" ? ">" : name === "quot" ? '"' : "'",
    )
    .replace(/\s+/g, " ")
    .trim();
  if (text.length <= MAX_DESCRIPTION) {
    return text;
  }
  const cut = text.slice(0, MAX_DESCRIPTION - 1);
  return `${cut.slice(0, cut.lastIndexOf(" "))}…`;
}

/** A heading of the description and the Markdown under it, up to the next heading of level 1 or 2. */
interface Section {
  level: number;
  title: string;
  body: string;
}

/** The sections of `markdown`: its level-1 and level-2 headings outside code blocks. */
function sections(markdown: string): Section[] {
  const found: Section[] = [];
  let fenced = false;
  let current: Section | undefined;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
    }
    const heading = fenced ? null : /^(#{1,2})\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      current = { level: heading[1]!.length, title: heading[2]!, body: "" };
      found.push(current);
    } else if (current) {
      current.body += `${line}\n`;
    }
  }
  return found;
}

/** The routes of `reference` (the spec as the page shows it, src/reference.ts), the first page first; links in their HTML start with `base`. */
export function referenceRoutes(reference: Node, base = "/"): Route[] {
  const { info } = reference;
  const title = String(info.title);
  const description = String(info.description ?? "");
  const firstHeading = description.search(/^#{1,2}\s/m);
  const intro = firstHeading === -1 ? description : description.slice(0, firstHeading);
  const operations = readSpec(reference).inSpecOrder;
  const tags: Array<{ name: string; description?: string }> = reference.tags ?? [];
  const link = (path: string, text: string) => `<a href="${escapeHtml(base + path)}">${escapeHtml(text)}</a>`;
  const tagList = `<ul>${tags.map((tag) => `<li>${link(slug(tag.name), tag.name)}</li>`).join("")}</ul>`;

  const routes: Route[] = [
    {
      path: "",
      title,
      description: plainText(sentence(info.summary), intro),
      html: `<h1>${escapeHtml(`${title} (${info.version})`)}</h1>${markdownHtml(intro)}${tagList}`,
    },
  ];

  let parent = "";
  for (const section of sections(description)) {
    // A level-2 heading is routed under the level-1 heading before it, if there is one.
    if (section.level === 1) {
      parent = slug(section.title);
    }
    const path =
      section.level === 2 && parent ? `section/${parent}/${slug(section.title)}` : `section/${slug(section.title)}`;
    routes.push({
      path,
      title: section.title,
      description: plainText(section.body) || section.title,
      html: `<h1>${escapeHtml(section.title)}</h1>${markdownHtml(section.body)}`,
    });
  }

  for (const tag of tags) {
    const own = operations.filter((operation) => operation.tags[0] === tag.name);
    routes.push({
      path: slug(tag.name),
      title: tag.name,
      description: plainText(tag.description) || tag.name,
      html:
        `<h1>${escapeHtml(tag.name)}</h1>${markdownHtml(tag.description ?? "")}` +
        `<ul>${own.map((operation) => `<li>${link(operationPath(operation), operation.summary ?? operation.id)}</li>`).join("")}</ul>`,
    });
  }

  for (const operation of operations) {
    const summary = operation.summary ?? operation.id;
    const { parameters, responses } = operation;
    routes.push({
      path: operationPath(operation),
      title: summary,
      description: plainText(sentence(operation.summary), operation.description),
      html:
        `<h1>${escapeHtml(summary)}</h1>` +
        `<p><code>${escapeHtml(`${operation.method.toUpperCase()} ${operation.path}`)}</code></p>` +
        markdownHtml(operation.description ?? "") +
        (parameters.length
          ? `<h2>Parameters</h2><ul>${parameters
              .map(
                (parameter) =>
                  `<li><code>${escapeHtml(parameter.name)}</code> (${parameter.in}${parameter.required ? ", required" : ""}): ${inlineHtml(parameter.description)}</li>`,
              )
              .join("")}</ul>`
          : "") +
        `<h2>Responses</h2><ul>${responses
          .map((response) => `<li><code>${response.status}</code>: ${inlineHtml(response.description)}</li>`)
          .join("")}</ul>`,
    });
  }
  return routes;

  function operationPath(operation: (typeof operations)[number]): string {
    const tag = operation.tags[0];
    if (!tag) {
      throw new Error(
        `Operation ${operation.id} has no tag: the reference routes every operation under its first tag.`,
      );
    }
    return `${slug(tag)}/${operation.id.toLowerCase()}`;
  }
}
