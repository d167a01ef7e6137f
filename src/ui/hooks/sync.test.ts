/**
 * The one invalidation path: a same-tab write fires the change feed before the write's promise
 * resolves, and a `synced` write resolves only after the reads it made stale have refetched,
 * so a caller that reads right after sees fresh data without any per-mutation invalidation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { ingestPlan, listSessions, nameArtifact, subscribeToChanges, listArtifacts } from '../../store';
import { freshDb, makePlan, trackDatabases } from '../../store/test-fixtures';
import { keys } from './keys';
import { FAMILIES, invalidateTables, synced } from './sync';

const track = trackDatabases(afterEach);

describe('store sync', () => {
  it('fires the change feed for a same-tab write before the write resolves', async () => {
    const db = track(freshDb());
    const order: string[] = [];
    const stop = subscribeToChanges(db, (tables) => order.push(`feed:${[...tables].sort().join(',')}`));
    await ingestPlan(db, makePlan(), { author: 'me' });
    order.push('resolved');
    stop();
    expect(order[order.length - 1]).toBe('resolved');
    expect(order[0]).toMatch(/^feed:.*sessions/);
  });

  it('a synced write resolves after the active reads it made stale refetched', async () => {
    const db = track(freshDb());
    const plan = makePlan();
    await ingestPlan(db, plan, { author: 'me' });
    const qc = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
    const sessions = new QueryObserver(qc, { queryKey: keys.sessions(), queryFn: () => listSessions(db) });
    const artifacts = new QueryObserver(qc, { queryKey: keys.artifactList({}), queryFn: () => listArtifacts(db) });
    const unsubscribe = [sessions.subscribe(() => {}), artifacts.subscribe(() => {})];
    await Promise.all([sessions.refetch(), artifacts.refetch()]);
    expect(qc.getQueryData(keys.artifactList({}))).toEqual([]);
    const stop = subscribeToChanges(db, (tables) => void invalidateTables(qc, tables));

    const name = synced(() =>
      nameArtifact(db, { name: 'm', nodeId: plan.nodes[3].id, sessionId: plan.session.id, sliceDigest: 'd', author: 'ada' }),
    );
    await name();
    // Read straight from the cache, right after the write: already the new list.
    expect((qc.getQueryData(keys.artifactList({})) as { name: string }[]).map((a) => a.name)).toEqual(['m']);
    // Sessions were not touched: their query was not invalidated.
    expect(qc.getQueryState(keys.sessions())?.isInvalidated).toBe(false);

    await synced(() => ingestPlan(db, makePlan(), { author: 'me' }))();
    expect(qc.getQueryData(keys.sessions())).toHaveLength(2);
    stop();
    unsubscribe.forEach((u) => u());
    qc.clear();
  });

  it('maps every family of keys.ts that reads the store to a table', () => {
    const families = new Set(Object.values(FAMILIES).flat());
    for (const family of ['sessions', 'graph', 'nodeValues', 'artifacts', 'runs', 'settings', 'rows']) expect(families).toContain(family);
    expect(keys.latestRun('s')[0]).toBe('runs');
    expect(keys.artifactCount()[0]).toBe('artifacts');
  });
});
