// The mock is held to what a real server must do: server mode (`pnpm contract
// --target`) against the run's mock passes every case, the read-back, the
// unknown id, the wrong token, the replay and the conflict among them. Its
// token is of the mock's test form, so its state is its own, apart from the
// mock-mode tests'.
import { describe, expect, inject, it } from "vitest";
import { formatReport } from "../src/server-mode/report.ts";
import { runContract } from "../src/server-mode/run.ts";

describe("server mode against the mock", () => {
  it("passes every case, all operations", { timeout: 600_000 }, async () => {
    const report = await runContract({ target: inject("mockUrl"), token: "test_server_mode_against_the_mock" });
    expect(report.failed, formatReport(report)).toBe(0);
    const names = report.results.map((r) => `${r.operation} ${r.name} → ${r.got}`);
    for (const name of [
      /^getCheckout read what createCheckout created → 200$/,
      /^getCheckout an unknown id → 404$/,
      /^getCheckout a token the server did not issue → 401$/,
      /^createCheckout Idempotency-Key: the same key and body again → 200$/,
      /^createCheckout Idempotency-Key: the same key with another body → 409$/,
    ]) {
      expect(
        names.some((n) => name.test(n)),
        `${name}`,
      ).toBe(true);
    }
  });
});
