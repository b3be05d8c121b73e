export declare function synthesizeSpec(options: { operations: number; dir: string }): { root: string; operations: number; schemas: number; bytes: number };
