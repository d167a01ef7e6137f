/**
 * Function effect summaries, containment across blocks, walrus and comments between
 * arguments (issue 14 points 2, 4, 6). Each case is the slice text of a variable.
 */
import { describe, expect, it } from 'vitest';
import { analyseCode } from './testing';

function sliceOf(code: string, name: string): string {
  const lines = code.split('\n');
  return analyseCode(code)
    .sliceLines(name)
    .map((l) => lines[l - 1])
    .join('\n');
}
const src = (...lines: string[]): string => lines.join('\n');

describe('comments between arguments, elements and keys', () => {
  it('a keyword argument after a comment keeps its dependency', () => {
    const code = src('weights = {0: 1.0, 1: 3.0}', 'def train(x, w=None):', '    return (x, w)', 'result = train(', '    5,', '    # the weights go here', '    w=weights)');
    expect(sliceOf(code, 'result')).toBe(code);
  });
  it('a positional argument after a comment', () => {
    const code = src('k = 1', 'r = max(', '    # first', '    k, 2)');
    expect(sliceOf(code, 'r')).toBe(code);
  });
  it('a parenthesised expression after a comment', () => {
    const code = src('k = 1', 'y = (  # note', '    k + 1)');
    expect(sliceOf(code, 'y')).toBe(code);
  });
  it('a subscript key after a comment', () => {
    const code = src("d = {'a': 2}", "key = 'a'", 'z = d[  # key', '    key]');
    expect(sliceOf(code, 'z')).toBe(code);
  });
  it('a dict display with a comment between entries', () => {
    const code = src('k = 1', "d = {'a': 0,  # note", "     'b': k}");
    expect(sliceOf(code, 'd')).toBe(code);
  });
});
