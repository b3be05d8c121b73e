// Which (operation, status) pairs the run exercised, and in which call style.
// Every answer the mock gives through `send` is appended here; the coverage
// project (run after the contract project) reads it back.
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { threadId } from "node:worker_threads";

export const COVERAGE_DIR = fileURLToPath(new URL("../../.contract-coverage/", import.meta.url));

export interface Exercised {
  operation: string;
  status: number;
  style: "path" | "operation";
}

/** Starts a run: forgets what an earlier run recorded. */
export function resetCoverage(): void {
  rmSync(COVERAGE_DIR, { recursive: true, force: true });
  mkdirSync(COVERAGE_DIR, { recursive: true });
}

export function recordExercised(entry: Exercised): void {
  appendFileSync(join(COVERAGE_DIR, `${process.pid}-${threadId}.jsonl`), `${JSON.stringify(entry)}\n`);
}

export function readExercised(): Exercised[] {
  if (!existsSync(COVERAGE_DIR)) {
    return [];
  }
  return readdirSync(COVERAGE_DIR)
    .filter((file) => file.endsWith(".jsonl"))
    .flatMap((file) => readFileSync(join(COVERAGE_DIR, file), "utf8").split("\n"))
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Exercised);
}
