/**
 * @lezer/python still knows the Python 2 `print` statement: at a statement start, the
 * identifier `print` followed by anything but `(`, `.`, a newline or `#` becomes a
 * `PrintStatement` keyword. Valid Python 3 such as `print = 5`, `print, x = 1, 2`,
 * `print += 1`, `print: int = 3`, `print[0] = 1`, `print == f` or a bare `print` at the
 * end of a cell then parses with an error node (or as a print statement).
 *
 * `maskPrintStatements` replaces such a `print` with a same-length identifier in the
 * text handed to lezer only. Offsets do not move, so callers keep reading every name
 * from the ORIGINAL text; the masked text must never be used for anything but parsing.
 * Python-2-only forms (`print "x"`, `print x`, `print {…}`, `print ~x`) are left alone,
 * so they parse exactly as before.
 */
import { parsePython, type Tree } from './parse';

/** Same length as `print`; only ever seen by the parser (names come from the original text). */
const MASK = '_rint';

/** Characters that, after `print`, continue a Python 3 statement (assignment, operator, …). */
const CONTINUES = new Set('=,:;[+-*/%@&|^<>!'.split('').map((c) => c.charCodeAt(0)));
const KEYWORD_AFTER = /^(?:if|is|in|and|or|not[ \t]+in)(?![\w\u0080-\uffff])/;
const IDENTIFIER_CHAR = /^[\p{ID_Continue}\u200c\u200d]/u;

/** May `print` at `at` (preceded by only spaces/tabs back to a line start, `;` or `:`) be a statement start? */
function atStatementStart(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 12) continue;
    return c === 10 || c === 13 || c === 59 /* ; */ || c === 58 /* : */ || c === 0xfeff;
  }
  return true;
}

/** Does the text after `print` (at `after`) make it a Python 3 name that lezer would misread? */
function continuesAsName(text: string, after: number): boolean {
  const c = text.charCodeAt(after);
  // `printé = 1`: lezer's `print` check only looks at ASCII word characters.
  if (c >= 0x80) return IDENTIFIER_CHAR.test(text.slice(after, after + 2));
  let i = after;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i >= text.length) return true; // a bare `print` at the end of the text
  const n = text.charCodeAt(i);
  if (CONTINUES.has(n)) return true;
  // Only where `print` was followed by whitespace: `print if c else d`, `print is None`, `print not in s`.
  return i > after && KEYWORD_AFTER.test(text.slice(i, i + 24));
}

/**
 * The text with every statement-initial `print` that Python 3 reads as a plain name
 * replaced by a same-length identifier, or the same string when there is none (the
 * common case costs one `indexOf` scan). A match inside a string or comment is masked
 * too; that is harmless, since lezer only treats `print` specially at a statement start.
 */
export function maskPrintStatements(text: string): string {
  let at = text.indexOf('print');
  if (at < 0) return text;
  let out: string | undefined;
  let copied = 0;
  for (; at >= 0; at = text.indexOf('print', at + 5)) {
    const next = text.charCodeAt(at + 5);
    // Fast reject: `print(`, `print.`, and `print_x`/`printer` (ASCII word characters).
    if (next === 40 || next === 46 || (next >= 48 && next <= 57) || (next >= 65 && next <= 90) || next === 95 || (next >= 97 && next <= 122)) continue;
    if (!atStatementStart(text, at) || !continuesAsName(text, at + 5)) continue;
    out = (out ?? '') + text.slice(copied, at) + MASK;
    copied = at + 5;
  }
  return out === undefined ? text : out + text.slice(copied);
}

/**
 * Parse Python 3 text: like `parsePython`, but a statement-initial `print` that is a
 * plain name (`print = 5`, `print, x = …`, `print += 1`, `print: T = …`) parses as one.
 * Node positions refer to `text`; read names from `text`, never from a masked copy.
 */
export function parsePython3(text: string): Tree {
  return parsePython(maskPrintStatements(text));
}
