/**
 * Thin wrapper over @lezer/python: parse a text, find its first syntax error, and
 * map offsets to 1-based lines / 0-based columns.
 */
import { parser } from '@lezer/python';
import type { Tree } from '@lezer/common';
import { forEachLine, LineScanner, type ScanVisitor } from './scan';

export type { Tree, SyntaxNode } from '@lezer/common';

export function parsePython(text: string): Tree {
  return parser.parse(text);
}

/** Offsets of the first character of each line. */
export class LineIndex {
  readonly starts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    let i = text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 0-based column of an offset (UTF-16 units). */
  colOf(offset: number, line?: number): number {
    const l = line ?? this.lineOf(offset);
    return offset - this.starts[l - 1];
  }

  /** Text of a 1-based line, without its newline. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    const next = line < this.starts.length ? this.starts[line] - 1 : this.text.length;
    let end = next;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }
}

export interface SyntaxProblem {
  from: number;
  line: number;
  col: number;
}

/** Offsets of every error node in the tree (first one first). Cheap: one cursor pass. */
export function findSyntaxErrors(tree: Tree, limit = 1): number[] {
  const found: number[] = [];
  tree.iterate({
    enter(node) {
      if (found.length >= limit) return false;
      if (node.type.isError) {
        found.push(node.from);
        return false;
      }
      return undefined;
    },
  });
  return found;
}

const CONTINUATION_KEYWORDS = /^(else|elif|except|finally)\b/;

/**
 * Offsets where a new top-level statement starts (a logical line at column 0, outside
 * strings and brackets; `else`/`except`… and lines after a decorator continue the
 * previous statement). Used to re-parse a text statement by statement.
 */
export function topLevelStarts(text: string): number[] {
  const starts: number[] = [];
  const scan = new LineScanner();
  let afterDecorator = false;
  forEachLine(text, (pos, end) => {
    const first = text.charCodeAt(pos);
    if (scan.atLogicalLineStart && pos < end && first !== 32 && first !== 9 && first !== 35 && first !== 13 && first !== 12) {
      const head = text.slice(pos, Math.min(end, pos + 10));
      if (!afterDecorator && !CONTINUATION_KEYWORDS.test(head)) starts.push(pos);
      afterDecorator = first === 64; /* @ */
    }
    scan.scanLine(text, pos, end);
  });
  return starts;
}

/**
 * CPython refuses more than 200 levels of nested brackets ("too many nested parentheses"),
 * and lezer's tree builder overflows the stack on a few thousand. Deeper code is reported
 * as a diagnostic instead of being parsed.
 */
export const MAX_BRACKET_DEPTH = 200;

/**
 * Offset of the first opening bracket nested deeper than `limit` (outside strings and
 * comments), or undefined. Linear; a quick count skips texts with few brackets.
 */
export function findTooDeepNesting(text: string, limit = MAX_BRACKET_DEPTH): number | undefined {
  let opens = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) opens++;
  }
  if (opens <= limit) return undefined;
  let found: number | undefined;
  const scan = new LineScanner();
  const visitor: ScanVisitor = {
    open(at, depth) {
      if (depth > limit && found === undefined) found = at;
    },
  };
  forEachLine(text, (pos, end) => {
    scan.scanLine(text, pos, end, visitor);
    return found !== undefined;
  });
  return found;
}

/** The text with the top-level statement around `offset` replaced by spaces (newlines kept). */
export function blankStatementAt(text: string, offset: number): string {
  const starts = topLevelStarts(text);
  let from = 0;
  let to = text.length;
  for (const s of starts) {
    if (s <= offset) from = s;
    else {
      to = s;
      break;
    }
  }
  return text.slice(0, from) + text.slice(from, to).replace(/[^\n\r]/g, ' ') + text.slice(to);
}
