// The one place that says which Chromium the e2e tests and the browser benchmarks launch, and
// with which flags. Plain Node ESM so that scripts/*.mjs, playwright.config.ts (Playwright's
// own TS loader) and bench/ (tsx) can all import it; types in chromium.d.mts.

/** Debian's `chromium` package. Playwright cannot download its own browsers on this network. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a quiet, offline, sandbox-less headless Chromium. */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]);

/** `CHROMIUM_PATH` when set and not empty (as ensure-chromium reads it), else Debian's Chromium. */
export function chromiumPath() {
  return process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
}

/** Playwright launch options: the path above and a fresh copy of the flags. */
export function chromiumLaunchOptions() {
  return { executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] };
}
