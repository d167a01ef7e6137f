/** Text helpers for the generated Python: identifiers, string literals, docstring text. */

export const PYTHON_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case type _'.split(' '),
);

/** Lower-case identifier: letters, digits and `_`; never empty, never starting with a digit. */
export function slugify(text: string, fallback = 'pipeline'): string {
  let s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (s.length > 80) s = s.slice(0, 80).replace(/_+$/, '');
  if (s === '') s = fallback;
  if (/^[0-9]/.test(s)) s = `_${s}`;
  if (PYTHON_KEYWORDS.has(s)) s = `${s}_`;
  return s;
}

/** A plain Python identifier. */
export const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The first item of each key, in order. */
export function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Replaces control characters (code < 32 or 127). */
function mapControl(text: string, f: (c: string) => string): string {
  let out = '';
  for (const c of text) {
    const code = c.charCodeAt(0);
    out += code < 32 || code === 127 ? f(c) : c;
  }
  return out;
}

/** A Python string literal (double-quoted, escaped). */
export function pyString(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `"${mapControl(escaped, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}"`;
}

/** Text safe inside a triple-quoted docstring. */
export function pyDocText(text: string): string {
  return mapControl(text.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"'), () => ' ');
}
