export declare const BENCHMARKS: Record<string, string>;
export declare function renderResults(results: unknown): string;
