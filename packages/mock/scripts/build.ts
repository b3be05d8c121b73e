// Builds dist/: src/ compiled by tsc (tsconfig.build.json: ESM with .d.ts), and
// the bundled spec of @billing-api/openapi copied in as dist/openapi.yaml, the
// contract this build of the mock serves (src/spec-path.ts).
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const spec = join(require.resolve("@billing-api/openapi/package.json"), "../dist/openapi.yaml");
if (!existsSync(spec)) {
  console.error(
    `✖ The bundled spec is not there (${spec}): run \`pnpm bundle\` at the repository root, then this build again.`,
  );
  process.exit(1);
}

rmSync(join(root, "dist"), { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
  cwd: root,
  stdio: "inherit",
});
if (tsc.status !== 0) {
  process.exit(tsc.status ?? 1);
}
copyFileSync(spec, join(root, "dist/openapi.yaml"));
console.log("Built dist/ (ESM with type declarations) and copied the bundled spec to dist/openapi.yaml.");
