import { describe, expect, it } from 'vitest';
import { findTooDeepNesting, topLevelStarts } from './parse';

/** The first few characters at each start. */
const heads = (text: string): string[] => topLevelStarts(text).map((o) => text.slice(o, o + 3));

describe('topLevelStarts', () => {
  it('an escaped backslash at the end of a line neither continues the line nor its string', () => {
    // `'abc\\` is an unterminated string: Python and lezer end it at the newline.
    expect(heads("a = 'abc\\\\\nb = 1\n")).toEqual(['a =', 'b =']);
  });

  it('a backslash at the end of a line continues its string and its statement', () => {
    expect(heads("a = 'abc\\\nb = 1'\nc = 2\r\nd = 'x\\\r\ny'\r\ne = 1 + \\\n2\n")).toEqual(['a =', 'c =', 'd =', 'e =']);
  });
});

describe('findTooDeepNesting', () => {
  it('a backslash before a CRLF continues a string, as before an LF', () => {
    const inString = (eol: string): string => `s = 'x\\${eol}${'('.repeat(300)}'${eol}`;
    expect(findTooDeepNesting(inString('\n'))).toBeUndefined();
    expect(findTooDeepNesting(inString('\r\n'))).toBeUndefined();
  });
});
