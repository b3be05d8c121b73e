// The tests start the mock as users do, from dist/ (startMock spawns
// dist/main.js), so a test run after an edit of src/ must not serve the build
// before it: `pnpm build` runs first when a file of src/, the build script or
// the bundled spec is newer than the build (turbo's `test` has built it already).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
/** When a file was last written; never, for one that is not there. */
const modified = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : Number.NEGATIVE_INFINITY);

export default function setup(): void {
  const built = Math.min(modified(join(root, "dist/main.js")), modified(join(root, "dist/openapi.yaml")));
  const spec = join(
    createRequire(import.meta.url).resolve("@billing-api/openapi/package.json"),
    "../dist/openapi.yaml",
  );
  const inputs = [
    ...readdirSync(join(root, "src")).map((file) => join(root, "src", file)),
    join(root, "scripts/build.ts"),
    spec,
  ];
  if (inputs.every((file) => existsSync(file) && modified(file) <= built)) {
    return;
  }
  const build = spawnSync("pnpm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) {
    throw new Error(
      `\`pnpm build\` in packages/mock failed (exit ${build.status ?? build.signal}): what it printed above says why.`,
    );
  }
}
