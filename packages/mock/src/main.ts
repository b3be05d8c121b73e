#!/usr/bin/env node
// The mock's process, and the bin `billing-api-mock` (flags: src/cli.ts).
// `startMock` (src/index.ts) spawns this file too, with an IPC channel: it is
// then told the port it listens on (`{ listening: port }`), and nothing is
// printed but the log, and a port or address it cannot listen on is sent as
// `{ listenError }` before it exits 1. Stops on SIGTERM or SIGINT. A flag that
// is wrong is one line naming it, then the usage (exit 2); a port or address it
// cannot listen on is one line naming the flag (exit 1).
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { HELP, readCommandLine, USAGE } from "./cli.ts";
import { specPath as bundledSpec } from "./spec-path.ts";

const NAME = "billing-api-mock";
const managed = process.send !== undefined;

function fail(code: number, line: string, usage = false): never {
  console.error(`${NAME}: ${line}${usage ? `\n${USAGE}` : ""}`);
  process.exit(code);
}

const read = readCommandLine(process.argv.slice(2));
if ("error" in read) {
  fail(2, read.error, true);
}
if ("help" in read) {
  console.log(HELP);
  process.exit(0);
}
const { port, host, tokens, dynamic, seed, logLevel } = read.options;
const specPath = read.options.specPath ?? bundledSpec;
if (!existsSync(specPath)) {
  if (read.options.specPath !== undefined) {
    fail(2, `--spec ${specPath}: no such file`, true);
  }
  fail(
    1,
    `the bundled spec is missing (${specPath}): reinstall @billing-api/mock, or serve another one with --spec <file>`,
  );
}

// Loaded once the flags are known good: Prism takes a while to load.
const { createMockServer } = await import("./server.ts");
let server: Awaited<ReturnType<typeof createMockServer>>;
try {
  server = await createMockServer({ specPath, dynamic, seed, logLevel, tokens });
} catch (error) {
  fail(1, `could not read the spec ${specPath}: ${String((error as Error).message ?? error).split("\n")[0]}`);
}

/** Why the server cannot listen, and, for the bin, the flag that changes it. */
function listenProblem(error: NodeJS.ErrnoException): { reason: string; advice: string } {
  const where = `${host}:${port}`;
  switch (error.code) {
    case "EADDRINUSE":
      return {
        reason: `${where} is already in use (EADDRINUSE)`,
        advice: `--port ${port}: ${where} is already in use (EADDRINUSE); choose another --port, or --port 0 for any free one`,
      };
    case "EACCES":
      return {
        reason: `not allowed to listen on ${where} (EACCES)`,
        advice: `--port ${port}: not allowed to listen on ${where} (EACCES); choose a port above 1023`,
      };
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return {
        reason: `${host} is not an address of this machine (${error.code})`,
        advice: `--host ${host}: cannot listen on this address (${error.code}); use an address of this machine, such as 127.0.0.1`,
      };
    default:
      return {
        reason: `could not listen on ${where}: ${error.message}`,
        advice: `could not listen on ${where}: ${error.message}`,
      };
  }
}

server.on("error", (error: NodeJS.ErrnoException) => {
  const { reason, advice } = listenProblem(error);
  if (managed) {
    // startMock words it in its own options (MockListenError): the bin's flags are not the caller's.
    process.send?.({ listenError: { code: error.code ?? "UNKNOWN", reason } }, () => process.exit(1));
    return;
  }
  fail(1, advice);
});

server.listen(port, host, () => {
  // With --port 0 the OS chose the port: this is where it says which.
  const { port: listening } = server.address() as AddressInfo;
  if (managed) {
    process.send?.({ listening });
    return;
  }
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${listening}`;
  console.log(`Billing API mock listening on ${url} (Ctrl-C to stop)`);
  console.log(
    `Try: curl -s -X POST ${url}/checkout-sessions -H 'Authorization: Bearer ${tokens[0] ?? "test"}' -H 'Content-Type: application/json' -d '{"customer_id":"cus_1","plan_version_id":"plv_1"}'`,
  );
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close(() => {
      if (!managed) {
        console.log("Mock stopped.");
      }
      process.exit(0);
    });
    server.closeAllConnections();
  });
}
