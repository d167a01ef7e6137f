/** Test-only factories for store records (not the analyser: it is built in parallel). */
import Dexie, { type DBCore, type DBCoreMutateRequest, type Middleware } from 'dexie';
import { newId } from '../core/digest';
import type { Execution, IngestPlan, LineageNode, NodeValue, Session, SourceCode } from '../core/model';
import { DATA_TABLES, ThreadlineDB, type TableName } from './db';

let dbCounter = 0;

/** A fresh, uniquely named database (fake-indexeddb in tests). */
export function freshDb(label = 'test'): ThreadlineDB {
  dbCounter += 1;
  return new ThreadlineDB(`threadline-${label}-${dbCounter}-${newId().slice(0, 8)}`);
}

export const fakeDigest = (seed: string): string => {
  let h = 0;
  for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return (h.toString(16).padStart(8, '0') + '0'.repeat(56)).slice(0, 64);
};

export interface PlanOptions {
  name?: string;
  createdAt?: number;
  sourceDigest?: string;
  /** Number of cells (source codes). */
  cells?: number;
  /** Number of nodes (at least 3). */
  nodes?: number;
  /** lineapy.save names, each pinned to one node (round-robin over Call nodes). */
  saves?: string[];
  /** Add one node value per node. */
  values?: boolean;
}

/**
 * A small but well-formed ingest plan: an Import, Lookups, Literals and Calls that refer
 * to each other, spread over `cells` source codes, with one static execution.
 */
export function makePlan(opts: PlanOptions = {}): IngestPlan {
  const sessionId = newId();
  const cells = opts.cells ?? 2;
  const nodeCount = Math.max(3, opts.nodes ?? 6);
  const name = opts.name ?? 'analysis.ipynb';
  const sourceCodes: SourceCode[] = Array.from({ length: cells }, (_, i) => ({
    id: newId(),
    sessionId,
    code: `x${i} = ${i}\ny${i} = print(x${i})\n`,
    cellIndex: i * 2,
    executionCount: i + 1,
  }));
  const loc = (i: number) => ({ sourceCodeId: sourceCodes[i % cells].id, line: 1 + (i % 2), col: 0, endLine: 1 + (i % 2), endCol: 10 });
  const nodes: LineageNode[] = [];
  const importNode: LineageNode = { id: newId(), sessionId, kind: 'Import', seq: 0, names: ['pd'], name: 'pandas', packageName: 'pandas', location: loc(0) };
  const lookup: LineageNode = { id: newId(), sessionId, kind: 'Lookup', seq: 1, names: [], name: 'print' };
  nodes.push(importNode, lookup);
  for (let seq = 2; seq < nodeCount; seq++) {
    if (seq % 2 === 0) {
      nodes.push({ id: newId(), sessionId, kind: 'Literal', seq, names: [`x${seq}`], value: seq, valueType: 'int', location: loc(seq) });
    } else {
      nodes.push({
        id: newId(),
        sessionId,
        kind: 'Call',
        seq,
        names: [`y${seq}`],
        functionId: lookup.id,
        args: [{ id: nodes[seq - 1].id, starred: false }],
        kwargs: [],
        globalReads: {},
        implicitDeps: [],
        location: loc(seq),
      });
    }
  }
  const session: Session = {
    id: sessionId,
    name,
    kind: 'notebook',
    createdAt: opts.createdAt ?? Date.now(),
    sourceDigest: opts.sourceDigest ?? fakeDigest(sessionId),
    fileSize: 1234,
    notebookKey: name,
    stats: { cells, nodes: nodes.length, diagnostics: 0 },
    diagnostics: [],
    bindings: nodes.filter((n) => n.names.length > 0).map((n) => ({ name: n.names[0], nodeId: n.id })),
  };
  const execution: Execution = { id: newId(), sessionId, startedAt: session.createdAt, endedAt: session.createdAt + 5, mode: 'static', status: 'ok' };
  const nodeValues: NodeValue[] = opts.values
    ? nodes.map((n) => ({ nodeId: n.id, executionId: execution.id, value: `repr ${n.seq}`, mime: 'text/plain', valueType: 'value' }))
    : [];
  const calls = nodes.filter((n) => n.kind === 'Call');
  const artifacts = (opts.saves ?? []).map((saveName, i) => ({
    name: saveName,
    nodeId: calls[i % calls.length].id,
    sliceDigest: fakeDigest(`slice-${saveName}-${i}`),
  }));
  return { session, sourceCodes, nodes, execution, nodeValues, artifacts };
}

/** Sum of all rows in all data tables. */
export function total(counts: Record<TableName, number>): number {
  return DATA_TABLES.reduce((sum, t) => sum + counts[t], 0);
}

/**
 * A Dexie middleware that fails the n-th mutation of `table` with `makeError()`.
 * Register with `db.use(...)` before the database is first used.
 */
export function failingMutation(table: string, makeError: () => unknown, onCall = 1): Middleware<DBCore> {
  let calls = 0;
  return {
    stack: 'dbcore',
    name: `fail-${table}`,
    create(down) {
      return {
        ...down,
        table(name) {
          const t = down.table(name);
          if (name !== table) return t;
          return {
            ...t,
            mutate(req: DBCoreMutateRequest) {
              calls += 1;
              if (calls === onCall) return Promise.reject(makeError());
              return t.mutate(req);
            },
          };
        },
      };
    },
  };
}

/**
 * A Dexie middleware that makes the first `times` reads of the artifacts table see no
 * rows, so the version number read inside a naming transaction is stale — as if another
 * tab had written between our read and our write. Exercises the ConstraintError retry.
 */
export function staleArtifactReads(times: number): Middleware<DBCore> & { staleReads: () => number } {
  let stale = 0;
  return {
    stack: 'dbcore',
    name: 'stale-artifact-reads',
    staleReads: () => stale,
    create(down) {
      return {
        ...down,
        table(name) {
          const t = down.table(name);
          if (name !== 'artifacts') return t;
          return {
            ...t,
            async query(req) {
              const res = await t.query(req);
              if (stale < times && req.query.index.name === '[name+version]') {
                stale += 1;
                return { result: [] };
              }
              return res;
            },
            async openCursor(req) {
              const cursor = await t.openCursor(req);
              if (stale < times && req.query.index.name === '[name+version]') {
                stale += 1;
                return null;
              }
              return cursor;
            },
          };
        },
      };
    },
  };
}

export { Dexie };

/**
 * Registers an afterEach that closes and deletes every database passed to the returned
 * `track` during the test, so each test starts from nothing.
 */
export function trackDatabases(afterEach: (fn: () => Promise<void>) => void): <T extends Dexie>(db: T) => T {
  const opened: Dexie[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) {
      db.close();
      await Dexie.delete(db.name);
    }
  });
  return (db) => {
    opened.push(db);
    return db;
  };
}
