/**
 * Thin wrapper over @lezer/python: parse a text, find its first syntax error, and
 * map offsets to 1-based lines / 0-based columns.
 */
import { parser } from '@lezer/python';
import type { Tree } from '@lezer/common';

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
