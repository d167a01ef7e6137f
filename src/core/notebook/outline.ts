/**
 * The outline of a notebook: the headings of its markdown cells (ATX `#`…`######` lines and
 * setext `===`/`---` underlines, never inside code fences), as plain text with the cell they
 * sit in. The cells view groups code cells under them. Markdown is never rendered: inline
 * marks and HTML tags are dropped, entities decoded, and the result is shown as text.
 */
import type { OutlineHeading } from '../model';

/** At most this many headings are kept per notebook. */
export const MAX_OUTLINE_HEADINGS = 500;
/** A heading's text is cut to this many characters (with "…"). */
export const MAX_HEADING_CHARS = 120;

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
/** Lines that start a block other than a paragraph (a setext underline below them is no heading). */
const NOT_PARAGRAPH = /^ {0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|>|<|\|)|^(?: {4}|\t)/;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Markdown inline text → plain text: links to their text, marks and HTML tags dropped, entities decoded. */
export function plainHeadingText(raw: string): string {
  let s = raw
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<\/?[A-Za-z][^<>]*>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(\*\*|\*|~~|`)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (m, name: string) => {
      const lower = name.toLowerCase();
      if (ENTITIES[lower] !== undefined) return ENTITIES[lower];
      if (lower.startsWith('#x')) return safeCodePoint(parseInt(lower.slice(2), 16)) ?? m;
      if (lower.startsWith('#')) return safeCodePoint(parseInt(lower.slice(1), 10)) ?? m;
      return m;
    })
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
  // eslint-disable-next-line no-control-regex
  s = s.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  return s.length > MAX_HEADING_CHARS ? `${s.slice(0, MAX_HEADING_CHARS - 1)}…` : s;
}

function safeCodePoint(cp: number): string | undefined {
  if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return String.fromCodePoint(cp);
}

/** The headings of one markdown text, in order: level 1–6 and plain text (empty headings are skipped). */
export function markdownHeadings(markdown: string): Array<{ level: number; text: string }> {
  const out: Array<{ level: number; text: string }> = [];
  const lines = markdown.split(/\r\n|\r|\n/);
  let fence: { char: string; length: number } | undefined;
  let paragraph: string[] = [];
  const push = (level: number, raw: string) => {
    const text = plainHeadingText(raw);
    if (text !== '') out.push({ level, text });
  };
  for (const line of lines) {
    if (fence) {
      const close = FENCE.exec(line);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length && close[2].trim() === '') fence = undefined;
      continue;
    }
    const open = FENCE.exec(line);
    if (open && !(open[1][0] === '`' && open[2].includes('`'))) {
      fence = { char: open[1][0], length: open[1].length };
      paragraph = [];
      continue;
    }
    if (line.trim() === '') {
      paragraph = [];
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      push(atx[1].length, atx[2] ?? '');
      paragraph = [];
      continue;
    }
    const setext = SETEXT.exec(line);
    if (setext && paragraph.length > 0) {
      push(setext[1][0] === '=' ? 1 : 2, paragraph.join(' '));
      paragraph = [];
      continue;
    }
    if (paragraph.length === 0 && NOT_PARAGRAPH.test(line)) continue;
    if (paragraph.length === 0 && setext) continue; // a thematic break, or `===` on its own
    paragraph.push(line.trim());
  }
  return out;
}

/** Collects the outline across cells, keeping at most MAX_OUTLINE_HEADINGS. */
export class OutlineBuilder {
  readonly headings: OutlineHeading[] = [];

  addMarkdown(cellIndex: number, markdown: string): void {
    for (const h of markdownHeadings(markdown)) this.add(cellIndex, h.level, h.text);
  }

  /** nbformat 3 heading cells: the level is given, the source is the heading text. */
  addHeadingCell(cellIndex: number, level: number, source: string): void {
    const text = plainHeadingText(source);
    if (text !== '') this.add(cellIndex, Math.min(6, Math.max(1, Math.trunc(level) || 1)), text);
  }

  private add(cellIndex: number, level: number, text: string): void {
    if (this.headings.length < MAX_OUTLINE_HEADINGS) this.headings.push({ cellIndex, level, text });
  }
}
