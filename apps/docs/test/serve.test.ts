// The docs server (src/serve.ts) against hostile and unlucky clients: malformed
// request lines and targets, path traversal, other methods, aborted downloads,
// and files replaced, deleted or truncated while they are being sent. After
// each case it must still serve the site. Requests go over raw node:net sockets
// so that nothing on the client side normalises them.
//
// The server runs in this process (Vitest's default "forks" pool gives each
// test file a process of its own), so /proc/self/fd shows its descriptors: the
// files it holds open and whether it closes them. No assertion depends on how
// fast anything is; every wait is a bounded poll.
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { serveDocs } from "../src/serve.ts";

/** A bound on waits, generous for a loaded machine; never a measure of speed. */
const PATIENCE = { timeout: 15_000, interval: 20 };
/** A socket that sees nothing for this long is a hung exchange: it fails the test instead of stalling it. */
const SOCKET_IDLE_LIMIT = 30_000;

const INDEX = "<!doctype html><title>docs</title><p>The reference.</p>\n";
const SECRET = "not-for-the-web-4c1d\n";
/** `size` bytes of a pattern; `seed` tells two versions of a file apart. */
function pattern(size: number, seed: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) {
    bytes[i] = (i * 31 + seed) & 0xff;
  }
  return bytes;
}
const BIG = pattern(5 * 1024 * 1024, 1);

let workDir: string;
let root: string;
let server: Awaited<ReturnType<typeof serveDocs>>;
let port: number;
const sockets = new Set<Socket>();

beforeAll(async () => {
  // The served root is a directory inside workDir, beside a file that must never be served.
  workDir = mkdtempSync(join(tmpdir(), "billing-docs-serve-"));
  root = join(workDir, "site");
  mkdirSync(join(root, "sub"), { recursive: true });
  writeFileSync(join(root, "index.html"), INDEX);
  writeFileSync(join(root, "big.bin"), BIG);
  writeFileSync(join(workDir, "secret.txt"), SECRET);
  server = await serveDocs({ port: 0, root });
  port = Number(new URL(server.url).port);
});

// Every socket a test opened is gone after it, whatever happened.
afterEach(() => {
  for (const socket of sockets) {
    socket.destroy();
  }
  sockets.clear();
});

afterAll(async () => {
  await server?.close();
  if (workDir) {
    rmSync(workDir, { recursive: true, force: true });
  }
});

interface Reply {
  /** 0 when the connection ended before a status line arrived. */
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Set when the connection ended in an error (a reset) rather than a clean close. */
  error?: string;
}

function open(): Socket {
  const socket = connect(port, "127.0.0.1");
  sockets.add(socket);
  socket.setTimeout(SOCKET_IDLE_LIMIT, () => socket.destroy(new Error(`no data for ${SOCKET_IDLE_LIMIT} ms`)));
  socket.once("close", () => sockets.delete(socket));
  return socket;
}

function parse(data: Buffer, error?: string): Reply {
  const end = data.indexOf("\r\n\r\n");
  if (end < 0) {
    return { status: 0, headers: {}, body: data, ...(error ? { error } : {}) };
  }
  const [statusLine, ...lines] = data.subarray(0, end).toString("latin1").split("\r\n");
  const headers = Object.fromEntries(
    lines.map((line) => [
      line.slice(0, line.indexOf(":")).trim().toLowerCase(),
      line.slice(line.indexOf(":") + 1).trim(),
    ]),
  );
  return {
    status: Number(statusLine!.split(" ")[1]),
    headers,
    body: data.subarray(end + 4),
    ...(error ? { error } : {}),
  };
}

/**
 * Sends `request` as is and collects everything until the server closes the
 * connection. `midway`, if given, runs once the status line and some body have
 * arrived, with the socket paused (it gets the socket): the download is in
 * progress while it runs.
 */
function exchange(request: string, midway?: (socket: Socket) => Promise<void>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const socket = open();
    const chunks: Buffer[] = [];
    let paused = false;
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      if (!midway || paused) {
        return;
      }
      const data = Buffer.concat(chunks);
      const headEnd = data.indexOf("\r\n\r\n");
      if (headEnd >= 0 && data.length > headEnd + 4) {
        paused = true;
        socket.pause();
        midway(socket).then(
          () => socket.resume(),
          (error) => {
            socket.destroy();
            reject(error);
          },
        );
      }
    });
    let error: string | undefined;
    socket.on("error", (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.on("close", () => {
      if (error && /no data for/.test(error)) {
        reject(new Error(`the server neither answered nor closed: ${error}`));
      } else {
        resolve(parse(Buffer.concat(chunks), error));
      }
    });
    socket.write(request, "latin1");
  });
}

