/** Store reads and writes must not pause when the browser is offline (they are IndexedDB, not the network). */
import { afterEach, describe, expect, it } from 'vitest';
import { MutationObserver, onlineManager, QueryObserver } from '@tanstack/react-query';
import { makeQueryClient } from './queryClient';

afterEach(() => onlineManager.setOnline(true));

describe('the app query client offline', () => {
  it('runs queries and mutations while the browser is offline', async () => {
    onlineManager.setOnline(false);
    const qc = makeQueryClient();
    const read = await Promise.race([qc.fetchQuery({ queryKey: ['x'], queryFn: async () => 'stored' }), new Promise((r) => setTimeout(() => r('paused'), 200))]);
    expect(read).toBe('stored');
    const write = new MutationObserver(qc, { mutationFn: async (n: number) => n + 1 });
    const done = await Promise.race([write.mutate(1), new Promise((r) => setTimeout(() => r('paused'), 200))]);
    expect(done).toBe(2);
    const observer = new QueryObserver(qc, { queryKey: ['y'], queryFn: async () => 'ok' });
    const seen = await new Promise((resolve) => {
      const off = observer.subscribe((r) => {
        if (r.status !== 'success') return;
        off();
        resolve(r.fetchStatus);
      });
    });
    expect(seen).toBe('idle');
  });
});
