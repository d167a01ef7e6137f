/**
 * Generated artifact rows for the catalog query tests and the browser benchmark: many versions
 * per name, names that a locale collator ties ("Model" and "model"), digits ("v2", "v10"),
 * few distinct createdAt values (so ties cross page boundaries), several sessions, authors and
 * tags. Not used by the app.
 */
import { tagKeysOf } from './db';
import type { Artifact } from '../core/model';

/** A small seeded PRNG (mulberry32): floats in [0, 1). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STEMS = ['model', 'Model', 'features', 'feature_v2', 'feature_v10', 'évaluation', 'evaluation', 'churn', 'Churn_rate', 'z'];

/** `n` artifacts over `names` distinct names; `clocks` distinct createdAt values (fewer → more ties). */
export function generatedArtifacts(n: number, opts: { seed?: number; names?: number; clocks?: number } = {}): Artifact[] {
  const rnd = seeded(opts.seed ?? 7);
  const nameCount = opts.names ?? Math.max(1, Math.round(n / 4));
  const clocks = opts.clocks ?? Math.max(1, Math.round(n / 3));
  const names = Array.from({ length: nameCount }, (_, i) => (i < STEMS.length ? STEMS[i] : `${STEMS[i % STEMS.length]}_${Math.floor(i / STEMS.length)}`));
  const versions = new Map<string, number>();
  const out: Artifact[] = [];
  for (let i = 0; i < n; i++) {
    const name = names[Math.floor(rnd() * names.length)];
    const version = versions.get(name) ?? 0;
    versions.set(name, version + 1);
    const tags = rnd() < 0.3 ? [{ key: 'team', value: rnd() < 0.5 ? 'growth' : 'risk' }] : rnd() < 0.2 ? [{ key: 'stage', value: 'prod' }] : [];
    out.push({
      id: `a${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}${i}`,
      name,
      version,
      nodeId: `n${i % 17}`,
      executionId: `e${i % 3}`,
      sessionId: `s${Math.floor(rnd() * 3)}`,
      // Mostly rising with the version, sometimes not (imports and clocks need not agree).
      createdAt: 1_000_000 + Math.floor(rnd() < 0.85 ? (i / n) * clocks : rnd() * clocks),
      author: ['ada', 'Ada', 'grace', 'linus'][Math.floor(rnd() * 4)],
      description: '',
      tags,
      tagKeys: tagKeysOf(tags),
      sliceDigest: `${Math.floor(rnd() * 0xffffff).toString(16).padStart(6, '0')}${'0'.repeat(58)}`,
    });
  }
  return out;
}
