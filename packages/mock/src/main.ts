// The mock's process: `node --import tsx src/main.ts --port <n> [--host 127.0.0.1] [--dynamic]
// [--seed <s>] [--log-level warn] [--spec <bundled spec>]`. Started by `startMock` (src/index.ts),
// which waits for its first answer; stops on SIGTERM or SIGINT.
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { DEFAULT_HOST, DEFAULT_PORT } from "./defaults.ts";
import { createMockServer } from "./server.ts";
import { specPath } from "./spec-path.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: String(DEFAULT_PORT) },
    host: { type: "string", default: DEFAULT_HOST },
    dynamic: { type: "boolean", default: false },
    seed: { type: "string" },
    "log-level": { type: "string", default: "warn" },
    spec: { type: "string", default: specPath },
  },
});

const server = await createMockServer({ specPath: values.spec, dynamic: values.dynamic, seed: values.seed, logLevel: values["log-level"] });
server.listen(Number(values.port), values.host, () => {
  // Started by startMock: say which port this is (with --port 0 the OS chose it).
  process.send?.({ listening: (server.address() as AddressInfo).port });
});
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
