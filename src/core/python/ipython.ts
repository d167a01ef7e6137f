/**
 * IPython syntax → plain Python, keeping every line where it was.
 *
 * Line magics (`%matplotlib inline`, `% matplotlib`), shell escapes (`!pip …`, with `\`
 * continuations), `x = !cmd` / `x = %magic` assignments, `?` help and cell magics
 * (`%%bash`, `%%writefile` …) are replaced by filler of exactly the same length (so
 * offsets, lines and columns all stay valid against the original text). Plain regexes
 * are used only to recognise a magic at the start of a logical line; the Python line
 * scanner (`scan.ts`) tracks strings, brackets and `\` continuations so that e.g. `% b`
 * inside brackets (a modulo) is left alone.
 */
import { LineScanner, type ScanVisitor } from './scan';

export interface BlankedSource {
  /** The Python text to parse: same number of lines as the input. */
  text: string;
  /** 1-based lines that were replaced by filler (their statements are ignored). */
  blankedLines: Set<number>;
  /** A cell magic whose body is not Python (e.g. `bash`): the whole cell was blanked. */
  skippedCellMagic?: string;
  /** A cell magic whose body was kept as Python (e.g. `time`, or an unknown one). */
  cellMagic?: string;
  /** Offsets of number literals written `1.` (rewritten to `1 ` for the parser): they are floats. */
  floatNumbers: Set<number>;
}

/** Cell magics whose body is not Python: the whole cell is blanked. Others keep their body. */
const NON_PYTHON_CELL_MAGICS = new Set([
  'bash', 'sh', 'script', 'writefile', 'file', 'html', 'HTML', 'javascript', 'js', 'latex', 'markdown', 'svg', 'sql',
  'perl', 'ruby', 'cmd', 'powershell', 'R', 'octave', 'julia', 'sx', 'system', 'dot', 'mermaid', 'cython', 'fortran',
]);

