// A real HTTP server for fault-injection tests of the client. It implements
// `POST /checkout-sessions` the way the API promises idempotency to work: the
// first request with a given `Idempotency-Key` creates a session (a side
// effect, counted), and any later request with the same key replays the
// remembered answer without creating anything.
//
// Each test registers a "run" holding a script of faults, one per attempt, and
// tags its requests with the run's id in the `x-fault-run` header (through the
// client's `fetch` option). Runs share nothing, so tests may run concurrently.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** The request header naming the run a request belongs to. */
export const RUN_HEADER = "x-fault-run";

/** How the server treats one attempt. */
export type FaultAction =
  /** Create the session (or replay it for a known key) and answer 200. */
  | { kind: "ok" }
  /** Create the session (or replay), then destroy the socket before answering. */
  | { kind: "reset" }
  /** Create the session (or replay), then never answer; the socket stays open. */
  | { kind: "hang" }
  /** Create the session (or replay), send the head and half the body, then stall. */
  | { kind: "stall-body" }
  /** Create the session (or replay), send the head and half the body, then destroy the socket. */
  | { kind: "truncate-body" }
  /** Answer `status` with `body` as is, creating nothing. */
  | { kind: "answer"; status: number; body: string; headers?: Record<string, string> };

/** What the server saw of one attempt. */
export interface SeenAttempt {
  /** The `Idempotency-Key` header, or null when there was none. */
  idempotencyKey: string | null;
  authorization: string | undefined;
  /** The request body, parsed as JSON (or the raw text when it is not JSON). */
  body: unknown;
  /** `performance.now()` when the request (body included) had arrived. */
  receivedAt: number;
  /** The `x-request-id` the server answers (or would have answered) this attempt with. */
  requestId: string;
}

export interface FaultRun {
  readonly id: string;
  /** Every attempt, in arrival order. */
  readonly attempts: SeenAttempt[];
  /** Sessions created, by idempotency key (`NO_KEY` for requests without one). */
  readonly sideEffects: Map<string, number>;
}

/** The `sideEffects` entry of requests sent without an idempotency key. */
export const NO_KEY = "(no idempotency key)";

export interface FaultServer {
  /** The server's base URL, such as `http://127.0.0.1:54321`. */
  readonly url: string;
  /** Starts a run: attempt N gets `script[N]`, and the last entry repeats forever. */
  run(script: FaultAction[]): FaultRun;
  /** Destroys every open socket (hung requests included) and closes the server. */
  close(): Promise<void>;
}

interface RunState extends FaultRun {
  script: FaultAction[];
  /** Remembered success answers, by idempotency key, for replay. */
  answers: Map<string, string>;
}

/** Starts the server on a free port of 127.0.0.1; every session created is `successBody`. */
export async function startFaultServer(successBody: unknown): Promise<FaultServer> {
  const runs = new Map<string, RunState>();
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the server itself: answer 599 so no test mistakes it for a fault it asked for.
      if (!res.headersSent) {
        res.writeHead(599, { "content-type": "text/plain" });
      }
      res.end(String(error));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const run = runs.get(String(req.headers[RUN_HEADER]));
    if (req.method !== "POST" || req.url !== "/checkout-sessions" || run === undefined) {
      sendJson(res, 404, { code: "NOT_FOUND", message: `No route for ${req.method} ${req.url}.` }, {});
      return;
    }

    const index = run.attempts.length;
    const keyHeader = req.headers["idempotency-key"];
    const attempt: SeenAttempt = {
      idempotencyKey: typeof keyHeader === "string" ? keyHeader : null,
      authorization: req.headers.authorization,
      body: parseJson(text),
      receivedAt: performance.now(),
      requestId: `req_${run.id.slice(0, 8)}_${index}`,
    };
    run.attempts.push(attempt);
    const requestIdHeader = { "x-request-id": attempt.requestId };

    const action = run.script[Math.min(index, run.script.length - 1)]!;
    if (action.kind === "answer") {
      res.writeHead(action.status, { "content-type": "application/json", ...requestIdHeader, ...action.headers });
      res.end(action.body);
      return;
    }

    // Every other action processes the request first: the side effect happens
    // whether or not the answer ever reaches the client.
    const answer = createOrReplay(run, attempt.idempotencyKey);
    switch (action.kind) {
      case "ok":
        res.writeHead(200, { "content-type": "application/json", ...requestIdHeader });
        res.end(answer);
        return;
      case "reset":
        req.socket.destroy();
        return;
      case "hang":
        return; // Never answer; `close()` destroys the socket.
      case "stall-body":
      case "truncate-body": {
        res.writeHead(200, {
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(answer)),
          ...requestIdHeader,
        });
        const half = answer.slice(0, Math.floor(answer.length / 2));
        res.write(half, () => {
          if (action.kind === "truncate-body") {
            req.socket.destroy();
          }
        });
        return;
      }
    }
  }

  /** The idempotency contract: create once per key, replay the same answer after. */
  function createOrReplay(run: RunState, key: string | null): string {
    const remembered = key === null ? undefined : run.answers.get(key);
    if (remembered !== undefined) {
      return remembered;
    }
    const slot = key ?? NO_KEY;
    run.sideEffects.set(slot, (run.sideEffects.get(slot) ?? 0) + 1);
    const answer = JSON.stringify(successBody);
    if (key !== null) {
      run.answers.set(key, answer);
    }
    return answer;
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    run(script) {
      if (script.length === 0) {
        throw new Error("A run needs at least one action.");
      }
      const state: RunState = { id: randomUUID(), script, attempts: [], sideEffects: new Map(), answers: new Map() };
      runs.set(state.id, state);
      return state;
    },
    async close() {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
