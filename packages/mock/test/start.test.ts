// startMock is ready only when its own process listens: an answer from another
// server on the same port must never pass for the mock's.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { START_TIMEOUT_MS, startMock } from "../src/index.ts";

let impostor: Server;
beforeAll(async () => {
  impostor = createServer((_, response) => response.end("not the mock"));
  await new Promise<void>((resolve) => impostor.listen(0, "127.0.0.1", resolve));
});
afterAll(() => new Promise<void>((resolve) => impostor.close(() => resolve())));

it("fails, naming the cause, when another server holds the port it was given", { timeout: START_TIMEOUT_MS }, async () => {
  const { port } = impostor.address() as AddressInfo;
  await expect(startMock({ port })).rejects.toThrow(/exited before it was ready[\s\S]*EADDRINUSE/);
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
