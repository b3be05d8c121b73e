// What the reference shows, shared by the published build (scripts/build.ts)
// and `pnpm dev`'s live page (tooling/dev): the bundled spec with code samples,
// a note on the samples' host and the getting-started section, and Redoc's
// attribution logo drawn inline so that the page loads nothing from outside.
import { readFileSync } from "node:fs";
import type { Node } from "@billing-api/openapi/reader";
import { withCodeSamples } from "./code-samples.ts";
import { samplesHostNote } from "./samples-host.ts";

const CONTENT = new URL("../content/", import.meta.url);

/** A copy of the bundled spec as the reference shows it: code samples, then after the description the samples' host note and getting started. */
export function referenceSpec(bundled: Node): Node {
  const reference = withCodeSamples(bundled);
  const gettingStarted = readFileSync(new URL("getting-started.md", CONTENT), "utf8");
  const description = String(bundled.info?.description ?? "").trim();
  reference.info.description = `${description}\n\n${samplesHostNote(bundled.servers[0])}\n\n${gettingStarted}`;
  return reference;
}
