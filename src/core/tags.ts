/**
 * Artifact tags: the store's rules (caps, trimming, duplicates) and the tag editor's text
 * format. Pure functions: no Dexie, no DOM.
 *
 * Text format: ONE TAG PER LINE, `key=value` or just `key`. Everything after the first `=` is
 * the value, so commas, spaces, `=` and quotes in a value are kept as typed
 * (`owner=Smith, John`). A key or value that cannot be written plainly (it holds a line break
 * or another control character, starts with a double quote, or — for a key — holds `=`) is
 * written as a JSON string in double quotes: `note="line one\nline two"`.
 */
import type { ArtifactTag } from './model';
import { InputError } from './errors';

/** Tags one artifact may have. Older bundles may hold more; those are shown truncated. */
export const MAX_TAGS_PER_ARTIFACT = 100;
export const MAX_TAG_KEY_LENGTH = 200;
export const MAX_TAG_VALUE_LENGTH = 1000;

/** Checks and normalises tags: trimmed non-empty keys, trimmed values, exact duplicates dropped, caps. */
export function normaliseTags(tags: unknown): ArtifactTag[] {
  if (tags === undefined) return [];
  if (!Array.isArray(tags)) throw new InputError('Tags must be a list of key/value pairs.', 'tags');
  const out: ArtifactTag[] = [];
  const seen = new Set<string>();
  tags.forEach((t: unknown, i) => {
    const tag = t as Partial<ArtifactTag> | null;
    if (!tag || typeof tag.key !== 'string' || typeof (tag.value ?? '') !== 'string') {
      throw new InputError(`Tag ${i + 1} must have a text key and a text value.`, `tags[${i}]`);
    }
    const key = tag.key.trim();
    const value = (tag.value ?? '').trim();
    if (key === '') throw new InputError(`Tag ${i + 1} has an empty key.`, `tags[${i}].key`);
    if (key.length > MAX_TAG_KEY_LENGTH) {
      throw new InputError(
        `Tag ${i + 1} has a key of ${key.length.toLocaleString('en')} characters; a key can have at most ${MAX_TAG_KEY_LENGTH}.`,
        `tags[${i}].key`,
      );
    }
    if (value.length > MAX_TAG_VALUE_LENGTH) {
      throw new InputError(
        `Tag ${i + 1} (${key}) has a value of ${value.length.toLocaleString('en')} characters; a value can have at most ${MAX_TAG_VALUE_LENGTH.toLocaleString('en')}.`,
        `tags[${i}].value`,
      );
    }
    const id = JSON.stringify([key, value]);
    if (!seen.has(id)) {
      seen.add(id);
      out.push({ key, value });
    }
  });
  if (out.length > MAX_TAGS_PER_ARTIFACT) {
    const extra = out.length - MAX_TAGS_PER_ARTIFACT;
    throw new InputError(
      `An artifact can have at most ${MAX_TAGS_PER_ARTIFACT} tags; this list has ${out.length.toLocaleString('en')}. Remove ${extra.toLocaleString('en')} and save again.`,
      'tags',
    );
  }
  return out;
}

/** `key=value`, or just `key` when the value is empty (for chips and filters, not for parsing back). */
export function tagText(tag: ArtifactTag): string {
  return tag.value === '' ? tag.key : `${tag.key}=${tag.value}`;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

function plain(s: string, isKey: boolean): boolean {
  return !CONTROL.test(s) && !s.startsWith('"') && s === s.trim() && !(isKey && s.includes('='));
}

function quoteIfNeeded(s: string, isKey: boolean): string {
  // JSON.stringify escapes U+2028/2029 only in newer engines; escape them explicitly.
  return plain(s, isKey) ? s : JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** One line of the editor text for `tag`: parseTagLine(tagLine(t)) equals t. */
export function tagLine(tag: ArtifactTag): string {
  const key = quoteIfNeeded(tag.key, true);
  return tag.value === '' ? key : `${key}=${quoteIfNeeded(tag.value, false)}`;
}

/** The editor text for `tags`: one {@link tagLine} per line. */
export function tagsToText(tags: readonly ArtifactTag[]): string {
  return tags.map(tagLine).join('\n');
}

/** The end (exclusive) of the JSON string starting at `s[start]` (a `"`), or -1 if it is not closed. */
function jsonStringEnd(s: string, start: number): number {
  for (let i = start + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i + 1;
  }
  return -1;
}

function decode(quoted: string): string | undefined {
  try {
    const v: unknown = JSON.parse(quoted);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** One editor line → a tag. Lenient with hand-typed text: an unclosed quote is kept as typed. */
export function parseTagLine(line: string): ArtifactTag {
  const s = line.trim();
  let key: string;
  let rest: string | undefined;
  const end = s.startsWith('"') ? jsonStringEnd(s, 0) : -1;
  const decodedKey = end > 0 ? decode(s.slice(0, end)) : undefined;
  const after = end > 0 ? s.slice(end).trimStart() : '';
  if (decodedKey !== undefined && (after === '' || after.startsWith('='))) {
    key = decodedKey;
    rest = after === '' ? undefined : after.slice(1);
  } else {
    const eq = s.indexOf('=');
    key = eq < 0 ? s : s.slice(0, eq).trim();
    rest = eq < 0 ? undefined : s.slice(eq + 1);
  }
  if (rest === undefined) return { key, value: '' };
  const raw = rest.trim();
  const value = raw.startsWith('"') && jsonStringEnd(raw, 0) === raw.length ? (decode(raw) ?? raw) : raw;
  return { key, value };
}

/**
 * Parses the tag editor's text: one tag per line (see the module comment). Blank lines are
 * dropped; the store normalises and validates the rest.
 */
export function parseTagsText(text: string): ArtifactTag[] {
  return text
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== '')
    .map(parseTagLine);
}

/** The first `limit` tags and how many are left out, for showing long (old) tag lists. */
export function shownTags(tags: readonly ArtifactTag[], limit: number): { shown: readonly ArtifactTag[]; hidden: number } {
  return tags.length <= limit ? { shown: tags, hidden: 0 } : { shown: tags.slice(0, limit), hidden: tags.length - limit };
}
