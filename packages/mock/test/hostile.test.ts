// The mock against hostile input: malformed targets and request lines,
// requests abandoned halfway, deep nesting, property floods, oversized and
// mis-encoded bodies. Every answer must be a 4xx carrying the API's ErrorBody;
// after each case the mock must still answer a valid request, the case having
// cost it at most a second of CPU (counted by the mock's own CPU time, which a
// loaded machine does not change as it does the wall clock); and after the
// whole burst its memory must be back within twice its idle size.
// Its log, at `info`, must show no body content.
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LIMITS, type RunningMock, START_TIMEOUT_MS, startMock } from "../src/index.ts";

const CODES = new Set([
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "UNPROCESSABLE_ENTITY",
  "TOO_MANY_REQUESTS",
  "INTERNAL_SERVER_ERROR",
]);
const VALID = { customer_id: "cus_3XbQ9mLk2Vt8RnY5Pw1Hd4", plan_version_id: "plv_7n42DGM5Tflk9n8mt7Fhc7" };
/** A marker in bodies that must never reach the log. */
const SECRET = "body_marker_9Vt2Qx7Lm4";

let mock: RunningMock;
let url: string;
let port: number;
let log = "";
let idleRss: number;
/** The mock's CPU time when the running case began. */
let cpuAtStart: number;

/** The CPU one hostile case may cost the mock, the probe after it included: a bound this suite chose (a case takes tens of ms here). */
const CASE_CPU_MS = 1_000;

/** The mock's resident memory, in kB, from /proc. */
function rssKb() {
  const status = readFileSync(`/proc/${mock.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${url}/checkout-sessions`, {
    method: "POST",
    headers: { authorization: "Bearer test", "content-type": "application/json", ...headers },
    body,
  });

/** A valid request answers 200: the mock is still serving. */
async function expectServing() {
  const response = await post(JSON.stringify(VALID), { "x-note": "probe" }).then(
    (r) => r,
    (e) => e,
  );
  expect(response).toBeInstanceOf(Response);
  expect(response.status).toBe(200);
  await response.arrayBuffer();
}

/** The mock still answers a valid request, and the case so far cost it at most CASE_CPU_MS of CPU. */
async function expectStillServing() {
  await expectServing();
  const used = mock.cpuTimeMs()! - cpuAtStart;
  expect(used, `CPU the mock used on this case (ms)`).toBeLessThanOrEqual(CASE_CPU_MS);
}

/** The answer is `status` with an ErrorBody: a documented `code` and a message. */
async function expectErrorBody(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await response.json()) as { code: string; message: unknown; details?: unknown[] };
  expect(CODES.has(body.code), `code ${body.code}`).toBe(true);
  expect(typeof body.message).toBe("string");
  expect(Object.keys(body).every((key) => ["code", "message", "details"].includes(key))).toBe(true);
  return body;
}

/** Sends raw bytes on a new connection and resolves with what came back before the server closed it (or 2 s passed). */
function raw(bytes: string, { keepOpenMs = 2_000 } = {}) {
  return new Promise<string>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(received);
    };
    const timer = setTimeout(done, keepOpenMs);
    socket.on("data", (chunk) => (received += chunk.toString("latin1")));
    socket.on("close", done);
    socket.on("error", done);
    socket.write(bytes);
  });
}

beforeAll(async () => {
  mock = await startMock({ logLevel: "info", onOutput: (chunk) => (log += chunk) });
  ({ url, port } = mock);
  // Idle: started and warmed by a few valid requests.
  for (let i = 0; i < 20; i++) {
    await expectServing();
  }
  idleRss = rssKb();
}, START_TIMEOUT_MS);

afterAll(() => mock?.stop());
beforeEach(() => {
  cpuAtStart = mock.cpuTimeMs()!;
});

