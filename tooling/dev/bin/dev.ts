// `pnpm dev [--spec-dir=openapi] [--port=8080] [--mock-port=4010] [--no-mock] [--no-generate]`:
// the edit loop of the spec (src/loop.ts). Ctrl-C ends everything it started and exits 0.
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "@billing-api/repository";
import { type DevLoop, startDev } from "../src/loop.ts";
import { PortError } from "../src/ports.ts";

const USAGE = "Usage: pnpm dev [--spec-dir=<dir>] [--port=<n>] [--mock-port=<n>] [--no-mock] [--no-generate]";
let values: {
  "spec-dir"?: string;
  port?: string;
  "mock-port"?: string;
  "no-mock"?: boolean;
  "no-generate"?: boolean;
  help?: boolean;
};
try {
  ({ values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== "--"),
    options: {
      "spec-dir": { type: "string" },
      port: { type: "string" },
      "mock-port": { type: "string" },
      "no-mock": { type: "boolean" },
      "no-generate": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function portOf(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) {
    return fallback;
  }
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`--${name} must be a TCP port number (0-65535; 0 lets the OS pick), got ${JSON.stringify(text)}.`);
    process.exit(2);
  }
  return port;
}

const port = portOf("port", values.port ?? (process.env.PORT || undefined), 8080);
const mockPort = values["no-mock"]
  ? false
  : portOf("mock-port", values["mock-port"] ?? (process.env.MOCK_PORT || undefined), 4010);

const starting: Promise<DevLoop> = startDev({
  specDir: values["spec-dir"] ?? join(ROOT, "openapi"),
  port,
  mockPort,
  generate: !values["no-generate"],
});

// Ctrl-C (or SIGTERM) stops the loop once it is up, which ends every process it started, by PID.
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) {
      return;
    }
    stopping = true;
    const loop = await starting.catch(() => undefined);
    await loop?.stop();
    console.log("pnpm dev: stopped.");
    process.exit(0);
  });
}

try {
  await starting;
} catch (error) {
  // The reason, whole (a build step's includes its output); never a stack.
  console.error(
    error instanceof PortError ? `pnpm dev: ${error.message}` : `pnpm dev could not start: ${(error as Error).message}`,
  );
  process.exit(1);
}
