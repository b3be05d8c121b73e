// startMock is ready only when its own process listens: an answer from another
// server on the same port must never pass for the mock's. The process it
// starts is the compiled server itself (its PID is the mock's), and it accepts
// the tokens it was given.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MockListenError, START_TIMEOUT_MS, startMock } from "../src/index.ts";

let impostor: Server;
beforeAll(async () => {
  impostor = createServer((_, response) => response.end("not the mock"));
  await new Promise<void>((resolve) => impostor.listen(0, "127.0.0.1", resolve));
});
afterAll(() => new Promise<void>((resolve) => impostor.close(() => resolve())));

it("fails, naming the cause, when another server holds the port it was given", {
  timeout: START_TIMEOUT_MS,
}, async () => {
  const { port } = impostor.address() as AddressInfo;
  const failure = await startMock({ port }).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(MockListenError);
  expect(failure).toMatchObject({ code: "EADDRINUSE", host: "127.0.0.1", port });
  // In startMock's own terms: the bin's --port is not an option of the caller's.
  expect((failure as Error).message).toBe(
    `The mock could not listen: 127.0.0.1:${port} is already in use (EADDRINUSE); give startMock another port, or none for one the OS picks`,
  );
});

it("listens on a port the OS picked as it bound it, and says which", { timeout: START_TIMEOUT_MS }, async () => {
  const mock = await startMock();
  try {
    expect(mock.port).toBeGreaterThan(0);
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    const response = await fetch(`${mock.url}/nope`, { headers: { authorization: "Bearer test" } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: "NOT_FOUND" });
  } finally {
    await mock.stop();
  }
});

it("runs the compiled main.js in a process of its own, whose PID it returns, and accepts only the tokens given", {
  timeout: START_TIMEOUT_MS,
}, async () => {
  const mock = await startMock({ tokens: ["tok_start_1"] });
  try {
    const command = readFileSync(`/proc/${mock.pid}/cmdline`, "utf8").split("\0");
    expect(command[0]).toBe(process.execPath);
    expect(command[1]).toMatch(/\/dist\/main\.js$/);
    expect(command).toContain("--token=tok_start_1");
    const get = (token: string) =>
      fetch(`${mock.url}/companies/cmp_4Nq7XbT2kLw9RcV3/checkout/pro_9Tx4KbW7mLq2`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await get("tok_start_1")).status).toBe(200);
    expect((await get("test")).status).toBe(401);
  } finally {
    await mock.stop();
  }
});