describe("the mock under hostile input", { timeout: 60_000 }, () => {
  it.each([
    ["a bare percent", "GET /% HTTP/1.1\r\nHost: x\r\n\r\n"],
    ["a percent-encoded byte that is not UTF-8", "GET /%ff HTTP/1.1\r\nHost: x\r\n\r\n"],
    ["a cut-off UTF-8 sequence", "GET /%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n"],
    ["an absolute target with a broken host", "GET http://[::1 HTTP/1.1\r\nHost: x\r\n\r\n"],
    ["a request line that is not HTTP", "HELLO\r\n\r\n"],
    ["a header line without a colon", "GET / HTTP/1.1\r\nHost x\r\n\r\n"],
  ])("answers %s with a 4xx and keeps serving", async (_, request) => {
    const answer = await raw(request);
    expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /);
    await expectStillServing();
  });

  it("answers an unknown path with 404 and another method with 405 and Allow, as ErrorBody", async () => {
    await expectErrorBody(await fetch(`${url}/nope`, { headers: { authorization: "Bearer test" } }), 404);
    const wrongMethod = await fetch(`${url}/checkout-sessions`, {
      method: "DELETE",
      headers: { authorization: "Bearer test" },
    });
    expect(wrongMethod.headers.get("allow")).toBe("POST");
    await expectErrorBody(wrongMethod, 405);
  });

  it("survives 100 requests abandoned halfway through their body", async () => {
    const body = JSON.stringify(VALID);
    for (let i = 0; i < 100; i++) {
      const request = `POST /checkout-sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`;
      await raw(request, { keepOpenMs: 20 });
    }
    await expectStillServing();
  });

  it(`refuses JSON nested deeper than ${LIMITS.depth} levels (10,000 here) with 400`, async () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const body = await expectErrorBody(await post(`{"customer_id":${deep}}`), 400);
    expect(body.message).toContain(`deeper than ${LIMITS.depth}`);
    await expectStillServing();
  });

  it("refuses 400,000 unknown properties (8 MB) with 413, and a flood under the byte limit by its count of values", async () => {
    const flood = (count: number) => `{${Array.from({ length: count }, (_, i) => `"p${i}":1`).join(",")}}`;
    await expectErrorBody(await post(flood(400_000)), 413);
    const underBytes = flood(50_000);
    expect(underBytes.length).toBeLessThan(LIMITS.bodyBytes);
    const body = await expectErrorBody(await post(underBytes), 413);
    expect(body.message).toContain(`more than ${LIMITS.values} values`);
    await expectStillServing();
  });

  it("lists at most 100 violations and counts the rest", async () => {
    const many: Record<string, unknown> = { ...VALID };
    for (let i = 0; i < 500; i++) {
      many[`unknown_${i}`] = 1;
    }
    const body = await expectErrorBody(await post(JSON.stringify(many)), 422);
    expect(body.details).toHaveLength(LIMITS.details);
    expect(body.message).toBe(`500 fields are invalid; the first ${LIMITS.details} are listed.`);
  });

  it("refuses a body over the byte limit with 413, with or without a Content-Length", async () => {
    const big = JSON.stringify({ ...VALID, padding: "x".repeat(11 * 1024 * 1024) });
    await expectErrorBody(await post(big), 413);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    // `duplex` (required with a stream body) is missing from the DOM lib's RequestInit.
    const chunked = await fetch(`${url}/checkout-sessions`, {
      method: "POST",
      headers: { authorization: "Bearer test", "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    await expectErrorBody(chunked, 413);
    await expectStillServing();
  });

  it(`closes the connection after a 413 when the declared body is over ${LIMITS.drainBytes} bytes, without reading it`, async () => {
    const answer = await raw(
      `POST /checkout-sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
    expect(answer).toContain('"code":"PAYLOAD_TOO_LARGE"');
    await expectStillServing();
  });

  it("refuses a body that is not UTF-8 with 400, and another charset with 415", async () => {
    const latin1 = Buffer.concat([Buffer.from('{"customer_id":"cus_'), Buffer.from([0xe9, 0xff]), Buffer.from('"}')]);
    const body = await expectErrorBody(await post(latin1), 400);
    expect(body.message).toBe("The body is not valid UTF-8.");
    await expectErrorBody(
      await post(JSON.stringify(VALID), { "content-type": "application/json; charset=iso-8859-1" }),
      415,
    );
    await expectErrorBody(await post(JSON.stringify(VALID), { "content-type": "text/plain" }), 415);
    await expectStillServing();
  });

  it("answers a missing token with 401 before it reads the body", async () => {
    const body = await expectErrorBody(await post("{not json", { authorization: "" }), 401);
    expect(body.code).toBe("UNAUTHORIZED");
  });

  it("is back within twice its idle memory after the burst", async () => {
    // A hostile burst of its own, then time for the collector: memory must come back down.
    const flood = `{${Array.from({ length: 9_000 }, (_, i) => `"p${i}":1`).join(",")}}`;
    for (let i = 0; i < 20; i++) {
      await (await post(flood)).arrayBuffer();
    }
    let rss = rssKb();
    for (let i = 0; i < 50 && rss > idleRss * 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expectServing();
      rss = rssKb();
    }
    expect(rss, `idle ${idleRss} kB, after the burst ${rss} kB`).toBeLessThanOrEqual(idleRss * 2);
    console.log(
      `mock RSS: idle ${Math.round(idleRss / 1024)} MB, after the hostile burst ${Math.round(rss / 1024)} MB`,
    );
  });

  it("logs each request without any of its body", async () => {
    const from = log.length;
    await post(JSON.stringify({ ...VALID, note: SECRET }));
    await post(JSON.stringify({ customer_id: SECRET }));
    // The log comes through a pipe: wait for both lines, however long a busy machine takes.
    const logged = () => log.slice(from).split("POST /checkout-sessions → 422").length - 1;
    while (logged() < 2) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(log).not.toContain(SECRET);
  });
});
