/** The notice for a file that the store's dedupe by digest did not store. */
import { describe, expect, it } from 'vitest';
import { unchangedNotice } from './ingestFile';
import type { IngestResult } from '../../store';

describe('unchangedNotice', () => {
  const session = { id: 's1', name: 'churn.ipynb' } as IngestResult['session'];
  it('speaks only when nothing was stored', () => {
    expect(unchangedNotice('churn.ipynb', { session, artifacts: [], unchanged: true })).toBe('churn.ipynb is the same as the latest version of this notebook, so nothing new was stored.');
    expect(unchangedNotice('churn.ipynb', { session, artifacts: [] })).toBeUndefined();
  });
});
