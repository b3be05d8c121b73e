export const DIST: string;
export function serveDocs(options?: { port?: number; root?: string }): Promise<{ url: string; close: () => Promise<void> }>;
