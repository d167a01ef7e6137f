/**
 * A light Python highlighter for the side panel: parses with @lezer/python and returns
 * each line as runs of text with a token class. Plain data only; the panel builds React
 * elements from it (never HTML).
 */
import { parsePython3 } from '../../core/python/print-mask';
import type { SyntaxNode } from '@lezer/common';

export type TokenClass = 'kw' | 'str' | 'num' | 'com' | 'const' | 'fn' | 'def' | 'prop' | 'op';
export interface Run {
  text: string;
  cls?: TokenClass;
}

const KEYWORDS = new Set(
  'import from as def class return if elif else for while in not and or is lambda with try except finally raise yield await async pass break continue del global nonlocal assert'.split(' '),
);
const CLASSES: TokenClass[] = ['kw', 'str', 'num', 'com', 'const', 'fn', 'def', 'prop', 'op'];

function classOf(node: SyntaxNode): TokenClass | undefined {
  const name = node.name;
  if (KEYWORDS.has(name)) return 'kw';
  switch (name) {
    case 'String':
    case 'FormatString':
      return 'str';
    case 'Number':
      return 'num';
    case 'Comment':
      return 'com';
    case 'Boolean':
    case 'None':
      return 'const';
    case 'ArithOp':
    case 'CompareOp':
    case 'AssignOp':
    case 'UpdateOp':
    case 'BitOp':
      return 'op';
    case 'VariableName': {
      const parent = node.parent;
      if (parent && (parent.name === 'FunctionDefinition' || parent.name === 'ClassDefinition')) return 'def';
      if (parent?.name === 'CallExpression' && parent.firstChild?.from === node.from) return 'fn';
      return undefined;
    }
    case 'PropertyName': {
      const member = node.parent;
      const call = member?.parent;
      if (member?.name === 'MemberExpression' && call?.name === 'CallExpression' && call.firstChild?.from === member.from) return 'fn';
      return 'prop';
    }
    default:
      return undefined;
  }
}

/** The code's lines (split on \n, \r\n or \r) as highlighted runs. */
export function highlightPython(code: string): Run[][] {
  // One class per character; inner nodes paint over outer ones (f-string fields over the string).
  const paint = new Uint8Array(code.length);
  try {
    parsePython3(code).iterate({
      enter(ref) {
        const cls = classOf(ref.node);
        if (cls) paint.fill(CLASSES.indexOf(cls) + 1, ref.from, ref.to);
      },
    });
  } catch {
    // Unparsable text stays plain.
  }
  const lines: Run[][] = [];
  let line: Run[] = [];
  let start = 0;
  const flush = (end: number) => {
    if (end > start) {
      const c = paint[start];
      line.push(c ? { text: code.slice(start, end), cls: CLASSES[c - 1] } : { text: code.slice(start, end) });
    }
  };
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '\n' || ch === '\r') {
      flush(i);
      lines.push(line);
      line = [];
      if (ch === '\r' && code[i + 1] === '\n') i++;
      start = i + 1;
      continue;
    }
    if (i > start && paint[i] !== paint[i - 1]) {
      flush(i);
      start = i;
    }
  }
  flush(code.length);
  lines.push(line);
  return lines;
}
