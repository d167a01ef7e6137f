/**
 * Artifact names (docs/DESIGN.md "Artifacts and versions"): validation, look-alike detection and "did you mean"
 * suggestions. Pure functions: no Dexie, no DOM.
 *
 * The rules (docs/RELIABILITY.md, "Names and tags"):
 * - a name is trimmed and NFC-normalised before it is stored or compared;
 * - control characters, bidi overrides/isolates/marks, names that are empty once invisible
 *   characters are removed, and the path segments `.` and `..` are refused;
 * - a name whose {@link nameSkeleton} equals an existing name's, but which is not that name, is
 *   refused as a look-alike. Stored names are never rewritten: an existing spelling that is
 *   only NFC-equal (an old decomposed name) is reused, so its versions continue.
 */
import { InputError } from './errors';

export const MAX_ARTIFACT_NAME_LENGTH = 200;

// C0 and C1 control characters, DEL, and the Unicode line/paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/** Bidi embeddings/overrides, isolates, the LRM/RLM/ALM marks: they reorder what is shown. */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;

/**
 * Characters that draw nothing: format characters (Cf: zero-width space and joiners, BOM,
 * soft hyphen, bidi controls …) and the other default-ignorable code points (Hangul fillers
 * U+115F/U+1160/U+3164/U+FFA0, variation selectors, the combining grapheme joiner …).
 */
export const INVISIBLE_CHARS = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

export type ArtifactNameProblem = 'not-text' | 'empty' | 'too-long' | 'control' | 'bidi' | 'invisible' | 'dot-segment' | 'looks-like';

/** A refused artifact name. `problem` says which rule; `existing` is the name it looks like. */
export class ArtifactNameError extends InputError {
  readonly problem: ArtifactNameProblem;
  readonly existing?: string;
  constructor(problem: ArtifactNameProblem, message: string, existing?: string) {
    super(message, 'name');
    this.name = 'ArtifactNameError';
    this.problem = problem;
    this.existing = existing;
  }
}

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Trims `raw`, NFC-normalises it and checks it is a usable artifact name; throws
 * ArtifactNameError (an InputError) otherwise. Returns the name to store.
 */
export function validateArtifactName(raw: unknown): string {
  if (typeof raw !== 'string') throw new ArtifactNameError('not-text', 'An artifact name must be text.');
  const name = raw.trim().normalize('NFC');
  if (name.length === 0) throw new ArtifactNameError('empty', 'Give the artifact a name (it cannot be empty).');
  const length = [...name].length;
  if (length > MAX_ARTIFACT_NAME_LENGTH) {
    throw new ArtifactNameError(
      'too-long',
      `An artifact name can be at most ${MAX_ARTIFACT_NAME_LENGTH} characters; this one has ${length}.`,
    );
  }
  const bad = CONTROL_CHARS.exec(name);
  if (bad) {
    throw new ArtifactNameError(
      'control',
      `An artifact name cannot contain control characters such as tabs or line breaks (found ${codePoint(bad[0])}).`,
    );
  }
  const bidi = BIDI_CONTROLS.exec(name);
  if (bidi) {
    throw new ArtifactNameError(
      'bidi',
      `An artifact name cannot contain characters that change the text direction, because they make it show differently from what it is (found ${codePoint(bidi[0])}).`,
    );
  }
  if (name.replace(INVISIBLE_CHARS, '').trim() === '') {
    throw new ArtifactNameError(
      'invisible',
      'An artifact name needs at least one visible character; this one is only invisible characters such as zero-width spaces.',
    );
  }
  if (name === '.' || name === '..') {
    throw new ArtifactNameError(
      'dot-segment',
      `An artifact cannot be named "${name}": browsers read it as "this folder" or "the folder above" in a link, so its page could not open.`,
    );
  }
  return name;
}

/**
 * What a name looks like, for comparing names: invisible characters removed, NFKC
 * (compatibility forms such as full-width letters and ligatures fold to plain ones), lower
 * case, NFKC again (lower-casing can denormalise). Two names with one skeleton look alike.
 */
export function nameSkeleton(name: string): string {
  return name.replace(INVISIBLE_CHARS, '').normalize('NFKC').toLowerCase().normalize('NFKC');
}

/**
 * Validates `raw` (see {@link validateArtifactName}) against the names already stored and
 * returns the name to store under:
 * - an existing name that is exactly the NFC name is itself;
 * - an existing name that is NFC-equal (stored before names were normalised) is reused as
 *   stored, so its versions continue and nothing is rewritten;
 * - an existing name that merely looks the same (same {@link nameSkeleton}) refuses it with
 *   ArtifactNameError `looks-like`;
 * - otherwise the NFC name is new.
 * Bundle import and the CLI can call this with the names they know.
 */
export function resolveArtifactName(raw: unknown, existing: Iterable<string>): string {
  const name = validateArtifactName(raw);
  const skeleton = nameSkeleton(name);
  let canonical: string | undefined;
  let lookalike: string | undefined;
  for (const e of existing) {
    if (e === name) return name;
    if (canonical === undefined && e.normalize('NFC') === name) canonical = e;
    else if (lookalike === undefined && nameSkeleton(e) === skeleton) lookalike = e;
  }
  if (canonical !== undefined) return canonical;
  if (lookalike !== undefined) {
    throw new ArtifactNameError(
      'looks-like',
      `"${visibleText(name)}" looks like the existing artifact "${visibleText(lookalike)}" (they differ only in letter case or invisible characters). Use that name to add a version, or pick a clearly different one.`,
      lookalike,
    );
  }
  return name;
}

/**
 * `text` with the characters that hide or reorder text made visible: bidi controls and
 * other invisible format characters become `⟨U+202E⟩` markers, control characters too.
 * Zero-width joiners inside emoji sequences and variation selectors are kept.
 */
export function visibleText(text: string): string {
  return text.replace(VISIBLE_MARK, (ch) => `⟨${codePoint(ch)}⟩`);
}

// Bidi controls, controls, and the invisible characters that are not part of emoji or scripts.
// eslint-disable-next-line no-control-regex
const VISIBLE_MARK = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b\u2060-\u2064\ufeff\u00ad\u115f\u1160\u3164\uffa0\u180e]/gu;

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
