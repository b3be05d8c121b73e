// `pnpm contract --target <url>`: the contract suite in server mode against a
// running server, through Prism's validation proxy. Prints the report, writes
// it as JSON (--report, default contract-report.json), and exits 1 when any
// case failed (2 when it could not run).
//
//   BILLING_API_TOKEN=… pnpm contract --target http://127.0.0.1:8080 [--token …]
//     [--operation <operationId>]… [--allow-header <name>]… [--allow-remote] [--report <file>] [--quiet]
import { writeFileSync } from "node:fs";
import { globalAgent as httpAgent } from "node:http";
import { globalAgent as httpsAgent } from "node:https";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { checkedTarget, requireToken } from "../src/server-mode/target.ts";

const USAGE =
  "usage: pnpm contract --target <url> [--token <token> | BILLING_API_TOKEN=…] [--operation <operationId>]… [--allow-header <name>]… [--allow-remote] [--report <file>] [--quiet]";

async function main(): Promise<number> {
  let values: {
    target?: string;
    token?: string;
    operation?: string[];
    "allow-header"?: string[];
    "allow-remote"?: boolean;
    report?: string;
    quiet?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        target: { type: "string" },
        token: { type: "string" },
        operation: { type: "string", multiple: true },
        "allow-header": { type: "string", multiple: true },
        "allow-remote": { type: "boolean", default: false },
        report: { type: "string", default: "contract-report.json" },
        quiet: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.target) {
    console.error(`--target is required.\n${USAGE}`);
    return 2;
  }
  const token = values.token ?? process.env.BILLING_API_TOKEN ?? "";
  // pnpm runs scripts at the package's root; a relative --report is meant from where the command was typed.
  const reportFile = resolve(process.env.INIT_CWD ?? process.cwd(), values.report ?? "contract-report.json");
  try {
    // Checked before the suite is loaded (the spec, its validators, Prism: seconds of start-up), so a wrong call says so at once.
    requireToken(token);
    checkedTarget(values.target, values["allow-remote"] ?? false);
    const { runContract } = await import("../src/server-mode/run.ts");
    const { formatReport } = await import("../src/server-mode/report.ts");
    let done = 0;
    const report = await runContract({
      target: values.target,
      token,
      allowRemote: values["allow-remote"] ?? false,
      ...(values.operation ? { operations: values.operation } : {}),
      ...(values["allow-header"] ? { allowHeaders: values["allow-header"] } : {}),
      onCase: () => {
        done += 1;
        if (!values.quiet && done % 100 === 0) {
          process.stderr.write(`${done} cases…\n`);
        }
      },
    });
    writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
    console.log(formatReport(report));
    console.log(`Report: ${reportFile}`);
    return report.failed > 0 ? 1 : 0;
  } catch (error) {
    console.error(
      error instanceof TypeError ? error.message : `The suite could not run: ${(error as Error).stack ?? error}`,
    );
    return 2;
  }
}

process.exitCode = await main();
// Prism forwards through Node's global agents, whose kept-alive sockets would hold the process open.
httpAgent.destroy();
httpsAgent.destroy();
