/**
 * Artifact names (DESIGN.md §5): validation and "did you mean" suggestions.
 * Pure functions: no Dexie, no DOM.
 */
import { InputError } from './errors';

export const MAX_ARTIFACT_NAME_LENGTH = 200;

// C0 and C1 control characters, DEL, and the Unicode line/paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/** Trims `raw` and checks it is a usable artifact name; throws InputError otherwise. */
export function validateArtifactName(raw: unknown): string {
  if (typeof raw !== 'string') throw new InputError('An artifact name must be text.', 'name');
  const name = raw.trim();
  if (name.length === 0) throw new InputError('Give the artifact a name (it cannot be empty).', 'name');
  const length = [...name].length;
  if (length > MAX_ARTIFACT_NAME_LENGTH) {
    throw new InputError(
      `An artifact name can be at most ${MAX_ARTIFACT_NAME_LENGTH} characters; this one has ${length}.`,
      'name',
    );
  }
  const bad = CONTROL_CHARS.exec(name);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new InputError(
      `An artifact name cannot contain control characters such as tabs or line breaks (found U+${code}).`,
      'name',
    );
  }
  return name;
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    prev = cur;
  }
  return prev[t.length];
}

/**
 * Up to `n` candidates closest to `name` (case-insensitive edit distance), best first;
 * ties broken alphabetically. Candidates that are too far away to be a plausible typo
 * are left out, except that names containing (or contained in) `name` always qualify.
 */
export function closestNames(name: string, candidates: Iterable<string>, n = 3): string[] {
  const needle = name.trim().toLowerCase();
  const scored: Array<{ candidate: string; distance: number }> = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate)) continue;
    seen.add(candidate);
    const hay = candidate.toLowerCase();
    const distance = editDistance(needle, hay);
    const limit = Math.max(2, Math.ceil(Math.max([...needle].length, [...hay].length) / 2));
    const related = needle.length > 0 && (hay.includes(needle) || needle.includes(hay));
    if (distance <= limit || related) scored.push({ candidate, distance: related ? Math.min(distance, limit) : distance });
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  scored.sort(
    (x, y) =>
      x.distance - y.distance ||
      order(x.candidate.toLowerCase(), y.candidate.toLowerCase()) ||
      order(x.candidate, y.candidate),
  );
  return scored.slice(0, Math.max(0, n)).map((s) => s.candidate);
}
