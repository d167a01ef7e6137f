/** The IndexedDB schema: tables and indexes, atomic ingest, and old databases (v1 fixtures) opening with today's code. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { StorageError } from '../core/errors';
import { countRows, DATA_TABLES, DB_MIGRATIONS, DB_VERSION, SCHEMA_V1, ThreadlineDB, openThreadlineDb } from './db';
import { ingestPlan } from './sessions';
import { QUOTA_MESSAGE } from './storage-errors';
import { failingMutation, freshDb, makePlan, total, trackDatabases } from './test-fixtures';

const track = trackDatabases(afterEach);

describe('schema', () => {
  it('has every table and index of the data model (docs/DESIGN.md "Data model")', async () => {
    const db = track(openThreadlineDb(`schema-${Math.random()}`));
    await db.open();
    const tables = Object.fromEntries(db.tables.map((t) => [t.name, t.schema]));
    expect(Object.keys(tables).sort()).toEqual([...DATA_TABLES, 'settings', 'follows', 'outbox'].sort());
    const idx = (name: string) => tables[name].indexes.map((i) => i.src).sort();
    expect(tables.sessions.primKey.name).toBe('id');
    expect(idx('sessions')).toEqual(['createdAt', 'notebookKey', 'sourceDigest']);
    expect(idx('sourceCodes')).toEqual(['sessionId']);
    expect(idx('nodes')).toEqual(['*names', '[sessionId+kind]', 'sessionId']);
    expect(idx('executions')).toEqual(['sessionId']);
    expect(tables.nodeValues.primKey.keyPath).toEqual(['nodeId', 'executionId']);
    expect(idx('nodeValues')).toEqual(['executionId', 'nodeId']);
    expect(idx('artifacts')).toEqual(['&[name+version]', '*tagKeys', '[sessionId+createdAt]', 'createdAt', 'name', 'nodeId', 'sessionId']);
    expect(tables.artifacts.indexes.find((i) => i.name === '[name+version]')?.unique).toBe(true);
    expect(tables.settings.primKey.name).toBe('key');
    expect(idx('follows')).toEqual(['createdAt']);
    expect(idx('outbox')).toEqual(['artifactId', 'createdAt', 'state']);
    expect(db.verno).toBe(DB_VERSION);
  });

  it('uses the name "threadline" by default', () => {
    const db = new ThreadlineDB();
    expect(db.name).toBe('threadline');
  });

  it('the unique [name+version] index rejects a duplicate', async () => {
    const db = track(freshDb());
    const plan = makePlan({ saves: ['m'] });
    const { artifacts } = await ingestPlan(db, plan, { author: 'me' });
    await expect(db.artifacts.add({ ...artifacts[0], id: 'other' })).rejects.toMatchObject({ name: 'ConstraintError' });
  });
});

describe('atomic ingest', () => {
  it('writes one session, its codes, nodes, one static execution, values and artifacts', async () => {
    const db = track(freshDb());
    const plan = makePlan({ cells: 3, nodes: 9, values: true, saves: ['a', 'b', 'a'] });
    const { session, artifacts } = await ingestPlan(db, plan, { author: 'ada' });
    expect(session.id).toBe(plan.session.id);
    expect(await countRows(db)).toEqual({ sessions: 1, sourceCodes: 3, nodes: 9, executions: 1, nodeValues: 9, artifacts: 3 });
    expect(artifacts.map((a) => [a.name, a.version])).toEqual([['a', 0], ['b', 0], ['a', 1]]);
    expect(artifacts.every((a) => a.author === 'ada' && a.executionId === plan.execution.id && a.sessionId === session.id)).toBe(true);
    const execs = await db.executions.toArray();
    expect(execs).toHaveLength(1);
    expect(execs[0].mode).toBe('static');
  });

  for (const table of ['sourceCodes', 'nodes', 'executions', 'nodeValues', 'artifacts']) {
    it(`a failure half-way (writing ${table}) leaves zero rows in every table`, async () => {
      const db = track(freshDb());
      db.use(failingMutation(table, () => new Error('disk on fire')));
      const plan = makePlan({ values: true, saves: ['m'] });
      await expect(ingestPlan(db, plan, { author: 'me' })).rejects.toBeInstanceOf(StorageError);
      expect(total(await countRows(db))).toBe(0);
    });
  }

  it('a failure half-way leaves earlier data untouched', async () => {
    const db = track(freshDb());
    await ingestPlan(db, makePlan({ values: true, saves: ['m'] }), { author: 'me' });
    const before = await countRows(db);
    db.close();
    const db2 = track(new ThreadlineDB(db.name));
    db2.use(failingMutation('nodes', () => new Error('boom')));
    await expect(ingestPlan(db2, makePlan({ values: true, saves: ['m'] }), { author: 'me' })).rejects.toThrow();
    expect(await countRows(db2)).toEqual(before);
  });

  it('QuotaExceededError → StorageError reason "quota" with a user sentence, and zero rows', async () => {
    const db = track(freshDb());
    db.use(failingMutation('nodes', () => new DOMException('The quota has been exceeded.', 'QuotaExceededError')));
    const err = await ingestPlan(db, makePlan({ nodes: 50, values: true }), { author: 'me' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).reason).toBe('quota');
    expect((err as StorageError).message).toBe(QUOTA_MESSAGE);
    expect((err as StorageError).message).toMatch(/full.*export a bundle or delete old sessions/);
    expect(total(await countRows(db))).toBe(0);
  });

  it('a real ConstraintError (session id already stored) changes nothing', async () => {
    const db = track(freshDb());
    const plan = makePlan();
    await ingestPlan(db, plan, { author: 'me' });
    const before = await countRows(db);
    const again = { ...makePlan(), session: { ...plan.session } };
    again.sourceCodes = again.sourceCodes.map((s) => ({ ...s, sessionId: plan.session.id }));
    again.nodes = again.nodes.map((n) => ({ ...n, sessionId: plan.session.id }));
    again.execution = { ...again.execution, sessionId: plan.session.id };
    await expect(ingestPlan(db, again, { author: 'me' })).rejects.toMatchObject({ kind: 'conflict' });
    expect(await countRows(db)).toEqual(before);
  });

  it('rejects an inconsistent plan before writing', async () => {
    const db = track(freshDb());
    const plan = makePlan();
    plan.nodes[1] = { ...plan.nodes[1], sessionId: 'elsewhere' };
    await expect(ingestPlan(db, plan, { author: 'me' })).rejects.toMatchObject({ kind: 'input', where: 'nodes[1].sessionId' });
    expect(total(await countRows(db))).toBe(0);
  });

  it('an unusable lineapy.save name becomes a warning, not an artifact', async () => {
    const db = track(freshDb());
    const plan = makePlan({ saves: ['ok', 'bad\nname'] });
    const { session, artifacts } = await ingestPlan(db, plan, { author: 'me' });
    expect(artifacts.map((a) => a.name)).toEqual(['ok']);
    expect(session.diagnostics.map((d) => d.code)).toEqual(['bad-artifact-name']);
    expect(session.stats.diagnostics).toBe(1);
  });
});

describe('migration v1 → v2', () => {
  it('data written by version 1 survives the upgrade', async () => {
    const name = `migrate-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    const plan = makePlan({ cells: 2, nodes: 7, values: true });
    const artifact = {
      id: 'a1', name: 'model', version: 0, nodeId: plan.nodes[3].id, executionId: plan.execution.id,
      sessionId: plan.session.id, createdAt: 1000, author: 'me', description: 'd',
      tags: [{ key: 'team', value: 'x' }, { key: 'team', value: 'y' }, { key: 'stage', value: 'prod' }],
    };
    await v1.transaction('rw', v1.tables, async () => {
      await v1.table('sessions').add(plan.session);
      await v1.table('sourceCodes').bulkAdd(plan.sourceCodes);
      await v1.table('nodes').bulkAdd(plan.nodes);
      await v1.table('executions').add(plan.execution);
      await v1.table('nodeValues').bulkAdd(plan.nodeValues);
      await v1.table('artifacts').add(artifact); // written by v1 without tagKeys
    });
    const snapshot = Object.fromEntries(await Promise.all(v1.tables.map(async (t) => [t.name, await t.toArray()] as const)));
    v1.close();

    const db = track(new ThreadlineDB(name));
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    for (const table of ['sessions', 'sourceCodes', 'nodes', 'executions', 'nodeValues']) {
      expect(await db.table(table).toArray()).toEqual(snapshot[table]);
    }
    const [migrated] = await db.artifacts.toArray();
    expect(migrated).toEqual({ ...artifact, tagKeys: ['team', 'stage'] });
    expect(await db.artifacts.where('tagKeys').equals('stage').count()).toBe(1);
    expect(await db.settings.count()).toBe(0);
    expect(await db.follows.count()).toBe(0);
  });
});

/** IndexedDB's own view of a database: stores, key paths and indexes (not Dexie's declared schema). */
async function rawSchema(name: string): Promise<unknown> {
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const tx = idb.transaction([...idb.objectStoreNames], 'readonly');
  const out = [...idb.objectStoreNames].map((s) => {
    const store = tx.objectStore(s);
    const indexes = [...store.indexNames].map((i) => {
      const index = store.index(i);
      return { name: i, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
    });
    return { store: s, keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes };
  });
  const version = idb.version;
  idb.close();
  return { version, stores: out };
}

/**
 * Creates a database with raw IndexedDB as Dexie version `version` would (IDB version ×10),
 * from Dexie `stores()` strings, and writes the rows: no Dexie and none of today's code.
 */
async function writeRawDatabase(name: string, version: number, stores: Record<string, string>, tables: Record<string, unknown[]>): Promise<void> {
  const keyPath = (spec: string): string | string[] => (spec.startsWith('[') ? spec.slice(1, -1).split('+') : spec);
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name, version * 10);
    req.onupgradeneeded = () => {
      for (const [table, spec] of Object.entries(stores)) {
        const [primary, ...indexes] = spec.split(',').map((s) => s.trim());
        const store = req.result.createObjectStore(table, { keyPath: keyPath(primary.replace(/^(\+\+|&)/, '')) });
        for (const raw of indexes) {
          const unique = raw.startsWith('&');
          const multiEntry = raw.startsWith('*');
          const spec2 = raw.replace(/^[&*]/, '');
          store.createIndex(spec2, keyPath(spec2), { unique, multiEntry });
        }
      }
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = idb.transaction(Object.keys(tables), 'readwrite');
    for (const [table, rows] of Object.entries(tables)) for (const row of rows) tx.objectStore(table).add(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  idb.close();
}

describe('a database written by an older schema opens with today’s code', () => {
  type Row = Record<string, unknown>;
  interface DbFixture {
    version: number;
    stores: Record<string, string>;
    tables: Record<string, Row[]>;
  }
  const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
  const files = readdirSync(dir).filter((f) => /^db-v\d+\.json$/.test(f));
  /** What today's code adds to each record of a fixture (written down by hand for each fixture). */
  const UPGRADED: Record<string, (table: string, row: Row) => Row> = {
    'db-v1.json': (table, row) => (table === 'artifacts' ? { ...row, tagKeys: [...new Set((row.tags as Array<{ key: string }>).map((t) => t.key))] } : row),
    'db-v2.json': (_table, row) => row, // version 3 adds an index only
  };
  const primaryKey = (row: Row) => ('id' in row ? row.id : [row.nodeId, row.executionId]) as string | string[];

  it('there is a fixture for version 1, and each fixture has its expectations', () => {
    expect(files).toContain('db-v1.json');
    expect(Object.keys(UPGRADED).sort()).toEqual([...files].sort());
  });

  it('version 1 is still declared as it shipped (an edit to an old entry would break old databases)', () => {
    const v1 = JSON.parse(readFileSync(`${dir}/db-v1.json`, 'utf8')) as DbFixture;
    expect(DB_MIGRATIONS[0].stores).toEqual(v1.stores);
    expect(DB_MIGRATIONS[1].stores).toEqual({ settings: 'key' });
  });

  for (const file of files) {
    it(`${file}: every record survives the upgrade through every later step, with the fields the upgrades add`, async () => {
      const fixture = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as DbFixture;
      const name = `old-${file}-${Math.random()}`;
      await writeRawDatabase(name, fixture.version, fixture.stores, fixture.tables);

      const db = track(new ThreadlineDB(name));
      await db.open();
      expect(db.verno).toBe(DB_VERSION);
      expect(db.outdated).toBe(false);
      for (const [table, rows] of Object.entries(fixture.tables)) {
        expect(await db.table(table).count(), table).toBe(rows.length);
        for (const row of rows) expect(await db.table(table).get(primaryKey(row)), `${table} ${JSON.stringify(primaryKey(row))}`).toEqual(UPGRADED[file](table, row));
      }
      expect(await db.settings.count()).toBe(0);
      db.close();

      // The upgraded database has exactly the stores and indexes of one created today.
      const fresh = track(openThreadlineDb(`fresh-${Math.random()}`));
      await fresh.open();
      fresh.close();
      expect(await rawSchema(name)).toEqual(await rawSchema(fresh.name));
    });
  }

  it('db-v2.json: the [sessionId+createdAt] index of version 3 holds every artifact of the old database', async () => {
    const fixture = JSON.parse(readFileSync(`${dir}/db-v2.json`, 'utf8')) as DbFixture;
    const name = `old-v2-index-${Math.random()}`;
    await writeRawDatabase(name, 2, fixture.stores, fixture.tables);
    const db = track(new ThreadlineDB(name));
    const keys = await db.artifacts.where('[sessionId+createdAt]').between(['s1', -Infinity], ['s1', Infinity]).primaryKeys();
    expect(keys).toEqual(['a1', 'a4', 'a2', 'a3']);
  });

  it('db-v1.json: the tag index finds artifacts by the backfilled tag keys', async () => {
    const fixture = JSON.parse(readFileSync(`${dir}/db-v1.json`, 'utf8')) as DbFixture;
    const name = `old-v1-index-${Math.random()}`;
    await writeRawDatabase(name, 1, fixture.stores, fixture.tables);
    const db = track(new ThreadlineDB(name));
    expect((await db.artifacts.get('a2'))!.tagKeys).toEqual(['team', 'stage']);
    expect(await db.artifacts.where('tagKeys').equals('team').primaryKeys()).toEqual(['a2']);
    expect(await db.artifacts.where('tagKeys').equals('source').primaryKeys()).toEqual(['a3']);
    expect((await db.artifacts.get('a1'))!.tagKeys).toEqual([]);
  });
});
