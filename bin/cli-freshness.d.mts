/** Types of cli-freshness.mjs (shared by the launcher and the CLI tests). */
export function newestSource(root: string): number;
export function builtIsFresh(root: string): boolean;