/** A number written `1.` (not `x1.` and not `1.5`): lezer cannot parse these. */
const TRAILING_DOT_FLOAT = /(?:^|[^\w.])\d[\d_]*\.(?![\d.A-DF-IK-Za-df-ik-z_])/m;
const HELP_LINE = /^\s*(?:\?{1,2}\s*[\w.]+(?:\(\))?|[\w.]+(?:\(\))?\s*\?{1,2})\s*$/;
const ASSIGN_MAGIC = /^(\s*[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*)([!%])/;

function filler(length: number): string {
  if (length >= 4) return 'pass' + ' '.repeat(length - 4);
  return '0' + ' '.repeat(Math.max(0, length - 1));
}

export function blankIPython(code: string): BlankedSource {
  // Fast path: nothing that can start IPython syntax.
  if (!/[%!?]/.test(code) && !TRAILING_DOT_FLOAT.test(code)) return { text: code, blankedLines: new Set(), floatNumbers: new Set() };
  const lines = code.split('\n');
  const blanked = new Set<number>();
  const floatNumbers = new Set<number>();
  let cellMagic: string | undefined;
  const crOf = (s: string): string => (s.endsWith('\r') ? '\r' : '');
  const body = (s: string): string => (s.endsWith('\r') ? s.slice(0, -1) : s);

  // Cell magic: the first non-blank line starts with %%.
  let first = 0;
  while (first < lines.length && body(lines[first]).trim() === '') first++;
  if (first < lines.length) {
    const m = /^\s*%%\s*([\w.-]*)/.exec(lines[first]);
    if (m) {
      const name = m[1];
      if (!NON_PYTHON_CELL_MAGICS.has(name)) {
        lines[first] = ' '.repeat(body(lines[first]).length) + crOf(lines[first]);
        blanked.add(first + 1);
        cellMagic = name || '%%';
      } else {
        for (let i = 0; i < lines.length; i++) {
          if (body(lines[i]).length > 0) blanked.add(i + 1);
          lines[i] = ' '.repeat(body(lines[i]).length) + crOf(lines[i]);
        }
        return { text: lines.join('\n'), blankedLines: blanked, skippedCellMagic: name || '%%', floatNumbers };
      }
    }
  }

  const scan = new LineScanner();
  /** The string opened last is an f-string (its numbers are rewritten too: `{x / 2.}`). */
  let fstring = false;
  let lastIndent = '';
  let lastColon = false;
  /** The line being scanned (without its `\r`), with its `1.` numbers rewritten so far, and its offset. */
  let line = '';
  let lineStart = 0;
  /** Rewrites the number starting at `i` (a digit not inside a name); returns where it ends. */
  const number = (i: number, inCode: boolean): number => {
    const r = rewriteNumber(line, i);
    line = r.line;
    if (inCode && r.float) floatNumbers.add(lineStart + i);
    return r.end;
  };
  const numbers: ScanVisitor = {
    code(from, to) {
      for (let i = from; i < to; i++) {
        const c = line.charCodeAt(i);
        if (c >= 48 && c <= 57 && !isIdentChar(line.charCodeAt(i - 1))) i = number(i, true) - 1;
        // Skip the rest of an identifier (so digits inside names are not numbers).
        else if (isIdentChar(c)) while (i + 1 < to && isIdentChar(line.charCodeAt(i + 1))) i++;
      }
    },
    stringStart(at) {
      fstring = /[fF]/.test(line.slice(Math.max(0, at - 2), at));
    },
    stringText(from, to) {
      if (!fstring) return;
      for (let i = from; i < to; i++) {
        const c = line.charCodeAt(i);
        if (c >= 48 && c <= 57 && !isIdentChar(line.charCodeAt(i - 1))) i = number(i, false) - 1;
      }
    },
  };

  const starts: number[] = [];
  for (let li = 0, off = 0; li < lines.length; li++) {
    starts.push(off);
    off += lines[li].length + 1;
  }
  for (let li = 0; li < lines.length; li++) {
    lineStart = starts[li];
    const raw = lines[li];
    const cr = crOf(raw);
    line = cr ? raw.slice(0, -1) : raw;
    const atStart = scan.atLogicalLineStart;
    if (atStart) {
      const trimmed = line.trimStart();
      const indent = line.slice(0, line.length - trimmed.length);
      const c = trimmed.charCodeAt(0);
      const isMagic = (c === 37 /* % */ || c === 33 /* ! */) && !trimmed.startsWith('!=') && !trimmed.startsWith('%=');
      if (isMagic || (trimmed.length > 0 && trimmed.includes('?') && HELP_LINE.test(line))) {
        const useIndent = lastColon ? indent : indent.length <= lastIndent.length ? indent : lastIndent;
        lines[li] = useIndent + filler(line.length - useIndent.length) + cr;
        blanked.add(li + 1);
        let j = li;
        while (body(raw).trimEnd().endsWith('\\') && j + 1 < lines.length) {
          j++;
          const next = lines[j];
          lines[j] = ' '.repeat(body(next).length) + crOf(next);
          blanked.add(j + 1);
          if (!body(next).trimEnd().endsWith('\\')) break;
        }
        li = j;
        continue;
      }
      const am = isMagicAssignCandidate(trimmed) ? ASSIGN_MAGIC.exec(line) : null;
      if (am) {
        const head = am[1];
        const rest = line.length - head.length;
        lines[li] = head + (rest >= 4 ? 'None' + ' '.repeat(rest - 4) : '0' + ' '.repeat(Math.max(0, rest - 1))) + cr;
        let j = li;
        let prev = line;
        while (prev.trimEnd().endsWith('\\') && j + 1 < lines.length) {
          j++;
          prev = body(lines[j]);
          lines[j] = ' '.repeat(prev.length) + crOf(lines[j]);
        }
        li = j;
        lastIndent = indent;
        lastColon = false;
        continue;
      }
      if (trimmed.length > 0 && !trimmed.startsWith('#')) {
        lastIndent = indent;
      }
    }
    // Strings, brackets, comments and a trailing backslash; numbers are rewritten on the way.
    const scanned = line;
    scan.scanLine(raw, 0, raw.length, numbers);
    if (line !== scanned) lines[li] = line + cr;
    if (atStart || scan.depth === 0) {
      const t = line.trimEnd();
      if (t.length > 0 && !t.trimStart().startsWith('#')) lastColon = (scan.comment < 0 ? t : line.slice(0, scan.comment).trimEnd()).endsWith(':');
    }
  }
  return { text: lines.join('\n'), blankedLines: blanked, floatNumbers, ...(cellMagic !== undefined ? { cellMagic } : {}) };
}

/**
 * lezer's Python grammar has no `1.` / `1.e5` / `1.j` literals: rewrite them with the same
 * length (`1 `, `1e05`, `1j `). `float` says a `1.` became `1 ` (its value is a float).
 */
function rewriteNumber(line: string, i: number): { line: string; end: number; float: boolean } {
  let j = i + 1;
  while (j < line.length && ((line[j] >= '0' && line[j] <= '9') || line[j] === '_')) j++;
  if (line[j] !== '.' || (line[i] === '0' && (line[i + 1] === 'x' || line[i + 1] === 'X'))) return { line, end: j, float: false };
  const c2 = line[j + 1];
  const next = line.charCodeAt(j + 1);
  if (c2 === 'e' || c2 === 'E') {
    const sign = line[j + 2] === '+' || line[j + 2] === '-' ? line[j + 2] : '';
    return { line: line.slice(0, j) + c2 + sign + '0' + line.slice(j + 2 + sign.length), end: j + 2 + sign.length, float: false };
  }
  if (c2 === 'j' || c2 === 'J') return { line: line.slice(0, j) + c2 + ' ' + line.slice(j + 2), end: j + 2, float: false };
  if (!(next >= 48 && next <= 57) && !isIdentChar(next) && c2 !== '.') {
    return { line: line.slice(0, j) + ' ' + line.slice(j + 1), end: j + 1, float: true };
  }
  return { line, end: j, float: false };
}

function isIdentChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

function isMagicAssignCandidate(trimmed: string): boolean {
  const eq = trimmed.indexOf('=');
  if (eq < 0) return false;
  const after = trimmed.slice(eq + 1).trimStart();
  return after.startsWith('!') || (after.startsWith('%') && !after.startsWith('%='));
}