const get = (target: string, method = "GET") =>
  `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`;

/** The server still answers a valid request with the site. */
async function expectServing() {
  const reply = await exchange(get("/"));
  expect(reply.status, "GET / after the hostile request").toBe(200);
  expect(reply.body.toString()).toBe(INDEX);
}

const fdCount = () => readdirSync("/proc/self/fd").length;
/** What this process's descriptors point at (one may close between listing and reading: skipped). */
function heldPaths(): string[] {
  return readdirSync("/proc/self/fd").flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return [];
    }
  });
}

describe("malformed requests get a 400 and the server keeps serving", () => {
  // Each of these killed the process before (an exception in the request handler).
  const targets = ["/%", "/%ff", "/%E0%A4%A", "/docs/%zz/index.html", "/index.html%00.png"];
  it.each(targets)("bad percent-encoding or a NUL: GET %s", async (target) => {
    const reply = await exchange(get(target));
    expect(reply.status).toBe(400);
    expect(reply.headers["content-type"]).toMatch(/^text\/plain/);
    expect(reply.body.toString()).toBe("Bad request\n");
    await expectServing();
  });

  it("a target that is no URL: GET http://[::1", async () => {
    const reply = await exchange(get("http://[::1"));
    expect(reply.status).toBe(400);
    expect(reply.headers["content-type"]).toMatch(/^text\/plain/);
    await expectServing();
  });

  // Node's parser rejects these before any handler runs ('clientError'): a 400 on the socket, then it is closed.
  it.each([
    ["garbage instead of a request line", "GARBAGE\r\n\r\n"],
    ["binary noise", "\u0000\u0001\u0002\u00ff\u00fe\r\n\r\n"],
    ["an extra word on the request line", "GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n"],
    ["a method Node does not know", "BREW / HTTP/1.1\r\nHost: x\r\n\r\n"],
    ["a space in the target", "GET /a b/c HTTP/1.1\r\nHost: x\r\n\r\n"],
    ["an unknown HTTP version", "GET / HTTP/9.9\r\nHost: x\r\n\r\n"],
    ["a header line without a colon", "GET / HTTP/1.1\r\nHost x\r\n\r\n"],
  ])("an unparseable request: %s", async (_, request) => {
    const reply = await exchange(request);
    expect(reply.status).toBe(400);
    expect(reply.body.toString()).toBe("Bad request\n");
    await expectServing();
  });

  it("an oversized header: a 400 or a dropped connection, and the server goes on", async () => {
    const reply = await exchange(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(100_000)}\r\n\r\n`);
    // Node stops reading at its header limit; closing with unread input may reset the connection before the 400 is read.
    if (reply.error === undefined || reply.status !== 0) {
      expect(reply.status).toBe(400);
    }
    await expectServing();
  });
});

describe("paths outside the root are never served", () => {
  it.each([
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/..%2fsecret.txt",
    "/..%2f..%2f..%2fetc%2fpasswd",
    "/%2e%2e%2fsecret.txt",
    "/..%5csecret.txt",
    "/%252e%252e/secret.txt",
    "/a/../../secret.txt",
    "//../secret.txt",
    "http://127.0.0.1/../secret.txt",
    "/../../../../../../etc/passwd",
  ])("GET %s", async (target) => {
    const reply = await exchange(get(target));
    expect([403, 404]).toContain(reply.status);
    expect(reply.body.toString()).not.toContain(SECRET.trim());
    expect(reply.body.toString()).not.toContain("root:");
    await expectServing();
  });
});

describe("methods", () => {
  it.each(["OPTIONS", "POST", "PUT", "DELETE", "PATCH", "TRACE", "CONNECT"])(
    "%s → 405 with Allow: GET, HEAD",
    async (method) => {
      const target = method === "CONNECT" ? "127.0.0.1:80" : "/";
      const body = method === "POST" || method === "PUT" ? "x=1" : "";
      const reply = await exchange(
        `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      );
      expect(reply.status).toBe(405);
      expect(reply.headers.allow).toBe("GET, HEAD");
      expect(reply.headers["content-type"]).toMatch(/^text\/plain/);
      expect(reply.body.toString()).toBe("Method not allowed\n");
      await expectServing();
    },
  );

  it("HEAD answers the headers of GET and no body", async () => {
    for (const [target, size] of [
      ["/", Buffer.byteLength(INDEX)],
      ["/big.bin", BIG.length],
    ] as const) {
      const reply = await exchange(get(target, "HEAD"));
      expect(reply.status).toBe(200);
      expect(reply.headers["content-length"]).toBe(String(size));
      expect(reply.body.length).toBe(0);
    }
    const missing = await exchange(get("/missing.html", "HEAD"));
    expect(missing.status).toBe(404);
    expect(missing.body.length).toBe(0);
    await expectServing();
  });

  it("GET serves files whole with their type and length; directories and missing files are 404", async () => {
    const big = await exchange(get("/big.bin?cache=bust"));
    expect(big.status).toBe(200);
    expect(big.headers["content-type"]).toBe("application/octet-stream");
    expect(big.headers["content-length"]).toBe(String(BIG.length));
    expect(big.body.equals(BIG)).toBe(true);
    const index = await exchange(get("/index.html"));
    expect(index.headers["content-type"]).toBe("text/html; charset=utf-8");
    for (const target of ["/missing.html", "/big.bin/", "/nested/", "/sub", "/sub/"]) {
      expect((await exchange(get(target))).status, target).toBe(404);
    }
  });
});

