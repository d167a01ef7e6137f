/**
 * Short ids, as in git (docs/DESIGN.md "Data model"): the shortest unambiguous prefix of an id or
 * digest, at least 7 characters; and resolving a typed prefix to exactly one record.
 * Pure functions: no Dexie, no DOM.
 */
import { AmbiguousIdError, InputError, NotFoundError } from './errors';

export const MIN_SHORT_ID = 7;

function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/**
 * For each distinct id, the shortest prefix (≥ `min` characters, or the whole id when
 * shorter) that no other id in `ids` shares. Comparison is case-insensitive; the
 * returned prefixes keep the id's own case.
 */
export function shortestUniquePrefixes(ids: Iterable<string>, min = MIN_SHORT_ID): Map<string, string> {
  const distinct = [...new Set(ids)];
  const sorted = distinct
    .map((id) => ({ id, key: id.toLowerCase() }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const result = new Map<string, string>();
  for (let i = 0; i < sorted.length; i++) {
    const { id, key } = sorted[i];
    let need = min;
    if (i > 0) need = Math.max(need, commonPrefixLength(key, sorted[i - 1].key) + 1);
    if (i + 1 < sorted.length) need = Math.max(need, commonPrefixLength(key, sorted[i + 1].key) + 1);
    result.set(id, id.slice(0, Math.min(need, id.length)));
  }
  return result;
}

/** The shortest unambiguous prefix of `id` among `allIds` (which may or may not include it). */
export function shortId(id: string, allIds: Iterable<string>, min = MIN_SHORT_ID): string {
  const ids = new Set(allIds);
  ids.add(id);
  return shortestUniquePrefixes(ids, min).get(id) ?? id;
}

/**
 * The one record whose id starts with `prefix` (case-insensitive). An exact id match
 * wins. No match → NotFoundError; several → AmbiguousIdError listing the candidates'
 * full ids. Never guesses.
 */
export function resolvePrefix<T>(prefix: string, records: Iterable<T>, getId: (record: T) => string): T {
  const needle = prefix.trim().toLowerCase();
  if (needle.length === 0) throw new InputError('Type at least one character of the id.', 'id');
  const matches: T[] = [];
  for (const record of records) {
    const id = getId(record).toLowerCase();
    if (id === needle) return record;
    if (id.startsWith(needle)) matches.push(record);
  }
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) throw new NotFoundError(`No record has an id starting with "${prefix.trim()}".`);
  const candidates = matches.map(getId).sort();
  const shown = [...shortestUniquePrefixes(candidates).values()];
  const list = shown.slice(0, 10).join(', ') + (shown.length > 10 ? `, and ${shown.length - 10} more` : '');
  throw new AmbiguousIdError(
    `The id prefix "${prefix.trim()}" matches ${matches.length} records (${list}). Type more characters.`,
    candidates,
  );
}
