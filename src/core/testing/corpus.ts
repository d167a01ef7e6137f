/**
 * Node-only test support: the shared real-notebook corpus (`../shared/corpus` beside the
 * repo, or CORPUS_DIR). Tests that use it skip with a message when it is absent.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const corpusDir = process.env.CORPUS_DIR ?? resolve(import.meta.dirname, '../../../../shared/corpus');

export const corpusPresent = (): boolean => existsSync(corpusDir);

/** Every notebook and script of the corpus, sorted by path. */
export function corpusFiles(): string[] {
  const files: string[] = [];
  for (const d of readdirSync(corpusDir)) {
    const p = join(corpusDir, d);
    if (d === 'LICENSES' || !statSync(p).isDirectory()) continue;
    for (const f of readdirSync(p)) if (f.endsWith('.py') || f.endsWith('.ipynb')) files.push(join(p, f));
  }
  return files.sort();
}
