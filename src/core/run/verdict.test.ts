import { describe, expect, it } from 'vitest';
import { COULD_NOT_RUN, checkedSlice, verdictOf, verificationTexts } from './verdict';

describe('verdictOf', () => {
  it('reads same, differs and could-not-run from what verify stores', () => {
    expect(verdictOf({ verified: true, original: '3', slice: '3' })).toEqual({ kind: 'same' });
    expect(verdictOf({ verified: false, original: '[1, 2]', slice: '[2, 1]' })).toEqual({ kind: 'differs' });
    // A slice that raises or leaves the name unbound is a wrong slice: red, not grey.
    expect(verdictOf({ verified: false, original: '[1]', slice: '(error) Slice, line 1: NameError: name "x" is not defined' })).toEqual({ kind: 'differs' });
    expect(verdictOf({ verified: false, original: '[1]', slice: '(rows is not defined)' })).toEqual({ kind: 'differs' });
    expect(verdictOf({ verified: false, original: `${COULD_NOT_RUN}numpy is not available offline.`, slice: '' })).toEqual({
      kind: 'could-not-run',
      reason: 'numpy is not available offline.',
    });
  });

  it('reads records written before the marker by their texts', () => {
    const pkg = '(error) Cell 1, line 1 imports “numpy”. “numpy” is in Pyodide\'s package index, but package downloads are turned off, so it cannot be loaded.';
    expect(verdictOf({ verified: false, original: pkg, slice: pkg })).toMatchObject({ kind: 'could-not-run', reason: expect.stringMatching(/^The original session failed: Cell 1/) });
    expect(verdictOf({ verified: false, original: '[1]', slice: pkg })).toMatchObject({ kind: 'could-not-run', reason: expect.stringMatching(/^The slice failed/) });
    expect(verdictOf({ verified: false, original: '(error) Cell 2, line 1: ZeroDivisionError: division by zero', slice: '1' })).toMatchObject({ kind: 'could-not-run' });
    expect(verdictOf({ verified: false, original: '(cancelled)', slice: '(cancelled)' })).toMatchObject({ kind: 'could-not-run' });
  });
});

describe('verificationTexts', () => {
  it('round-trips through verdictOf', () => {
    const cases = [
      { verified: true, original: '3', slice: '3' },
      { verified: false, original: '1', slice: '2', problem: undefined },
      { verified: false, original: '', slice: '', problem: 'numpy is not available offline.', couldNotRun: 'numpy is not available offline.' },
      { verified: false, original: '1', slice: '(error) Slice, line 1: NameError', problem: 'The slice failed: NameError' },
    ];
    expect(cases.map((c) => verdictOf(verificationTexts(c)).kind)).toEqual(['same', 'differs', 'could-not-run', 'differs']);
    expect(verdictOf(verificationTexts(cases[2]!))).toEqual({ kind: 'could-not-run', reason: 'numpy is not available offline.' });
  });
});

describe('checkedSlice', () => {
  it('names the slice a stored result ran, and nothing for older records', () => {
    expect(checkedSlice('fine')).toBe('fine slice');
    expect(checkedSlice('whole')).toBe('whole-block slice');
    expect(checkedSlice(undefined)).toBe('');
  });
});
