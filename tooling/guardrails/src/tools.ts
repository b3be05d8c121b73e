// The tools this package depends on, found from this package.
import { manifestOf, toolBin } from "@billing-api/build-helpers/tool-bin";

/** The manifest of a package this package depends on. */
export const ownManifest = (pkg: string) => manifestOf(import.meta.url, pkg);

/** The path of a CLI this package depends on. */
export const bin = (pkg: string, name: string): string => toolBin(import.meta.url, pkg, name);
