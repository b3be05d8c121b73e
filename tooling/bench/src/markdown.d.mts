export declare function table(header: string[], rows: Array<Array<string | number>>, align?: Array<"left" | "right">): string;
