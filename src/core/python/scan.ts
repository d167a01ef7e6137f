/**
 * The one lexical scanner for Python source, a physical line at a time. It tracks what
 * carries from one line to the next (an open string, bracket depth, a backslash
 * continuation) and where a line's comment starts; the statement finders
 * (`topLevelStarts`, `statementUnits`), the nesting guard (`findTooDeepNesting`) and the
 * IPython blanker (`blankIPython`) are all built on it, so these rules live here only:
 *
 * - `'` or `"` opens a string, three of them a triple-quoted one; it closes at the same
 *   quote (three of them). Prefixes (`r`, `b`, `f`, `u` …) are plain code, and so is an
 *   f-string's `{…}`: `f"{d["k"]}"` reads as two strings around `k`.
 * - Inside a string a backslash escapes the next character (raw strings too: `r'\''`
 *   does not end at the escaped quote, in Python either).
 * - `#` outside a string starts a comment that runs to the end of the line.
 * - `(` `[` `{` outside strings and comments open a bracket, `)` `]` `}` close one; a stray
 *   closer is ignored (the depth never goes below 0).
 * - A line continues onto the next when its last character is a backslash that is neither
 *   in a comment nor escaped (`'a\\` ends in an escaped backslash: no continuation).
 * - A single-quoted string still open at the end of its line ends there unless the line
 *   continues (error recovery, as lezer does: `a = "oops` does not swallow the next line).
 * - A `\r` just before a line's end belongs to the line break (CRLF text scans like LF).
 *
 * Linear in the text: each character is looked at once.
 */

/** Optional hooks for the parts of a line; offsets index the scanned text. */
export interface ScanVisitor {
  /** Code outside strings and comments: `text.slice(from, to)` (never empty). Brackets are included; quotes and comments are not. */
  code?(from: number, to: number): void;
  /** A string opens: `at` is its (first) quote; `triple` says whether it is triple-quoted. */
  stringStart?(at: number, triple: boolean): void;
  /** Characters inside a string between its quotes and escapes (never empty). A backslash and the character it escapes are in no run. */
  stringText?(from: number, to: number): void;
  /** An opening bracket at `at`; `depth` includes it (1 for an outermost bracket). */
  open?(at: number, depth: number): void;
}

const BACKSLASH = 92;
const HASH = 35;
const CR = 13;

/** What a code character means to the scanner (ASCII only; everything else is plain code). */
const PLAIN = 0;
const QUOTE = 1;
const OPEN = 2;
const CLOSE = 3;
const COMMENT = 4;
const KIND = new Uint8Array(128);
KIND[34] = QUOTE; // "
KIND[39] = QUOTE; // '
KIND[40] = OPEN; // (
KIND[91] = OPEN; // [
KIND[123] = OPEN; // {
KIND[41] = CLOSE; // )
KIND[93] = CLOSE; // ]
KIND[125] = CLOSE; // }
KIND[HASH] = COMMENT;

/**
 * Scans a text line by line: call `scanLine` for each physical line in order. Between
 * calls the fields describe the state at the end of the last line (= the start of the next).
 * A caller may leave a line unscanned (an IPython magic) when it stands at a logical line
 * start: the state then simply carries over.
 */
export class LineScanner {
  /** Char code of the quote of the string open at the end of the last line (34 `"`, 39 `'`), or 0. */
  quote = 0;
  /** Whether that open string is triple-quoted. */
  triple = false;
  /** Open brackets. */
  depth = 0;
  /** The last line ended with a backslash continuation. */
  continued = false;
  /** Offset of the `#` that starts the last line's comment, or -1. */
  comment = -1;

  /** True when no string, bracket or continuation is open: the next line starts a logical line. */
  get atLogicalLineStart(): boolean {
    return this.quote === 0 && this.depth === 0 && !this.continued;
  }

  /**
   * Scans `text.slice(from, to)` as one physical line; `to` is where its line break starts
   * (or the end of the text). Fields are updated; `visitor` hears about the line's parts.
   */
  scanLine(text: string, from: number, to: number, visitor?: ScanVisitor): void {
    if (to > from && text.charCodeAt(to - 1) === CR) to--;
    let quote = this.quote;
    let triple = this.triple;
    let depth = this.depth;
    let continued = false;
    let comment = -1;
    /** Start of the current code or string-text run (for the visitor). */
    let run = from;
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (quote !== 0) {
        if (c === BACKSLASH) {
          if (visitor?.stringText && i > run) visitor.stringText(run, i);
          if (i + 1 === to) continued = true;
          i += 2;
          run = i;
          continue;
        }
        if (c === quote && (!triple || (i + 2 < to && text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote))) {
          if (visitor?.stringText && i > run) visitor.stringText(run, i);
          i += triple ? 3 : 1;
          quote = 0;
          triple = false;
          run = i;
          continue;
        }
        i++;
        continue;
      }
      const kind = c < 128 ? KIND[c] : PLAIN;
      if (kind === PLAIN) {
        if (c === BACKSLASH && i + 1 === to) continued = true;
        i++;
      } else if (kind === OPEN) {
        depth++;
        visitor?.open?.(i, depth);
        i++;
      } else if (kind === CLOSE) {
        if (depth > 0) depth--;
        i++;
      } else if (kind === QUOTE) {
        if (visitor?.code && i > run) visitor.code(run, i);
        triple = i + 2 < to && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
        quote = c;
        visitor?.stringStart?.(i, triple);
        i += triple ? 3 : 1;
        run = i;
      } else {
        // A comment: the rest of the line.
        if (visitor?.code && i > run) visitor.code(run, i);
        comment = i;
        run = to;
        break;
      }
    }
    if (visitor && run < to) {
      if (quote !== 0) visitor.stringText?.(run, to);
      else visitor.code?.(run, to);
    }
    if (quote !== 0 && !triple && !continued) quote = 0;
    this.quote = quote;
    this.triple = triple;
    this.depth = depth;
    this.continued = continued;
    this.comment = comment;
  }
}

/**
 * Calls `each(from, to)` for every physical line of `text` in order (lines end at `\n`; a
 * `\r` before it stays in the line, and `scanLine` drops it). Stops when `each` returns true.
 */
export function forEachLine(text: string, each: (from: number, to: number) => boolean | void): void {
  for (let pos = 0; pos <= text.length; ) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    if (each(pos, end) === true) return;
    pos = end + 1;
  }
}
