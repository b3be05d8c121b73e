// What the reference shows, shared by the published build (src/build.ts)
// and `pnpm dev`'s live page (tooling/dev): the bundled spec with code samples,
// a note on the samples' host and the getting-started section, and Redoc's
// attribution logo drawn inline so that the page loads nothing from outside.
import { readFileSync } from "node:fs";
import type { Node } from "@billing-api/openapi/reader";
import { withCodeSamples } from "./code-samples.ts";
import { samplesHostNote } from "./samples-host.ts";
import { withSpacedDescriptions } from "./soft-breaks.ts";

const CONTENT = new URL("../content/", import.meta.url);

/**
 * A copy of the bundled spec as the reference shows it: code samples, then after the description
 * the samples' host note and getting started; every line break inside a paragraph a space, so that
 * the page's search shows the words it separates apart (src/soft-breaks.ts).
 *
 * Getting started links to files beside the page (`openapi.yaml`). A site with a page per route
 * (src/site.ts) passes its `base`, so that those links name the files from any route's URL.
 */
export function referenceSpec(bundled: Node, { base }: { base?: string } = {}): Node {
  const reference = withCodeSamples(bundled);
  const content = readFileSync(new URL("getting-started.md", CONTENT), "utf8");
  const gettingStarted =
    base === undefined
      ? content
      : content.replace(/\]\((?![a-z]+:|#|\/)([^)\s]+)\)/g, (_, target) => `](${base}${target})`);
  const description = String(bundled.info?.description ?? "").trim();
  reference.info.description = `${description}\n\n${samplesHostNote(bundled.servers[0])}\n\n${gettingStarted}`;
  return withSpacedDescriptions(reference);
}
