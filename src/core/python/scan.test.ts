import { describe, expect, it } from 'vitest';
import { forEachLine, LineScanner } from './scan';

interface LineReport {
  /** State at the start of the line. */
  start: string;
  /** Code runs, string-text runs and the comment of the line. */
  code: string[];
  strings: string[];
  comment?: string;
}

/** `"` / `'''` … open at a line start, `(2` for depth 2, `\` for a continuation; `-` when clean. */
function describeState(s: LineScanner): string {
  const quote = s.quote === 0 ? '' : String.fromCharCode(s.quote).repeat(s.triple ? 3 : 1);
  const parts = [quote, s.depth > 0 ? `(${s.depth}` : '', s.continued ? '\\' : ''].join('');
  return parts === '' ? '-' : parts;
}

/** Scans `text` line by line and reports what the scanner saw. */
function scan(text: string): LineReport[] {
  const s = new LineScanner();
  const out: LineReport[] = [];
  forEachLine(text, (from, to) => {
    const line: LineReport = { start: describeState(s), code: [], strings: [] };
    s.scanLine(text, from, to, {
      code: (a, b) => line.code.push(text.slice(a, b)),
      stringText: (a, b) => line.strings.push(text.slice(a, b)),
    });
    if (s.comment >= 0) line.comment = text.slice(s.comment, to).replace(/\r$/, '');
    out.push(line);
  });
  return out;
}

/** The state at the start of each line. */
const starts = (text: string): string[] => scan(text).map((l) => l.start);

describe('LineScanner', () => {
  it('splits a line into code, string text and a comment', () => {
    expect(scan('x = f(a, "b # c") + \'d\'  # note "e"')).toEqual([
      { start: '-', code: ['x = f(a, ', ') + ', '  '], strings: ['b # c', 'd'], comment: '# note "e"' },
    ]);
  });

  it('a # inside a string is not a comment; a quote inside a comment opens nothing', () => {
    const lines = scan('s = "#not"  # it\'s\nt = 1\n');
    expect(lines[0].comment).toBe("# it's");
    expect(lines[0].strings).toEqual(['#not']);
    expect(lines[1].start).toBe('-');
  });

  it('triple-quoted strings span lines; single quotes and brackets inside them do not count', () => {
    const text = 's = """one\n"two" (\n\'\'\'\nthree""" + (\n1)\n';
    expect(starts(text)).toEqual(['-', '"""', '"""', '"""', '(1', '-']);
    expect(scan(text)[3]).toEqual({ start: '"""', code: [' + ('], strings: ['three'] });
  });

  it('a triple string closes only at three quotes, and "" is an empty string', () => {
    expect(starts('a = """x""y\n"""\nb = ""\nc = "" + ""\n')).toEqual(['-', '"""', '-', '-', '-']);
    expect(scan('b = ""')[0].strings).toEqual([]);
  });

  it('escaped quotes and backslashes stay inside the string', () => {
    const lines = scan('a = "x\\"(" + \'it\\\'s\' + "\\\\" + (\n1)');
    expect(lines[0].strings).toEqual(['x', '(', 'it', 's']);
    expect(lines[0].code).toEqual(['a = ', ' + ', ' + ', ' + (']);
    expect(lines[1].start).toBe('(1');
    // Raw strings too: r'\'' is one string in Python.
    expect(starts("r = r'\\''\nx = 1\n")).toEqual(['-', '-', '-']);
  });

  it('an unterminated single-quoted string ends at the end of its line', () => {
    expect(starts('a = "oops (\nb = 2\n')).toEqual(['-', '-', '-']);
    expect(starts("a = 'oops\\\\\nb = 2\n")).toEqual(['-', '-', '-']);
  });

  it('a backslash at the end of a line continues the line, and a single-quoted string', () => {
    expect(starts('x = 1 + \\\n    2\ny = 3\n')).toEqual(['-', '\\', '-', '-']);
    expect(starts('s = "a\\\nb (" + c\nd\n')).toEqual(['-', '"\\', '-', '-']);
    expect(scan('s = "a\\\nb (" + c\n')[1]).toEqual({ start: '"\\', code: [' + c'], strings: ['b ('] });
    // Not in a comment, not when the backslash is escaped, not before other characters.
    expect(starts('x = 1  # \\\ny\n')).toEqual(['-', '-', '-']);
    expect(starts('x = "a\\\\\\\\"\\\ny\n')).toEqual(['-', '\\', '-']);
    expect(starts('x = 1 \\ \ny\n')).toEqual(['-', '-', '-']);
  });

  it('CRLF line breaks scan like LF', () => {
    const text = 'x = (1,\n     2)\ns = "a\\\nb"\nt = 1 + \\\n  2  # c\nu = """\n"""\n';
    const lf = scan(text);
    const crlfText = text.replace(/\n/g, '\r\n');
    const crlf = scan(crlfText);
    expect(crlf.map((l) => l.start)).toEqual(lf.map((l) => l.start));
    expect(crlf.map((l) => l.strings)).toEqual(lf.map((l) => l.strings));
    expect(crlf[5].comment).toBe('# c');
    expect(crlf[5].code).toEqual(['  2  ']);
  });

  it('brackets nest across lines and a stray closer is ignored', () => {
    expect(starts('a = [(\n{\n}),\n]\n)\nb = (\n')).toEqual(['-', '(2', '(3', '(1', '-', '-', '(1']);
  });

  it('f-strings are plain strings: {…} is string text, nested same quotes read as two strings', () => {
    // Different quotes inside: one string.
    expect(scan("x = f\"{d['k']:>{w}}\" + (")[0]).toEqual({ start: '-', code: ['x = f', ' + ('], strings: ["{d['k']:>{w}}"] });
    // PEP 701 (Python 3.12) reuses the quote: the scanner sees "{d[", k, "]}" and still ends the line clean.
    expect(scan('x = f"{d["k"]}"\ny = 1\n')[0]).toEqual({ start: '-', code: ['x = f', 'k'], strings: ['{d[', ']}'] });
    expect(starts('x = f"{d["k"]}"\ny = 1\n')).toEqual(['-', '-', '-']);
    expect(starts('x = f"""{\n"a"}"""\ny\n')).toEqual(['-', '"""', '-', '-']);
  });

  it('reports each string start and each opening bracket with its depth', () => {
    const seen: string[] = [];
    const text = 'f(r"a", [b\'\'\'c\'\'\'])';
    new LineScanner().scanLine(text, 0, text.length, {
      stringStart: (at, triple) => seen.push(`${triple ? 'triple' : 'string'}@${at}`),
      open: (at, depth) => seen.push(`${text[at]}${depth}@${at}`),
    });
    expect(seen).toEqual(['(1@1', 'string@3', '[2@8', 'triple@10']);
  });

  it('only the part from..to is scanned; a caller may leave a line unscanned at a logical start', () => {
    const s = new LineScanner();
    const text = 'xx(yy\n';
    s.scanLine(text, 2, 3);
    expect(s.depth).toBe(1);
    s.scanLine(')', 0, 1);
    expect(s.atLogicalLineStart).toBe(true);
  });

  it('forEachLine gives every line, the last one even when empty, and stops on true', () => {
    const lines: string[] = [];
    forEachLine('a\r\nb\n\nc\n', (from, to) => void lines.push('a\r\nb\n\nc\n'.slice(from, to)));
    expect(lines).toEqual(['a\r', 'b', '', 'c', '']);
    let n = 0;
    forEachLine('a\nb\nc', () => ++n === 2);
    expect(n).toBe(2);
  });
});
