// Rebuilds test/fixtures/seeds/ from the five scraped API reference pages the
// spec is built from:
//
//   node --import tsx test/extract-seeds.ts <folder holding the seed .txt pages>
//
// Each page holds a curl request whose `--data '…'` is the request body (the GET
// page has none) followed by a JSON response example. Both are copied verbatim,
// parsed and pretty-printed, together with manifest.json, which says which
// operation each fixture belongs to.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Which operation a seed page documents, and its success status. */
interface Seed {
  operationId: string;
  method: string;
  path: string;
  status: number;
}

// Seed pages by file-name prefix.
const SEEDS: Record<string, Seed> = {
  "000": { operationId: "createCheckout", method: "POST", path: "/companies/{company_id}/checkout", status: 200 },
  "001": {
    operationId: "createOneTimeCharges",
    method: "POST",
    path: "/companies/{company_id}/one_times",
    status: 201,
  },
  "002": { operationId: "createCheckoutSession", method: "POST", path: "/checkout-sessions", status: 200 },
  "003": { operationId: "getCheckout", method: "GET", path: "/companies/{company_id}/checkout/{id}", status: 200 },
  "004": { operationId: "createProductPricing", method: "POST", path: "/companies/{company_id}/pricing", status: 200 },
};

const seedsDir = process.argv[2];
if (!seedsDir) {
  console.error("usage: node --import tsx test/extract-seeds.ts <seeds-folder>");
  process.exit(2);
}
const outDir = new URL("./fixtures/seeds/", import.meta.url);

// The end (exclusive) of the JSON object or array that opens at `start`.
function jsonEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") {
        i++;
      } else if (c === '"') {
        inString = false;
      }
    } else if (c === '"') {
      inString = true;
    } else if (c === "{" || c === "[") {
      depth++;
    } else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) {
        return i + 1;
      }
    }
  }
  throw new Error(`unbalanced JSON starting at offset ${start}`);
}

// Parses the JSON at `start`, checking that no key was lost to a duplicate.
function parseAt(text: string, start: number, what: string): { value: unknown; end: number } {
  const raw = text.slice(start, jsonEnd(text, start));
  const value: unknown = JSON.parse(raw);
  const rawKeys = raw.match(/"(?:[^"\\]|\\.)*"\s*:/g)?.length ?? 0;
  const keys = (function count(v: unknown): number {
    if (Array.isArray(v)) {
      return v.reduce((n: number, x: unknown) => n + count(x), 0);
    }
    if (v && typeof v === "object") {
      return Object.values(v).reduce((n: number, x: unknown) => n + 1 + count(x), 0);
    }
    return 0;
  })(value);
  if (rawKeys !== keys) {
    throw new Error(`${what}: ${rawKeys} keys in the text but ${keys} after parsing`);
  }
  return { value, end: start + raw.length };
}

type ManifestEntry = Omit<Seed, "status"> & { kind: "request" | "response"; status: number | null };
const manifest: Record<string, ManifestEntry> = {};
const write = (file: string, value: unknown, entry: ManifestEntry) => {
  writeFileSync(new URL(file, outDir), `${JSON.stringify(value, null, 2)}\n`);
  manifest[file] = entry;
  console.log(`${file}`);
};

for (const name of readdirSync(seedsDir)
  .filter((n) => n.endsWith(".txt"))
  .sort()) {
  const seed = SEEDS[name.slice(0, 3)];
  if (!seed) {
    throw new Error(`${name}: unknown seed page`);
  }
  const { status, ...operation } = seed;
  const page = readFileSync(join(seedsDir, name), "utf8");

  // Some pages repeat their content: only the first curl command and what follows it count.
  const first = page.indexOf("curl --request");
  if (first < 0) {
    throw new Error(`${name}: no curl command`);
  }
  const again = page.indexOf("curl --request", first + 1);
  const text = page.slice(first, again < 0 ? undefined : again);

  let from = 0;
  const data = text.indexOf("--data '");
  if (data >= 0) {
    const start = text.slice(data + 8).search(/\S/) + data + 8;
    const request = parseAt(text, start, `${name} request`);
    write(`${seed.operationId}.request.json`, request.value, { ...operation, kind: "request", status: null });
    from = request.end;
  }

  // The response example opens a line, or follows the quote closing `--data '…'`.
  const match = /(?:^|')[ \t]*([[{])/m.exec(text.slice(from));
  if (!match) {
    throw new Error(`${name}: no response example`);
  }
  const start = from + match.index + match[0].length - 1;
  const response = parseAt(text, start, `${name} response`);
  write(`${seed.operationId}.response.json`, response.value, { ...operation, kind: "response", status });
}

writeFileSync(new URL("manifest.json", outDir), `${JSON.stringify(manifest, null, 2)}\n`);
console.log("manifest.json");
