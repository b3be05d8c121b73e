// The two ports pnpm dev listens on, and what it says when one is taken: one
// line naming the flag and the variable that pick another (bin/dev.ts reads
// both), never the system's stack.
import { createServer } from "node:net";

export type PortRole = "reference" | "mock";

const PICKED_BY: Record<PortRole, { flag: string; variable: string; or?: string }> = {
  reference: { flag: "--port", variable: "PORT" },
  mock: { flag: "--mock-port", variable: "MOCK_PORT", or: ", or --no-mock to run without it" },
};

/** A port pnpm dev cannot listen on: the message is the whole report. */
export class PortError extends Error {
  override readonly name = "PortError";
  readonly code: string;

  constructor(role: PortRole, host: string, port: number, code: string) {
    const { flag, variable, or = "" } = PICKED_BY[role];
    const what =
      code === "EADDRINUSE"
        ? "is already in use (EADDRINUSE)"
        : code === "EACCES"
          ? "is not allowed to this user (EACCES)"
          : `cannot be listened on (${code})`;
    super(
      `the ${role}'s port, ${host}:${port}, ${what}: pick another with pnpm dev ${flag}=<n> or ${variable}=<n> (0 for any free one)${or}`,
    );
    this.code = code;
  }
}

/** Resolves when `host:port` can be listened on now (port 0 always can); rejects with a PortError for `role` otherwise. */
export function checkPort(role: PortRole, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(new PortError(role, host, port, error.code ?? "UNKNOWN")),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
