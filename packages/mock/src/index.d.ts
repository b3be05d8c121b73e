export declare const specPath: string;

export interface MockOptions {
  /** Port on 127.0.0.1; a free one is picked when omitted. */
  port?: number;
  /** Prism's log level; `warn` keeps request logging (which halves throughput) off. */
  logLevel?: "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent";
  /** Generate responses from the schemas instead of serving the examples. */
  dynamic?: boolean;
  /** Seed of dynamic generation, for repeatable responses. */
  seed?: string;
  /** `inherit` shows Prism's output; `pipe` keeps it for error messages only. */
  stdio?: "inherit" | "pipe";
  /** CPU time Prism may use before it answers (30 s; it needs about 2). Counted where /proc exists. */
  readyCpuMs?: number;
  /** Wall-clock time Prism may take before it answers (5 min): a backstop for one that waits without working. */
  readyTimeoutMs?: number;
}

export interface RunningMock {
  url: string;
  port: number;
  pid: number;
  /** Stops Prism and resolves once it has exited. */
  stop(): Promise<void>;
}

export declare function freePort(): Promise<number>;
export declare function startMock(options?: MockOptions): Promise<RunningMock>;
