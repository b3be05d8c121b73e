// Starts one Prism mock of the bundled spec on a free 127.0.0.1 port for the
// whole run, hands its URL to the tests, and stops it (awaiting its exit) at
// the end. Also starts a fresh coverage record for the run.

import { startMock } from "@billing-api/mock";
import type { TestProject } from "vitest/node";
import { resetCoverage } from "./support/coverage.ts";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  resetCoverage();
  const mock = await startMock({ logLevel: "warn" });
  project.provide("mockUrl", mock.url);
  return async () => {
    await mock.stop();
  };
}
