// The overhead benchmark's loopback server, in a process of its own so that its
// work never runs on the measuring process's thread:
// `node --import tsx src/loopback-server.ts <listeners>`. Listens on
// 127.0.0.1 with `<listeners>` servers on ports the OS picks (one per
// contender, so no two contenders share a connection pool), names the ports
// over IPC as `{ listening: number[] }`, and answers each call with the spec's
// example, or 400 when the request is not the one every contender must send
// (src/overhead-fixture.ts). Ends on SIGTERM, or when its parent goes.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ANSWERS, requestProblem } from "./overhead-fixture.ts";

const count = Number(process.argv[2] ?? "1");
if (!Number.isInteger(count) || count < 1) {
  throw new Error(`loopback-server: <listeners> must be a whole number above 0, got ${process.argv[2]}`);
}

const prepared = Object.fromEntries(
  Object.entries(ANSWERS).map(([method, { status, json }]) => [
    method,
    {
      status,
      body: Buffer.from(json),
      headers: {
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(json)),
        "x-request-id": "req_bench",
      },
    },
  ]),
);

function answer(request: IncomingMessage, response: ServerResponse, body: string): void {
  const method = request.method ?? "";
  const problem = requestProblem(
    method,
    request.url ?? "",
    (name) => request.headers[name] as string | undefined,
    body,
  );
  const ready = prepared[method];
  if (problem || !ready) {
    const error = JSON.stringify({
      code: "BAD_REQUEST",
      message: `The benchmark's server refused the request: ${problem}.`,
    });
    response.writeHead(400, { "content-type": "application/json", "content-length": String(Buffer.byteLength(error)) });
    response.end(error);
    return;
  }
  response.writeHead(ready.status, ready.headers);
  response.end(ready.body);
}

const ports: number[] = [];
for (let i = 0; i < count; i++) {
  const server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
    });
    request.on("end", () => answer(request, response, body));
  });
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  ports.push((server.address() as AddressInfo).port);
}
process.send?.({ listening: ports });
// Started by the benchmark: stop when it says so (by PID) or when it is gone.
process.once("SIGTERM", () => process.exit(0));
process.once("disconnect", () => process.exit(0));
