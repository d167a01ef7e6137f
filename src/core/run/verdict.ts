/**
 * What a stored "Verify slice" result says: the same value, a different value (the slice is
 * wrong: it raised, left the name unbound or computed something else), or it could not run
 * (the original failed, a package could not load, Python did not start, it was cancelled).
 * Stored verifications hold only `verified` and the two texts, so "could not run" is written
 * into the original's text with {@link COULD_NOT_RUN}; older records are read by their texts.
 */
import type { VerifyResult } from './types';

/** How the original's text starts when nothing could be compared. */
export const COULD_NOT_RUN = '(could not run) ';

export type Verdict = { kind: 'same' } | { kind: 'differs' } | { kind: 'could-not-run'; reason: string };

/** A package that would not load, in the words of the run (records written before COULD_NOT_RUN). */
const PACKAGE_FAILURE = /imports “[^”]+”.*(not available|cannot be loaded|could not be loaded)/s;

export function verdictOf(v: { verified: boolean; original: string; slice: string }): Verdict {
  if (v.verified) return { kind: 'same' };
  if (v.original.startsWith(COULD_NOT_RUN)) return { kind: 'could-not-run', reason: v.original.slice(COULD_NOT_RUN.length) };
  for (const [side, text] of [
    ['original session', v.original],
    ['slice', v.slice],
  ] as const) {
    if (text.startsWith('(cancelled)')) return { kind: 'could-not-run', reason: `The ${side} run was cancelled.` };
    const failed = text.startsWith('(error) ') ? text.slice('(error) '.length) : undefined;
    if (failed !== undefined && (side === 'original session' || PACKAGE_FAILURE.test(failed) || /^Python could not start|^The run stopped/.test(failed))) {
      return { kind: 'could-not-run', reason: `The ${side} failed: ${failed}` };
    }
  }
  if (v.original === '' && v.slice === '') return { kind: 'could-not-run', reason: 'Nothing was run.' };
  return { kind: 'differs' };
}

/** Which slice a stored result ran, in words ("fine slice"), or '' on records that do not say. */
export function checkedSlice(mode: 'fine' | 'whole' | undefined): string {
  return mode === 'fine' ? 'fine slice' : mode === 'whole' ? 'whole-block slice' : '';
}

/** The texts to store for a verify result, so that `verdictOf` reads it back the same way. */
export function verificationTexts(result: VerifyResult): { verified: boolean; original: string; slice: string } {
  if (result.couldNotRun !== undefined && !result.verified) {
    return { verified: false, original: `${COULD_NOT_RUN}${result.couldNotRun}`, slice: result.slice || result.couldNotRun };
  }
  return { verified: result.verified, original: result.original || result.problem || '', slice: result.slice || result.problem || '' };
}
