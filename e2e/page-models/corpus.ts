/** The shared corpus of real notebooks (`../shared/corpus`, or CORPUS_DIR): specs skip with a message when it is absent. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const CORPUS_DIR = process.env.CORPUS_DIR ?? path.resolve(import.meta.dirname, '../../../shared/corpus');

/** The largest `.ipynb` in the corpus (by bytes), or undefined when the corpus is not here. */
export function largestCorpusNotebook(corpus = CORPUS_DIR): string | undefined {
  if (!existsSync(corpus)) return undefined;
  let best: { file: string; size: number } | undefined;
  for (const d of readdirSync(corpus)) {
    const dir = path.join(corpus, d);
    if (!statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir)) {
      if (!f.endsWith('.ipynb')) continue;
      const size = statSync(path.join(dir, f)).size;
      if (!best || size > best.size) best = { file: path.join(dir, f), size };
    }
  }
  return best?.file;
}
