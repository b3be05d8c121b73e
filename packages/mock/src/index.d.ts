export declare const specPath: string;

/** Limits on the work one request may cause (see src/server.js). */
export declare const LIMITS: Readonly<{ bodyBytes: number; drainBytes: number; depth: number; values: number; details: number }>;

export interface MockOptions {
  /** Port on 127.0.0.1; a free one is picked when omitted. */
  port?: number;
  /** `warn` (the default) logs problems only; `info` adds a line per request (method, path, status, time: never a body); `debug` adds Prism's choices. */
  logLevel?: "debug" | "info" | "warn" | "error" | "silent";
  /** Generate responses from the schemas instead of serving the examples. */
  dynamic?: boolean;
  /** Seed of dynamic generation, for repeatable responses. */
  seed?: string;
  /** `inherit` shows the mock's output; `pipe` keeps it for error messages only. */
  stdio?: "inherit" | "pipe";
  /** With `stdio: "pipe"`, called with each chunk of the mock's output (its log), as it comes. */
  onOutput?: (chunk: string) => void;
  /** CPU time the mock may use before it answers (30 s; it needs about 2). Counted where /proc exists. */
  readyCpuMs?: number;
  /** Wall-clock time the mock may take before it answers (5 min): a backstop for one that waits without working. */
  readyTimeoutMs?: number;
}

export interface RunningMock {
  url: string;
  port: number;
  pid: number;
  /** Stops the mock and resolves once it has exited. */
  stop(): Promise<void>;
}

export declare function freePort(): Promise<number>;
export declare function startMock(options?: MockOptions): Promise<RunningMock>;
