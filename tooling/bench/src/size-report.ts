// The size benchmark's section of the report.
import type { BundleSizes } from "@billing-api/guardrails/bundle-size";
import { table } from "./markdown.ts";
import { bytes, count, ms } from "./report-format.ts";
import type { SizeBenchResult } from "./size.ts";

type AppName = keyof BundleSizes["apps"];
const APP_LABELS: Record<AppName, string> = {
  operation: "one operation function (`createTransport` and the operation's function)",
  client: "`createBillingClient`",
  "openapi-fetch": "bare openapi-fetch",
};
const APP_NAMES = Object.keys(APP_LABELS) as AppName[];

export function renderSize(result: SizeBenchResult): string {
  const { real, synthesized } = result;
  const largest = synthesized.at(-1);
  const limits: Record<AppName, string> = {
    operation: `target ${bytes(real.target_gzip_bytes)}, budget ${bytes(real.budget_gzip_bytes)}`,
    client: `budget ${bytes(real.client_budget_gzip_bytes)}`,
    "openapi-fetch": "",
  };
  const modules = [...new Set(APP_NAMES.flatMap((name) => real.apps[name].modules.map((entry) => entry.module)))];
  const moduleBytes = (name: AppName, module: string) => {
    const entry = real.apps[name].modules.find((item) => item.module === module);
    return entry ? bytes(entry.minified_bytes) : "";
  };
  const parts = [
    `Three apps, each making one call${real.call ? ` (\`${real.call.operation}\`, the spec's first read by id)` : " (the spec's first read by id)"}, bundled by ${real.bundler}.`,
    `**The real client** (${real.operations} operations):`,
    table(
      ["app", "minified", "gzipped", "limits"],
      APP_NAMES.map((name) => [
        APP_LABELS[name],
        bytes(real.apps[name].minified_bytes),
        bytes(real.apps[name].gzip_bytes),
        limits[name],
      ]),
      ["left", "right", "right", "left"],
    ),
    real.operation_gzip_bytes <= real.target_gzip_bytes
      ? `The operation app is within the target of ${bytes(real.target_gzip_bytes)}.`
      : `**The operation app is over the target of ${bytes(real.target_gzip_bytes)} by ${bytes(real.operation_gzip_bytes - real.target_gzip_bytes)}.**`,
    "What each module puts in each app (minified, before gzip):",
    table(
      ["module", ...APP_NAMES.map((name) => APP_LABELS[name])],
      modules.map((module) => [`\`${module}\``, ...APP_NAMES.map((name) => moduleBytes(name, module))]),
      ["left", "right", "right", "right"],
    ),
  ];
  if (largest) {
    const growth = (name: AppName) => largest.sizes.apps[name].gzip_bytes - real.apps[name].gzip_bytes;
    const signed = (n: number) => `${n >= 0 ? "+" : "−"}${bytes(Math.abs(n))}`;
    parts.push(
      "**Against the number of operations**: the same apps bundled against clients generated from synthesized specs (`src/synthesize-spec.ts`), gzipped (minified in brackets):",
      table(
        [
          "app",
          `real, ${real.operations} ops`,
          ...synthesized.map((size) => `${count(size.operations)} ops`),
          `change, ${real.operations} → ${count(largest.operations)} ops`,
        ],
        APP_NAMES.map((name) => [
          APP_LABELS[name],
          `${bytes(real.apps[name].gzip_bytes)} (${bytes(real.apps[name].minified_bytes)})`,
          ...synthesized.map(
            (size) => `${bytes(size.sizes.apps[name].gzip_bytes)} (${bytes(size.sizes.apps[name].minified_bytes)})`,
          ),
          signed(growth(name)),
        ]),
        ["left", ...synthesized.map((): "right" => "right"), "right", "right"],
      ),
      `From ${real.operations} to ${count(largest.operations)} operations the operation app changes by ${signed(growth("operation"))} gzipped (a bundler keeps only the operation it imports), while the \`createBillingClient\` app grows by ${signed(growth("client"))}, about ${(growth("client") / (largest.operations - real.operations)).toFixed(1)} B per operation (it carries every operation's function and method).`,
      `How a synthesized client is built: ${result.build}. ${
        largest.sizes.call
          ? `The apps call each synthesized spec's own first read by id (\`${largest.sizes.call.operation}\` in the largest).`
          : "One get-by-id operation of each synthesized spec was renamed as the real spec's and moved to its path, so the same app sources bundled against it; the operation count stayed the same."
      }`,
      table(
        ["spec", "bundled spec", "generated operations.ts", "generate", "build"],
        synthesized.map((size) => [
          `${count(size.operations)} ops`,
          bytes(size.spec_bytes),
          bytes(size.generated_bytes),
          ms(size.generate_ms),
          ms(size.build_ms),
        ]),
        ["left", "right", "right", "right", "right"],
      ),
    );
  }
  parts.push(
    `\`pnpm check\` fails when the operation app exceeds ${bytes(real.budget_gzip_bytes)} or the \`createBillingClient\` app ${bytes(real.client_budget_gzip_bytes)} gzipped (\`tooling/guardrails/src/bundle-size.ts\`).`,
  );
  return parts.join("\n\n");
}