describe("/favicon.ico", () => {
  // The page carries its icon inline; a browser still asks for /favicon.ico when it shows a spec file.
  it("without a favicon.ico in the root: 204 and no body, for GET and HEAD, with or without a query", async () => {
    for (const request of [
      get("/favicon.ico"),
      get("/favicon.ico", "HEAD"),
      get("/favicon.ico?v=2"),
      get("/%66avicon.ico"),
    ]) {
      const reply = await exchange(request);
      expect(reply.status, request).toBe(204);
      expect(reply.body.length, request).toBe(0);
      expect(reply.headers["content-length"], request).toBeUndefined();
    }
    await expectServing();
  });

  it("only at the root, only for GET and HEAD", async () => {
    expect((await exchange(get("/sub/favicon.ico"))).status).toBe(404);
    expect((await exchange(get("/favicon.png"))).status).toBe(404);
    const post = await exchange(
      "POST /favicon.ico HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
    );
    expect(post.status).toBe(405);
  });

  it("a favicon.ico in the root is served as a file; once it is gone, 204 again", async () => {
    const icon = pattern(318, 7);
    writeFileSync(join(root, "favicon.ico"), icon);
    try {
      const reply = await exchange(get("/favicon.ico"));
      expect(reply.status).toBe(200);
      expect(reply.headers["content-type"]).toBe("image/x-icon");
      expect(reply.body.equals(icon)).toBe(true);
    } finally {
      unlinkSync(join(root, "favicon.ico"));
    }
    expect((await exchange(get("/favicon.ico"))).status).toBe(204);
  });
});

describe("aborted downloads", () => {
  it("100 downloads aborted by the client: every descriptor the server opened is closed again", async () => {
    await expectServing();
    const baseline = fdCount();

    // Half are dropped once the body is flowing (the file is open and being piped), half right after
    // the request is sent (the client is gone while the server is still opening the file).
    const flowing = Array.from({ length: 50 }, () => {
      const socket = open();
      socket.write(get("/big.bin").replace("Connection: close\r\n", ""));
      return new Promise<Socket>((resolve, reject) => {
        socket.once("data", () => {
          socket.pause();
          resolve(socket);
        });
        socket.on("error", reject);
      });
    });
    const open50 = await Promise.all(flowing);
    const peak = fdCount();
    for (const socket of open50) {
      socket.destroy();
    }
    for (let i = 0; i < 50; i++) {
      const socket = open();
      socket.on("error", () => {});
      socket.write(get("/big.bin"), () => socket.destroy());
    }

    // Both at once: the count can be back at its baseline while a download that opened the file late
    // (its client already gone) still holds it, because another descriptor closed in the meantime.
    const settled = () => fdCount() <= baseline && !heldPaths().some((path) => path.endsWith("big.bin"));
    await expect.poll(settled, PATIENCE).toBe(true);
    const after = fdCount();
    console.log(`fds: baseline ${baseline}, with 50 downloads in flight ${peak}, after 100 aborts ${after}`);
    // 50 downloads in flight hold a client socket, a server socket and the file each: the count did rise.
    expect(peak).toBeGreaterThanOrEqual(baseline + 100);
    expect(heldPaths().filter((path) => path.endsWith("big.bin"))).toEqual([]);
    await expectServing();
  });
});

