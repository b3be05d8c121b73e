// The environment the consumers run in: a user's shell, not pnpm's; under
// libfaketime, with the one setting that keeps runtimes from crashing in its
// exit handler (src/project.ts, underFaketime).
import { expect, it } from "vitest";
import { userEnv } from "../src/project.ts";

const shell = {
  PATH: "/usr/bin",
  HOME: "/home/u",
  npm_config_registry: "x",
  PNPM_HOME: "y",
  NODE_OPTIONS: "--inspect",
  TURBO_HASH: "z",
};

it("drops what pnpm, turbo and Vitest added, and keeps the rest", () => {
  expect(userEnv({ EXTRA: "1" }, shell)).toEqual({ PATH: "/usr/bin", HOME: "/home/u", NO_COLOR: "1", EXTRA: "1" });
});

it("under libfaketime keeps its variables and adds NO_FAKE_STAT; without it, adds nothing", () => {
  const faked = { ...shell, LD_PRELOAD: "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1", FAKETIME: "+1y" };
  expect(userEnv({}, faked)).toMatchObject({ LD_PRELOAD: faked.LD_PRELOAD, FAKETIME: "+1y", NO_FAKE_STAT: "1" });
  expect(userEnv({}, { ...shell, LD_PRELOAD: "/usr/lib/libjemalloc.so" })).not.toHaveProperty("NO_FAKE_STAT");
});
