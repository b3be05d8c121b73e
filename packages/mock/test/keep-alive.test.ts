// The mock never closes an idle keep-alive connection itself: the client does.
// With Node's default server timer (5 s, plus 1 s) the server closed
// connections that already carried the client's next request whenever it was
// busy for a few seconds, and the client got ECONNRESET (src/server.ts).
import { Agent, request } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningMock, START_TIMEOUT_MS, startMock } from "../src/index.ts";

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ logLevel: "warn" });
}, START_TIMEOUT_MS);
afterAll(() => mock?.stop());

function get(url: string, agent: Agent) {
  return new Promise<{ status: number | undefined; reused: boolean; keepAlive: string | string[] | undefined }>(
    (resolve, reject) => {
      const req = request(url, { agent }, (response) => {
        response.resume();
        response.on("end", () =>
          resolve({ status: response.statusCode, reused: req.reusedSocket, keepAlive: response.headers["keep-alive"] }),
        );
      });
      req.on("error", reject).end();
    },
  );
}

it("keeps an idle connection open past Node's server idle timeout", async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await get(mock.url, agent);
    expect(first.reused).toBe(false);
    expect(first.keepAlive, "no idle-timeout hint for the client to race").toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    const second = await get(mock.url, agent);
    expect(second).toMatchObject({ status: first.status, reused: true });
  } finally {
    agent.destroy();
  }
}, 60_000);