describe("files that change while they are sent", () => {
  /** Resolves once the server holds `path` open (its download is under way), bounded by PATIENCE. */
  const serverHolds = (path: string) => expect.poll(() => heldPaths().includes(path), PATIENCE).toBe(true);

  it("replaced by a rename mid-download: that download gets one complete version, later ones the new file", async () => {
    const path = join(root, "replaced.bin");
    const before = pattern(BIG.length, 2);
    const after = pattern(BIG.length / 2, 3);
    writeFileSync(path, before);
    const reply = await exchange(get("/replaced.bin"), async () => {
      await serverHolds(path);
      writeFileSync(join(root, "replaced.bin.tmp"), after);
      renameSync(join(root, "replaced.bin.tmp"), path);
      // The server still reads the inode it opened, now nameless.
      expect(heldPaths()).toContain(`${path} (deleted)`);
    });
    expect(reply.error).toBeUndefined();
    expect(reply.status).toBe(200);
    expect(reply.headers["content-length"]).toBe(String(reply.body.length));
    expect(reply.body.equals(before) || reply.body.equals(after)).toBe(true);

    const next = await exchange(get("/replaced.bin"));
    expect(next.body.equals(after)).toBe(true);
    await expectServing();
  });

  it("deleted mid-download: that download completes, later requests get 404", async () => {
    const path = join(root, "deleted.bin");
    const content = pattern(BIG.length, 4);
    writeFileSync(path, content);
    const reply = await exchange(get("/deleted.bin"), async () => {
      await serverHolds(path);
      unlinkSync(path);
    });
    expect(reply.error).toBeUndefined();
    expect(reply.status).toBe(200);
    expect(reply.body.equals(content)).toBe(true);
    expect((await exchange(get("/deleted.bin"))).status).toBe(404);
    await expectServing();
  });

  it("truncated in place mid-download: the connection is dropped, never a short body passed off as complete", async () => {
    const path = join(root, "truncated.bin");
    const content = pattern(BIG.length, 5);
    writeFileSync(path, content);
    const reply = await exchange(get("/truncated.bin").replace("Connection: close\r\n", ""), async (socket) => {
      await serverHolds(path);
      truncateSync(path, 1024);
      // A second request on the same connection: if the server ended the first body short as though it
      // were complete, the answer to this one would follow it. The pattern never holds "HTTP/1.1".
      socket.write(get("/"));
    });
    expect(reply.status).toBe(200);
    expect(reply.headers["content-length"]).toBe(String(content.length));
    const first = reply.body.subarray(0, content.length);
    if (first.length === content.length) {
      // Everything had been read before the truncation: the file whole, then the second answer.
      expect(first.equals(content)).toBe(true);
    } else {
      expect(reply.body.includes("HTTP/1.1")).toBe(false);
    }
    await expectServing();
  });

  it("replaced and deleted over and over while 120 requests run: each gets a complete version or a 404", async () => {
    const path = join(root, "churn.bin");
    const versions = [pattern(256 * 1024, 6), pattern(128 * 1024, 7)];
    writeFileSync(path, versions[0]!);
    let stop = false;
    const churn = (async () => {
      for (let i = 0; !stop; i++) {
        if (i % 3 === 2) {
          rmSync(path, { force: true });
        } else {
          writeFileSync(`${path}.tmp`, versions[i % 3]!);
          renameSync(`${path}.tmp`, path);
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const replies = await Promise.all(Array.from({ length: 120 }, () => exchange(get("/churn.bin"))));
    stop = true;
    await churn;
    const outcomes = replies.map((reply) => {
      if (reply.status === 404) {
        return "404";
      }
      const which = versions.findIndex((version) => reply.status === 200 && reply.body.equals(version));
      return which >= 0
        ? `version ${which}`
        : `broken (status ${reply.status}, ${reply.body.length} bytes, ${reply.error ?? "closed"})`;
    });
    expect(outcomes.filter((outcome) => outcome.startsWith("broken"))).toEqual([]);
    await expectServing();
  });
});
