// `pnpm mock`: serves the bundled spec with Prism until Ctrl-C.
import { DEFAULT_PORT } from "./defaults.ts";
import { type RunningMock, startMock } from "./index.ts";

const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  console.error(`PORT must be a TCP port number (1-65535), got ${JSON.stringify(process.env.PORT)}.`);
  process.exit(2);
}

let mock: RunningMock;
try {
  mock = await startMock({ port, stdio: "inherit" });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
console.log(`\nBilling API mock listening on ${mock.url} (Ctrl-C to stop)`);
console.log(
  `Try: curl -s -X POST ${mock.url}/checkout-sessions -H 'Authorization: Bearer test' -H 'Content-Type: application/json' -d '{"customer_id":"cus_1","plan_version_id":"plv_1"}'\n`,
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await mock.stop();
    console.log("Mock stopped.");
    process.exit(0);
  });
}
