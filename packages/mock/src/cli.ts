// The command line of `billing-api-mock` (src/main.ts): its flags, read with
// node:util's parseArgs, and checked before anything is loaded. `-h` is
// --host, as in prism-cli; help is --help only.
import { parseArgs } from "node:util";
import { DEFAULT_HOST, DEFAULT_PORT } from "./defaults.ts";

export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const USAGE =
  "usage: billing-api-mock [--port|-p <n>] [--host|-h <address>] [--token <token>]… [--spec <file>] [--dynamic|-d] [--seed <s>] [--log-level <level>] [--help]";

export const HELP = `${USAGE}

A mock server of the billing API, answering from the spec bundled in this package.

  -p, --port <n>         TCP port to listen on (default ${DEFAULT_PORT}; 0 lets the OS pick one)
  -h, --host <address>   address to listen on (default ${DEFAULT_HOST})
      --token <token>    a bearer token to accept (repeat for more); without any, every token
                         of the mock's test form (one starting with \`test\`) is accepted
      --spec <file>      another bundled spec to serve (YAML or JSON)
  -d, --dynamic          answer with bodies generated from the schemas instead of the examples
      --seed <s>         seed of the generated bodies, for repeatable answers
      --log-level <l>    ${LOG_LEVELS.join(", ")} (default warn; info logs one line per request)
      --help             this help

Ctrl-C (SIGINT) or SIGTERM stops it.`;

export interface CommandLine {
  port: number;
  host: string;
  tokens: string[];
  specPath: string | undefined;
  dynamic: boolean;
  seed: string | undefined;
  logLevel: LogLevel;
}

const parse = (args: readonly string[]) =>
  parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string", short: "p" },
      host: { type: "string", short: "h" },
      token: { type: "string", multiple: true },
      spec: { type: "string" },
      dynamic: { type: "boolean", short: "d" },
      seed: { type: "string" },
      "log-level": { type: "string" },
      help: { type: "boolean" },
    },
  }).values;

/** What the arguments ask for: the mock's settings, the help, or why they are wrong (one line naming the flag). */
export function readCommandLine(
  args: readonly string[],
): { options: CommandLine } | { help: true } | { error: string } {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(args);
  } catch (error) {
    // parseArgs names the flag in its first line; the lines after it are advice of its own.
    const line = (error as Error).message.split("\n")[0]!.replace(/\. To specify .*$|\. This command .*$/, "");
    return { error: line.startsWith("Option '-h, --host") ? `${line} (-h is --host; help is --help)` : line };
  }
  if (values.help) {
    return { help: true };
  }

  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (values.port !== undefined && (!/^\d+$/.test(values.port) || port > 65_535)) {
    return {
      error: `--port must be a TCP port number (0-65535; 0 lets the OS pick), got ${JSON.stringify(values.port)}`,
    };
  }
  const host = values.host ?? DEFAULT_HOST;
  if (!host.trim()) {
    return { error: "--host must name an address, such as 127.0.0.1" };
  }
  const tokens = values.token ?? [];
  const badToken = tokens.find((token) => !/^[\x21-\x7e]+$/.test(token));
  if (badToken !== undefined) {
    return {
      error: `--token must be printable ASCII without spaces, as a bearer token is, got ${JSON.stringify(badToken)}`,
    };
  }
  if (values.spec !== undefined && !values.spec.trim()) {
    return { error: "--spec must name a file" };
  }
  const logLevel = values["log-level"] ?? "warn";
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    return { error: `--log-level must be one of ${LOG_LEVELS.join(", ")}, got ${JSON.stringify(logLevel)}` };
  }
  return {
    options: {
      port,
      host,
      tokens,
      specPath: values.spec,
      dynamic: values.dynamic ?? false,
      seed: values.seed,
      logLevel: logLevel as LogLevel,
    },
  };
}
