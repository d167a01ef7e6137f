/**
 * Clipping long text for display. A folded Literal (`elided`, see analysis/folding.ts)
 * holds the source text of a run of constants, which can be megabytes: shown, it is its
 * first characters and how many elements were left out, never the whole text.
 */

/** How many characters of a folded literal are shown. */
export const FOLDED_SHOWN_CHARS = 200;
/** How many characters of one source line or tooltip are shown. */
export const LINE_SHOWN_CHARS = 1000;

/** `text` cut to `max` characters, saying how many more there were. */
export function clipText(text: string, max = LINE_SHOWN_CHARS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… ${(text.length - max).toLocaleString('en')} more characters`;
}

/** Elements whose text ends within `prefix` (separators at the display's own level). */
function elementsEnded(prefix: string): number {
  let depth = 0;
  let count = 0;
  let quote = '';
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) count++;
  }
  return count;
}

/**
 * A folded literal's text (`(0, 1, …)` or `{…}`, standing for `elided` elements) for
 * display: the first `max` characters, then `… 1,699,936 more elements`.
 */
export function clipFolded(text: string, elided: number, max = FOLDED_SHOWN_CHARS): string {
  if (text.length <= max) return text;
  const prefix = text.slice(0, max);
  const more = Math.max(1, elided - elementsEnded(prefix));
  return `${prefix}… ${more.toLocaleString('en')} more element${more === 1 ? '' : 's'}`;
}
