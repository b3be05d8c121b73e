export interface CheckResult {
  name: string;
  ok: boolean;
  output: string;
}
export const ROOT: string;
export const GENERATED: Array<[script: string, file: string]>;
export function lint(options?: { specDir?: string }): CheckResult;
export function drift(options?: { targets?: Record<string, string> }): CheckResult;
export function breakingChanges(options?: { released?: string; current?: string }): CheckResult;
export function workspacePackageDirs(): string[];
export function publishedPackages(): string[];
export function packages(options?: { dirs?: string[] }): CheckResult;
export function bundleSize(options?: { budget?: number }): Promise<CheckResult>;
