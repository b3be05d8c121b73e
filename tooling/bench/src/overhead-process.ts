// The overhead benchmark's measuring process, started by `benchOverhead`
// (src/overhead.ts) as `node --expose-gc --no-minor-gc-task
// --no-incremental-marking-task --no-memory-reducer --import tsx
// src/overhead-process.ts`. Takes `{ options }` over IPC, runs
// `measureOverhead` and answers `{ log }` lines, then `{ result }` (or
// `{ error }`), and exits.
import { type MeasuringMessage, measureOverhead, type OverheadOptions } from "./overhead.ts";

const say = (message: MeasuringMessage) =>
  new Promise<void>((resolve) => process.send?.(message, () => resolve()) ?? resolve());

process.once("message", async (message: { options?: Omit<OverheadOptions, "log"> }) => {
  try {
    const result = await measureOverhead({ ...message.options, log: (line) => void say({ log: line }) });
    await say({ result });
  } catch (error) {
    await say({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  process.disconnect();
});
// Started by the benchmark: stop when it says so (by PID) or when it is gone.
process.once("SIGTERM", () => process.exit(0));
process.once("disconnect", () => process.exit(0));
