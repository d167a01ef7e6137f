/**
 * Statement units of one source text, for the slicer's line closure.
 *
 * The slicer keeps whole original lines. A node's location can cover only part of a
 * statement (`x = (\n    a + b\n)` locates `add` on line 2 alone), so selecting just
 * the node's lines would emit broken code. The slicer therefore closes over the
 * *top-level statement* that contains each selected line: the Python line scanner
 * (`../python/scan.ts`) groups physical lines into logical lines (brackets, strings,
 * backslash continuations), and logical lines are grouped into top-level statements
 * (an indented body, `else`/`elif`/`except`/`finally`/`case` clauses and decorators
 * belong to their statement). Blank and comment-only lines between statements belong
 * to none.
 *
 * Pure and linear in the length of the text.
 */
import { LineScanner } from '../python/scan';

/** Top-level statement units of one source text. Lines are 1-based. */
export interface StatementUnits {
  /** First line of each unit, ascending. */
  start: number[];
  /** Last line of each unit (inclusive). */
  end: number[];
  /** Unit index per line (index 0 unused); -1 for a blank or comment line outside any unit. */
  unitOfLine: Int32Array;
  /** Number of physical lines. */
  lineCount: number;
}

interface LogicalLine {
  start: number;
  end: number;
  indent: number;
  /** First identifier-ish word (or the first character, e.g. `@`). */
  head: string;
}

const CLAUSE_HEADS = new Set(['else', 'elif', 'except', 'finally']);

/** Splits text into physical lines the way the slicer prints them (`\r\n`, `\n`, `\r`). */
export function splitLines(code: string): string[] {
  return code.split(/\r\n|\n|\r/);
}

function logicalLines(lines: string[]): LogicalLine[] {
  const out: LogicalLine[] = [];
  const scan = new LineScanner();
  let current: LogicalLine | null = null;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    const lineNo = i + 1;
    if (current === null) {
      // A new logical line starts here, unless it is blank or a comment only.
      let j = 0;
      while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\f')) j++;
      if (j >= text.length || text[j] === '#') continue;
      let k = j;
      while (k < text.length && /[A-Za-z0-9_]/.test(text[k])) k++;
      current = { start: lineNo, end: lineNo, indent: j, head: k > j ? text.slice(j, k) : text[j] };
      // IPython line magics and shell escapes are one line each: do not scan them for
      // brackets or quotes (`!echo it's`, `%timeit f(`).
      if (text[j] === '%' || text[j] === '!') {
        out.push(current);
        current = null;
        continue;
      }
    }
    current.end = lineNo;
    scan.scanLine(text, 0, text.length);
    if (scan.atLogicalLineStart) {
      out.push(current);
      current = null;
    }
  }
  if (current) out.push(current);
  return out;
}

/** Groups the lines of `code` into top-level statement units. */
export function statementUnits(code: string): StatementUnits {
  const lines = splitLines(code);
  const start: number[] = [];
  const end: number[] = [];
  let openDecorator = false;
  for (const logical of logicalLines(lines)) {
    const continues =
      start.length > 0 &&
      (logical.indent > 0 || CLAUSE_HEADS.has(logical.head) || openDecorator);
    if (continues) {
      end[end.length - 1] = logical.end;
    } else {
      start.push(logical.start);
      end.push(logical.end);
    }
    if (logical.indent === 0) openDecorator = logical.head === '@';
  }
  const unitOfLine = new Int32Array(lines.length + 1).fill(-1);
  for (let u = 0; u < start.length; u++) {
    for (let line = start[u]; line <= end[u]; line++) unitOfLine[line] = u;
  }
  return { start, end, unitOfLine, lineCount: lines.length };
}
