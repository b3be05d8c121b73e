export declare const TARGET_GZIP_BYTES: number;
export declare const BUDGET_GZIP_BYTES: number;
export interface AppSize {
  minified_bytes: number;
  gzip_bytes: number;
  modules: { module: string; minified_bytes: number }[];
}
export interface BundleSizes {
  client_gzip_bytes: number;
  openapi_fetch_gzip_bytes: number;
  client_layer_gzip_bytes: number;
  operation_methods_only_gzip_bytes: number;
  target_gzip_bytes: number;
  budget_gzip_bytes: number;
  apps: { client: AppSize; "openapi-fetch": AppSize };
  bundler: string;
}
export declare function measureBundleSizes(): Promise<BundleSizes>;
