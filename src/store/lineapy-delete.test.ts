/**
 * `lineapy.delete(name, version=…)` in code (issue 14, point 5): the ingest stores the
 * versions LineaPy's catalog would have after the program ran.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildIngestPlan } from '../core/ingest';
import { listArtifactVersions } from './artifacts';
import { ingestPlan } from './sessions';
import { freshDb, trackDatabases } from './test-fixtures';
import type { ThreadlineDB } from './db';

const track = trackDatabases(afterEach);

async function ingest(db: ThreadlineDB, code: string) {
  const plan = await buildIngestPlan('prog.py', new TextEncoder().encode(code));
  return ingestPlan(db, plan, { author: 'me' });
}
async function versions(db: ThreadlineDB, name: string): Promise<Array<[number, number]>> {
  // [version, line of the save]
  const all = await listArtifactVersions(db, name);
  const lineOf = new Map<string, number>();
  for (const n of await db.nodes.toArray()) if (n.location) lineOf.set(n.id, n.location.line);
  return all.map((a) => [a.version, lineOf.get(a.nodeId) ?? -1] as [number, number]).reverse();
}

const head = 'import lineapy\n' + Array.from({ length: 4 }, (_, i) => `v${i} = [${i}]`).join('\n') + '\n';

describe('lineapy.delete in code', () => {
  it('a deleted version is not stored; the next save gets the highest remaining version + 1', async () => {
    const db = track(freshDb());
    await ingest(db, `${head}lineapy.save(v0, "x")\nlineapy.save(v1, "x")\nlineapy.delete("x", version="latest")\nlineapy.save(v2, "x")\n`);
    // v0 → 0, v1 → 1 (deleted), v2 → 1 again: LineaPy numbers from the versions that exist.
    expect(await versions(db, 'x')).toEqual([[0, 2], [1, 4]]);
  });
  it('a version number, then all', async () => {
    const db = track(freshDb());
    const r = await ingest(db, `${head}lineapy.save(v0, "x")\nlineapy.save(v1, "x")\nlineapy.save(v2, "x")\nlineapy.delete("x", version=1)\nlineapy.save(v3, "y")\nlineapy.delete("y", "all")\n`);
    expect(await versions(db, 'x')).toEqual([[0, 2], [2, 4]]);
    expect(await versions(db, 'y')).toEqual([]);
    expect(r.artifacts.map((a) => `${a.name}:${a.version}`)).toEqual(['x:0', 'x:2']);
    expect(r.session.diagnostics).toEqual([]);
  });
  it('delete all, then save: version 0 again', async () => {
    const db = track(freshDb());
    await ingest(db, `${head}lineapy.save(v0, "x")\nlineapy.save(v1, "x")\nlineapy.delete("x", version="all")\nlineapy.save(v2, "x")\n`);
    expect(await versions(db, 'x')).toEqual([[0, 4]]);
  });
  it('versions stored by another session are kept, with a warning; numbering goes on from them', async () => {
    const db = track(freshDb());
    await ingest(db, `${head}lineapy.save(v0, "x")\n`);
    const r = await ingest(db, `${head}lineapy.delete("x", version=0)\nlineapy.save(v1, "x")\nlineapy.delete("x", version="all")\n`);
    expect((await versions(db, 'x')).map(([v]) => v)).toEqual([0]);
    expect(r.session.diagnostics.map((d) => d.code)).toEqual(['lineapy-delete-stored', 'lineapy-delete-stored']);
    expect(r.session.diagnostics[0].message).toMatch(/Threadline keeps those/);
    expect(r.session.diagnostics[0].line).toBe(6);
    const stored = await db.sessions.get(r.session.id);
    expect(stored?.stats.diagnostics).toBe(2);
  });
  it('a delete of a version that does not exist warns and deletes nothing', async () => {
    const db = track(freshDb());
    const r = await ingest(db, `${head}lineapy.save(v0, "x")\nlineapy.delete("x", version=5)\n`);
    expect((await versions(db, 'x')).map(([v]) => v)).toEqual([0]);
    expect(r.session.diagnostics.map((d) => d.code)).toEqual(['lineapy-delete-missing']);
  });
});
