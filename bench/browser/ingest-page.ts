/**
 * Runs in Chromium. Compares persisting an IngestPlan with the store's `ingestPlan`
 * (Dexie, one transaction, version assignment, error mapping) against a raw IndexedDB
 * bulk write of the same records into the same object stores and indexes.
 */
import type { IngestPlan } from '../../src/core/model';
import { ingestPlan, openThreadlineDb } from '../../src/store/index';
import { rawPutAll } from './raw-idb';

let counter = 0;

function recordsOf(plan: IngestPlan): Parameters<typeof rawPutAll>[1] {
  return {
    sessions: [plan.session],
    sourceCodes: plan.sourceCodes,
    nodes: plan.nodes,
    executions: [plan.execution],
    nodeValues: plan.nodeValues,
    artifacts: plan.artifacts.map((a, i) => ({
      id: `raw-artifact-${i}`, name: a.name, version: i, nodeId: a.nodeId, executionId: plan.execution.id,
      sessionId: plan.session.id, createdAt: 0, author: 'bench', description: '', tags: [], tagKeys: [], sliceDigest: a.sliceDigest,
    })),
  };
}

function rawWrite(plan: IngestPlan): Promise<number> {
  return rawPutAll(`bench-raw-${counter++}`, recordsOf(plan));
}

async function storeWrite(plan: IngestPlan): Promise<number> {
  const db = openThreadlineDb(`bench-store-${counter++}`);
  await db.open();
  const t0 = performance.now();
  await ingestPlan(db, plan, { author: 'bench' });
  const elapsed = performance.now() - t0;
  await db.delete();
  return elapsed;
}

Object.assign(globalThis, { __bench: { rawWrite, storeWrite }, __benchReady: true });
