/** Debian's `chromium` package. Playwright cannot download its own browsers on this network. */
export declare const DEFAULT_CHROMIUM_PATH: string;
/** Flags for a quiet, offline, sandbox-less headless Chromium. */
export declare const CHROMIUM_ARGS: readonly string[];
/** `CHROMIUM_PATH` when set and not empty, else Debian's Chromium. */
export declare function chromiumPath(): string;
/** Playwright launch options: the path above and a fresh copy of the flags. */
export declare function chromiumLaunchOptions(): { executablePath: string; args: string[] };
