/** First visit: ingest the sample notebook once, so the graph is never empty on a fresh machine. */
import { readSessionsOnce } from '../hooks/queries';
import { ingestBytes } from './ingestFile';

export const SAMPLE_FLAG = 'threadline.sampleIngested';
export const SAMPLE_URL = '/sample/churn_analysis.ipynb';

let running: Promise<boolean> | undefined;

/** Returns true when the sample was ingested now. Safe to call many times (runs once per page). */
export function ingestSampleOnFirstVisit(author: string): Promise<boolean> {
  running ??= (async () => {
    if (localStorage.getItem(SAMPLE_FLAG)) return false;
    const sessions = await readSessionsOnce();
    if (sessions.length > 0) {
      localStorage.setItem(SAMPLE_FLAG, '1');
      return false;
    }
    const response = await fetch(SAMPLE_URL);
    if (!response.ok) throw new Error(`the sample notebook could not be loaded (HTTP ${response.status})`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    await ingestBytes('churn_analysis.ipynb', bytes, author);
    localStorage.setItem(SAMPLE_FLAG, '1');
    return true;
  })();
  return running;
}
