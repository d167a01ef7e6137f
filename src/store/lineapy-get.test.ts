/**
 * `lineapy.get(name[, version])` in code (issue 14, point 5): when the file has no earlier
 * save of the name, the ingest links the call to the artifact stored in the catalog.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildIngestPlan } from '../core/ingest';
import { listArtifactVersions } from './artifacts';
import { clearAllData, exportBundle, importBundle } from './bundle';
import { ingestPlan } from './sessions';
import { freshDb, trackDatabases } from './test-fixtures';
import type { ThreadlineDB } from './db';

const track = trackDatabases(afterEach);

async function ingest(db: ThreadlineDB, code: string, name = 'prog.py') {
  const plan = await buildIngestPlan(name, new TextEncoder().encode(code));
  const result = await ingestPlan(db, plan, { author: 'me' });
  return { ...result, plan };
}
/** A catalog with `x` v0 and v1, saved by another file. */
async function withX(): Promise<ThreadlineDB> {
  const db = track(freshDb());
  await ingest(db, 'import lineapy\na = [1]\nlineapy.save(a, "x")\nb = [2]\nlineapy.save(b, "x")\n', 'maker.py');
  expect((await listArtifactVersions(db, 'x')).map((a) => a.version).sort()).toEqual([0, 1]);
  return db;
}
const idOf = async (db: ThreadlineDB, version: number) => (await listArtifactVersions(db, 'x')).find((a) => a.version === version)!.id;

describe('lineapy.get reads from the catalog', () => {
  it('links the latest stored version', async () => {
    const db = await withX();
    const r = await ingest(db, 'import lineapy\nres = lineapy.get("x")\ny = res.get_value()\n');
    expect(r.session.catalogReads).toEqual([{ nodeId: r.session.bindings.find((b) => b.name === 'res')?.nodeId, name: 'x', version: 1, artifactId: await idOf(db, 1) }]);
    expect(r.plan.catalogGets).toEqual([expect.objectContaining({ name: 'x', location: expect.objectContaining({ line: 2 }) })]);
    expect(r.session.diagnostics).toEqual([]);
    // The link is stored with the session.
    expect((await db.sessions.get(r.session.id))?.catalogReads?.[0].version).toBe(1);
  });

  it('links the version given, as a keyword or positionally', async () => {
    const db = await withX();
    const r = await ingest(db, 'import lineapy\nres = lineapy.get("x", version=0)\nold = lineapy.get("x", 0)\n');
    const v0 = await idOf(db, 0);
    expect(r.session.catalogReads?.map((c) => [c.version, c.artifactId])).toEqual([[0, v0], [0, v0]]);
    // The link is on the get call (the node `res` is bound to).
    expect(r.session.catalogReads?.[0].nodeId).toBe(r.session.bindings.find((b) => b.name === 'res')?.nodeId);
  });

  it('an unknown name or version gives a warning on the session, and no link', async () => {
    const db = await withX();
    const r = await ingest(db, 'import lineapy\nres = lineapy.get("nope")\nz = lineapy.get("x", version=7)\n');
    expect(r.session.catalogReads).toBeUndefined();
    expect(r.session.diagnostics.map((d) => [d.code, d.line])).toEqual([['lineapy-get-missing', 2], ['lineapy-get-missing', 3]]);
    expect(r.session.diagnostics[0].message).toBe('lineapy.get("nope") reads an artifact that is not in this catalog; the slice keeps the get line and needs LineaPy to run.');
    expect(r.session.diagnostics[1].message).toMatch(/^lineapy\.get\("x", version=7\) reads/);
    expect((await db.sessions.get(r.session.id))?.stats.diagnostics).toBe(2);
  });

  it('a save of the name earlier in the same file is read instead (no catalog link)', async () => {
    const db = await withX();
    const r = await ingest(db, 'import lineapy\nv = [3]\nlineapy.save(v, "x")\nres = lineapy.get("x")\n');
    expect(r.plan.catalogGets).toBeUndefined();
    expect(r.session.catalogReads).toBeUndefined();
    expect(r.session.diagnostics).toEqual([]);
  });

  it('a get before the same file saves the name reads the stored version', async () => {
    const db = await withX();
    const r = await ingest(db, 'import lineapy\nres = lineapy.get("x")\nv = [3]\nlineapy.save(v, "x")\n');
    expect(r.session.catalogReads?.map((c) => c.version)).toEqual([1]);
    expect(r.artifacts.map((a) => a.version)).toEqual([2]);
  });

  it('the link survives a bundle export and import', async () => {
    const db = await withX();
    const r = await ingest(db, 'import lineapy\nres = lineapy.get("x")\n');
    const text = JSON.stringify(await exportBundle(db));
    await clearAllData(db);
    await importBundle(db, text);
    expect((await db.sessions.get(r.session.id))?.catalogReads).toEqual(r.session.catalogReads);
  });
});
