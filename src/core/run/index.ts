/** Runs: execute a session with Pyodide and record real values (issue 7). */
export { runSession, verifySlice, truncationMarker } from './run';
export type { VerifyOptions } from './run';
export { runToRecords, formatRunError, valueTypeOf } from './records';
export * from './types';
export { topLevelImports, importSites, type ImportSite } from './imports';
export { preflightImports, packageIndex, isBundledModule, type Preflight, type PackageIndex, type PyodideLockfile, type MissingImport } from './preflight';
export { PYODIDE_STDLIB } from './stdlib';
export { verdictOf, verificationTexts, COULD_NOT_RUN, type Verdict } from './verdict';
