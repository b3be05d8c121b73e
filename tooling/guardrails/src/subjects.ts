// What the checks check, found through this package's declared dependencies
// (never by a path into another package's folder).
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const folderOf = (pkg: string): string => dirname(fileURLToPath(import.meta.resolve(`${pkg}/package.json`)));

/** The contract's folder (@billing-api/openapi): its sources, `released/` and `dist/`. */
export const SPEC_DIR = folderOf("@billing-api/openapi");
/** The bundled spec, as @billing-api/openapi exports it. */
export const SPEC_JSON = fileURLToPath(import.meta.resolve("@billing-api/openapi/openapi.json"));
/** The client's folder (@billing-api/client): the size budget bundles apps from it. */
export const CLIENT_DIR = folderOf("@billing-api/client");
/** The types' folder (@billing-api/types): openapi-typescript's output is in it. */
export const TYPES_DIR = folderOf("@billing-api/types");
