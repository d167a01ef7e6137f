import { parser } from '@lezer/python';
import { describe, expect, it } from 'vitest';
import { findSyntaxErrors } from './parse';
import { maskPrintStatements, parsePython3 } from './print-mask';

/** Top-level statement node names of a parse. */
function statements(text: string, parse = parsePython3): string[] {
  const names: string[] = [];
  for (let n = parse(text).topNode.firstChild; n; n = n.nextSibling) names.push(n.name);
  return names;
}

const lezer = (text: string) => parser.parse(text);

describe('maskPrintStatements', () => {
  it('returns the same string when there is nothing to mask', () => {
    for (const text of ['x = 1', 'print(x)\nprint (y)', 'print.x = 1', 'y = print', 'def print():\n    pass', 'printer = 1\nprint_x = 2', 'print\nx', 'print  # c', 'print "x"', 'print x', 'print {1}', 'print ~x', 'print not x']) {
      expect(maskPrintStatements(text)).toBe(text);
    }
  });
  it('masks statement-initial print used as a Python 3 name, keeping every offset', () => {
    const cases = ['print = 5', 'print, x = 1, 2', 'print += 1', 'print: int = 3', 'print[0] = 1', 'print == 3', 'print', 'print  ', 'print;x = 1',
      'x = 1; print = 2', 'if x: print = 1', 'if x:\n    print = 1', '\tprint -= 1', 'print if a else b', 'print is None', 'print not in s', 'print >>f, "x"', 'printé = 1', 'print\t= 1\r\n'];
    for (const text of cases) {
      const masked = maskPrintStatements(text);
      expect(masked, text).not.toBe(text);
      expect(masked.length).toBe(text.length);
      expect(masked.replace(/_rint/g, 'print')).toBe(text);
    }
  });
  it('the Python 3 forms lezer misreads parse without errors once masked', () => {
    for (const text of ['print = 5', 'print, x = 1, 2', 'print += 1', 'print: int = 3', 'print[0] = 1', 'print == 3', 'print', 'x = 1; print = 2', 'if x:\n    print = 1\n', 'print if a else b', 'print not in s', 'printé = 1']) {
      expect(findSyntaxErrors(lezer(text)).length + statements(text, lezer).filter((s) => s === 'PrintStatement').length, `lezer alone: ${text}`).toBeGreaterThan(0);
      expect(findSyntaxErrors(parsePython3(text)), text).toEqual([]);
      expect(statements(text)).not.toContain('PrintStatement');
    }
    expect(statements('print = 5')).toEqual(['AssignStatement']);
    expect(statements('print += 1')).toEqual(['UpdateStatement']);
  });
  it('Python 2 print statements parse exactly as before', () => {
    for (const text of ['print "x"', 'print x, y', 'print {1: 2}']) {
      expect(parsePython3(text).toString()).toBe(lezer(text).toString());
    }
  });
  it('masking inside strings and comments does not change the tree', () => {
    const text = 's = """\nprint = 1\n"""\n# x: print, y\nd = {1: print, 2: 3}\n';
    expect(maskPrintStatements(text)).not.toBe(text);
    expect(parsePython3(text).toString()).toBe(lezer(text).toString());
  });
});
