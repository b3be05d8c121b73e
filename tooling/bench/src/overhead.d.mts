export interface OverheadRow {
  contender: string;
  median_us: number;
  vs_openapi_fetch: number;
  vs_raw_fetch: number;
}
export interface OverheadResult {
  rounds: number;
  time_per_round_ms: number;
  scenarios: { name: string; transport: "in-process" | "loopback"; method: "GET" | "POST"; rows: OverheadRow[] }[];
  client_vs_openapi_fetch: number;
  client_vs_raw_fetch_http: number;
  targets: { client_vs_openapi_fetch: number; client_vs_raw_fetch_http: number };
}
export declare function benchOverhead(options?: { rounds?: number; timeMs?: number }): Promise<OverheadResult>;
