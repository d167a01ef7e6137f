import { describe, expect, it } from 'vitest';
import { statementUnits } from './statements';

function ranges(code: string): Array<[number, number]> {
  const u = statementUnits(code);
  return u.start.map((s, i) => [s, u.end[i]]);
}

describe('statementUnits', () => {
  it('one unit per simple statement; blank and comment lines belong to none', () => {
    const u = statementUnits('a = 1\n\n# note\nb = 2\n');
    expect(u.start).toEqual([1, 4]);
    expect(u.end).toEqual([1, 4]);
    expect([...u.unitOfLine]).toEqual([-1, 0, -1, -1, 1, -1]);
  });

  it('joins bracketed, backslash and triple-quoted continuations', () => {
    expect(ranges('x = (\n  1 +\n  2\n)\ny = 1 + \\\n  2\ns = """a\n(b\n"""\nz = 3\n')).toEqual([
      [1, 4],
      [5, 6],
      [7, 9],
      [10, 10],
    ]);
  });

  it('ignores brackets inside strings and comments', () => {
    expect(ranges('a = "("\nb = 1  # (\nc = \'[\'\nd = "\\"("\n')).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
  });

  it('keeps compound statements whole, with clauses, decorators and dedented comments', () => {
    const code = [
      'if a:',
      '    b = 1',
      '',
      '# comment',
      'else:',
      '    b = 2',
      '@dec',
      '@dec2(1)',
      'def f():',
      '    x = 1',
      '# at column 0',
      '    return x',
      'try:',
      '    pass',
      'except E:',
      '    pass',
      'finally:',
      '    pass',
      'z = f()',
    ].join('\n');
    expect(ranges(code)).toEqual([
      [1, 6],
      [7, 12],
      [13, 18],
      [19, 19],
    ]);
  });

  it('survives an unterminated string', () => {
    expect(ranges('a = "oops\nb = 2\n')).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('treats IPython magics and shell escapes as single lines', () => {
    expect(ranges("%matplotlib inline\n!echo it's (\nx = 1\n%%time\ny = 2\n")).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
  });
});
