// What the reference does not need, run once the spec is quiet: the mock
// restarted on the new bundle, the generated types and client, and the YAML
// bundle, each only when what it reads of the bundle changed.
import { join } from "node:path";
import { PortError } from "./ports.ts";
import { type DevContext, seconds } from "./state.ts";
import {
  bundle,
  GENERATOR_INPUTS,
  type Generator,
  generate,
  hash,
  replaceFile,
  type SpecShape,
  shown,
} from "./steps.ts";

/** Stops the mock (if one runs) and starts it on the bundle whose hash is `forHash`. */
export async function restartMock(ctx: DevContext, forHash: string): Promise<void> {
  const { state, mockLibrary, log, distDir } = ctx;
  if (!mockLibrary) {
    return;
  }
  const begun = performance.now();
  const restarting = state.mock !== undefined;
  if (state.mock) {
    const old = state.mock;
    state.mock = undefined;
    await old.stop();
  }
  if (state.stopping) {
    return;
  }
  try {
    state.mock = await mockLibrary.startMock({
      port: state.mockPort,
      specPath: join(distDir, "openapi.json"),
      stdio: "pipe",
      onOutput: (chunk) => process.stderr.write(chunk),
      readyTimeoutMs: 120_000,
    });
    state.mockPort = state.mock.port;
    if (restarting) {
      log(
        `  mock restarted on ${state.mock.url} with build ${state.build} (pid ${state.mock.pid}, ${seconds(performance.now() - begun)})`,
      );
    }
  } catch (error) {
    const reason =
      error instanceof mockLibrary.MockListenError
        ? new PortError("mock", error.host, error.port, error.code).message
        : (error as Error).message.split("\n")[0];
    log(`  ✖ the mock did not start on build ${state.build}: ${reason}`);
  }
  state.mockHash = forHash;
  if (state.stopping && state.mock) {
    await state.mock.stop();
  }
}

/** The mock, when the bundle changed since it started. */
function mockStep(ctx: DevContext): Promise<void> | undefined {
  const { currentJson, mockHash } = ctx.state;
  const current = currentJson === undefined ? undefined : hash(currentJson);
  return current !== undefined && mockHash !== current ? restartMock(ctx, current) : undefined;
}

/** One generator, when what it reads of the bundle changed since it last ran. */
function generatorStep(ctx: DevContext, generator: Generator): Promise<void> | undefined {
  const { state, log, distDir, intoRepository } = ctx;
  if (state.currentSpec === undefined) {
    return undefined;
  }
  const input = hash(GENERATOR_INPUTS[generator](state.currentSpec as SpecShape));
  if (state.generated[generator] === input) {
    return undefined;
  }
  return generate(generator, join(distDir, "openapi.json"), {
    intoRepository,
    outDir: join(distDir, "generated"),
  }).then((result) => {
    if (state.stopping) {
      return;
    }
    state.generated[generator] = input;
    if (!result.ok) {
      log(`  ✖ ${generator} generation failed (${seconds(result.ms)}):\n${result.output.replace(/^/gm, "    ")}`);
    } else if (result.changed) {
      log(`  ${generator} regenerated: ${shown(result.file)} (${seconds(result.ms)})`);
    }
  });
}

/** The YAML bundle, when the bundle changed since it was written. */
function yamlStep(ctx: DevContext): Promise<void> | undefined {
  const { state, specDir, distDir } = ctx;
  if (state.currentJson === undefined) {
    return undefined;
  }
  const current = hash(state.currentJson);
  if (state.yamlHash === current) {
    return undefined;
  }
  return bundle(specDir, "yaml", { nice: 10 }).then((result) => {
    if (state.stopping || result.text === undefined) {
      return;
    }
    replaceFile(join(distDir, "openapi.yaml"), result.text);
    state.yamlHash = current;
  });
}

/**
 * One step at a time, so that a rebuild started by a save meanwhile shares the two cores
 * with one process at most; once `interrupted` says so (a save came), the remaining steps
 * are left to the follow-up that the next rebuild schedules.
 */
export async function followUp(ctx: DevContext, interrupted: () => boolean): Promise<void> {
  const steps: Array<() => Promise<void> | undefined> = [
    () => mockStep(ctx),
    ...(ctx.generate ? (Object.keys(GENERATOR_INPUTS) as Generator[]) : []).map(
      (generator) => () => generatorStep(ctx, generator),
    ),
    () => yamlStep(ctx),
  ];
  for (const step of steps) {
    if (ctx.state.stopping || interrupted()) {
      return;
    }
    await step();
  }
}
