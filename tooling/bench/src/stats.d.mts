export declare function median(values: number[]): number;
export declare function quantile(values: number[], q: number): number;
export declare function round(value: number, digits?: number): number;
