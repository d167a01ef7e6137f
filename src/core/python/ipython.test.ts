import { describe, expect, it } from 'vitest';
import { blankIPython } from './ipython';
import { findSyntaxErrors, parsePython, topLevelStarts } from './parse';

const valid = (text: string): boolean => findSyntaxErrors(parsePython(text)).length === 0;

describe('blankIPython', () => {
  it('leaves plain Python untouched', () => {
    const code = 'x = 1 % 2\ny = x != 3\n';
    expect(blankIPython(code).text).toBe(code);
  });
  it('blanks line magics, keeping the length of every line', () => {
    const code = '%matplotlib inline\n% matplotlib inline\nx = 1\n';
    const b = blankIPython(code);
    expect(b.text.length).toBe(code.length);
    expect(b.text.split('\n').map((l) => l.length)).toEqual(code.split('\n').map((l) => l.length));
    expect([...b.blankedLines]).toEqual([1, 2]);
    expect(valid(b.text)).toBe(true);
  });
  it('blanks shell escapes with backslash continuations', () => {
    const code = '!pip install a \\\n    b \\\n    c\nx = 1\n';
    const b = blankIPython(code);
    expect([...b.blankedLines]).toEqual([1, 2, 3]);
    expect(valid(b.text)).toBe(true);
    expect(b.text.endsWith('x = 1\n')).toBe(true);
  });
  it('blanks shell escapes with {var} interpolation', () => {
    expect(valid(blankIPython('d = "x"\n!ls {d} $d\n').text)).toBe(true);
  });
  it('keeps a magic inside a block valid', () => {
    const b = blankIPython('for i in range(3):\n    %time f(i)\n');
    expect(valid(b.text)).toBe(true);
  });
  it('keeps a magic valid under a block header with # inside a string', () => {
    expect(valid(blankIPython('if x == "#":\n    %time f()\n').text)).toBe(true);
    expect(valid(blankIPython("for c in '#:':  # loop\n    %time f(c)\n").text)).toBe(true);
  });
  it('x = !cmd and x = %magic become assignments', () => {
    const b = blankIPython('files = !ls\nt = %timeit -o f()\n');
    expect(valid(b.text)).toBe(true);
    expect(b.text.startsWith('files = ')).toBe(true);
  });
  it('blanks ? and ?? help', () => {
    const b = blankIPython('len?\n?len\nobj.method??\nx = 1\n');
    expect([...b.blankedLines]).toEqual([1, 2, 3]);
    expect(valid(b.text)).toBe(true);
  });
  it('blanks non-Python cell magics whole', () => {
    const b = blankIPython('%%bash\necho hi\nls -la\n');
    expect(b.skippedCellMagic).toBe('bash');
    expect(b.text.trim()).toBe('');
  });
  it('keeps the Python body of %%time', () => {
    const b = blankIPython('%%time\nx = 1\n');
    expect(b.cellMagic).toBe('time');
    expect(b.text).toBe('      \nx = 1\n');
  });
  it('does not blank a % or ! inside brackets or strings', () => {
    const code = 'x = (10\n     % 3)\ns = """\n!not shell\n"""\n';
    expect(blankIPython(code).text).toBe(code);
  });
  it('rewrites 1. floats (which lezer cannot parse) keeping the length', () => {
    const code = 'x = [1., 2.5, 3.e-2, 4.j]\ny = f"{x[0] / 2.:.2f}"\n';
    const b = blankIPython(code);
    expect(b.text.length).toBe(code.length);
    expect(valid(b.text)).toBe(true);
    expect(b.floatNumbers.size).toBe(1);
  });
  it('an escaped backslash ending an unterminated string does not hide the next magic', () => {
    // `'abc\\` ends at the newline (Python and lezer agree), so line 2 starts a statement.
    expect([...blankIPython("s = 'abc\\\\\n%matplotlib inline\nx = 1\n").blankedLines]).toEqual([2]);
    expect([...blankIPython("s = 'abc\\\n%matplotlib inline'\nx = 1\n").blankedLines]).toEqual([]);
  });
  it('leaves digits inside names and strings alone', () => {
    const code = 'a1. b\nv2 = "version 2."\n';
    expect(blankIPython(code).text).toBe(code);
  });
});

describe('topLevelStarts', () => {
  it('splits at top-level statements, not inside blocks, brackets or else branches', () => {
    const text = 'a = (1,\n2)\nif a:\n    b = 1\nelse:\n    b = 2\n@dec\ndef f():\n    pass\n';
    const starts = topLevelStarts(text).map((o) => text.slice(o, o + 4));
    expect(starts).toEqual(['a = ', 'if a', '@dec']);
  });
});
