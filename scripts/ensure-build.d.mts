export declare const packageRoot: string
/** Why a build is needed, or null when the output is current. */
export declare function staleReason(root?: string): string | null
/** Runs `electron-vite build` when the output is missing or older than the sources. */
export declare function ensureBuilt(root?: string): void
