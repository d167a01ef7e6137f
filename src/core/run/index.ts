/** Runs: execute a session with Pyodide and record real values (issue 7). */
export { runSession, verifySlice, truncationMarker } from './run';
export type { VerifyOptions } from './run';
export { runToRecords, formatRunError, valueTypeOf } from './records';
export * from './types';
