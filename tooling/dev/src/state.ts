// What the steps of the edit loop share: the loop's settings, the server and
// mock library it uses, and the state each rebuild and follow-up moves on.
import type { RunningMock } from "@billing-api/mock";
import type { Node } from "@billing-api/openapi/reader";
import type { DevServer } from "./server.ts";
import type { Finding, Generator } from "./steps.ts";

/** The last rebuild, as /__dev/status reports it. Times in ms. */
export interface RebuildReport {
  /** The build it published; null when it published none (the spec did not bundle, or the bundle did not change). */
  build: number | null;
  outcome: "published" | "unchanged" | "failed";
  files: string[];
  /** From the first save it includes to its start: the debounce, and any rebuild it waited for. */
  waited_ms: number;
  bundle_ms: number;
  page_ms: number;
  /** From the first save it includes to the reload sent to the pages. */
  visible_ms: number | null;
  lint_ms: number;
  findings: number;
  total_ms: number;
}

/** What the loop has built and started so far. */
export interface DevState {
  build: number;
  /** The bundle the reference shows, as JSON text, and parsed. */
  currentJson?: string;
  currentSpec?: Node;
  findings: Finding[];
  last: RebuildReport | null;
  stopping: boolean;
  mock?: RunningMock;
  mockPort: number;
  /** What the mock, the YAML bundle and each generator last ran on (hashes of what they read). */
  mockHash?: string;
  yamlHash?: string;
  generated: Partial<Record<Generator, string>>;
}

export interface DevContext {
  specDir: string;
  distDir: string;
  log: (line: string) => void;
  /** Regenerate the types and client in the follow-up. */
  generate: boolean;
  /** The spec folder is the repository's own openapi/: generators write into the packages. */
  intoRepository: boolean;
  page: typeof import("./page.ts");
  server: DevServer;
  /** Absent with --no-mock. */
  mockLibrary?: typeof import("@billing-api/mock");
  state: DevState;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const clock = () => new Date().toTimeString().slice(0, 8);
