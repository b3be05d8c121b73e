export interface SampleRequest {
  operationId: string;
  method: string;
  path: string;
  pathValues: Record<string, string>;
  body: unknown;
  successStatus: number;
}
export function sampleRequests(spec: unknown): SampleRequest[];
export function curlSample(request: SampleRequest, baseUrl: string): string;
export function typescriptSample(request: SampleRequest): string;
export function withCodeSamples<T>(spec: T): T;
