// The mock's logger: one line per event on stderr, and the logger Prism is handed.
import type * as PrismHttp from "@stoplight/prism-http";

type PrismLogger = Parameters<typeof PrismHttp.createInstance>[1]["logger"];

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
type Level = keyof typeof LEVELS;

/**
 * A logger: one line per event on stderr, at `level` and above. Request lines
 * carry the method, the path, the status and the time taken, never a body or
 * a header value.
 */
export function createLogger(level = "warn") {
  const threshold = (LEVELS as Record<string, number | undefined>)[level] ?? LEVELS.warn;
  const write =
    (at: Level) =>
    (...args: unknown[]) => {
      if (LEVELS[at] < threshold) {
        return;
      }
      const message = args.find((arg) => typeof arg === "string") ?? "";
      process.stderr.write(`[mock] ${at}: ${message}\n`);
    };
  // Prism's own messages are about its choices (which example, which status); they go to debug.
  const prism = {
    child: () => prism,
    trace() {},
    debug: write("debug"),
    info: write("debug"),
    success: write("debug"),
    warn: write("debug"),
    error: write("warn"),
    fatal: write("error"),
  };
  // Prism calls only these methods of its (pino) logger.
  return {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    prism: prism as unknown as PrismLogger,
  };
}
