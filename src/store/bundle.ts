/**
 * Bundles (docs/DESIGN.md "Bundles"): export the store (or chosen artifacts with everything their
 * sessions need) as one JSON document, and import one — an older format migrated up to
 * today's (migrations/bundle.ts), validated fully before any write, then written in one transaction.
 */
import Dexie from 'dexie';
import { ConflictError, NotFoundError } from '../core/errors';
import { newId } from '../core/digest';
import type { Artifact, CatalogRead, Execution, LineageNode, NodeValue, Session, SourceCode, TeamProvenance } from '../core/model';
import type { FollowOutcome } from '../core/history/anchor';
import { DATA_TABLES, tagKeysOf, type ThreadlineDB } from './db';
import { BUNDLE_FORMAT, BUNDLE_VERSION } from './bundle-schema';
import { validateBundle } from './bundle-validate';
import { isConstraintError, isQuotaError, toStorageError } from './storage-errors';
import { maxVersionOf } from './versions';

export { BUNDLE_FORMAT, BUNDLE_VERSION } from './bundle-schema';
export { validateBundle, InvalidBundleError, MAX_PROBLEMS, type BundleProblem } from './bundle-validate';

/** Rows per bulk write during import (progress is reported after each). */
const CHUNK = 5000;

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  exportedAt: number;
  sessions: Session[];
  sourceCodes: SourceCode[];
  nodes: LineageNode[];
  executions: Execution[];
  nodeValues: NodeValue[];
  artifacts: Artifact[];
}

export interface ImportResult {
  /** Sessions written (sessions already in the store are not duplicated). */
  sessions: number;
  /** Artifact versions written. */
  artifacts: number;
}

/** The whole store, or the chosen artifacts plus their sessions' full graphs and executions. */
export async function exportBundle(db: ThreadlineDB, opts: { artifactIds?: string[] } = {}): Promise<Bundle> {
  try {
    return await db.transaction('r', DATA_TABLES.map((t) => db.table(t)), async () => {
      if (opts.artifactIds === undefined) {
        const [sessions, sourceCodes, nodes, executions, nodeValues, artifacts] = await Promise.all([
          db.sessions.toArray(),
          db.sourceCodes.toArray(),
          db.nodes.toArray(),
          db.executions.toArray(),
          db.nodeValues.toArray(),
          db.artifacts.toArray(),
        ]);
        return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, exportedAt: Date.now(), sessions, sourceCodes, nodes, executions, nodeValues, artifacts };
      }
      const wanted = [...new Set(opts.artifactIds)];
      const found = await db.artifacts.bulkGet(wanted);
      const missing = wanted.filter((_, i) => !found[i]);
      if (missing.length > 0) throw new NotFoundError(`These artifacts no longer exist: ${missing.join(', ')}.`);
      const artifacts = (found as Artifact[]).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const sessionIds = [...new Set(artifacts.map((a) => a.sessionId))].sort();
      const [sessions, sourceCodes, nodes, executions] = await Promise.all([
        db.sessions.bulkGet(sessionIds),
        db.sourceCodes.where('sessionId').anyOf(sessionIds).toArray(),
        db.nodes.where('sessionId').anyOf(sessionIds).toArray(),
        db.executions.where('sessionId').anyOf(sessionIds).toArray(),
      ]);
      const nodeValues = await db.nodeValues.where('executionId').anyOf(executions.map((e) => e.id)).toArray();
      const byId = <T extends { id: string }>(xs: T[]) => xs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return {
        format: BUNDLE_FORMAT,
        version: BUNDLE_VERSION,
        exportedAt: Date.now(),
        sessions: (sessions.filter(Boolean) as Session[]),
        sourceCodes: byId(sourceCodes),
        nodes: byId(nodes),
        executions: byId(executions),
        nodeValues,
        artifacts,
      };
    });
  } catch (e) {
    throw toStorageError(e, 'export the bundle');
  }
}

/**
 * A bundle as JSON text in parts (the head, then `rowsPerPart` rows at a time), so a big store
 * becomes a Blob without one giant string. `parts.join('')` equals `JSON.stringify(bundle)` as data.
 */
export function bundleJsonParts(bundle: Bundle, rowsPerPart = CHUNK): string[] {
  const parts = [`{"format":${JSON.stringify(bundle.format)},"version":${bundle.version},"exportedAt":${bundle.exportedAt}`];
  for (const table of DATA_TABLES) {
    const rows: unknown[] = bundle[table];
    parts.push(`,${JSON.stringify(table)}:[`);
    for (let i = 0; i < rows.length; i += rowsPerPart) {
      const text = JSON.stringify(rows.slice(i, i + rowsPerPart));
      parts.push((i > 0 ? ',' : '') + text.slice(1, -1));
    }
    parts.push(']');
  }
  parts.push('}');
  return parts;
}

/** A stable text form of a record (keys sorted; undefined fields dropped, as JSON does). Records are shallow. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonical(v))).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Same records, compared by id and content. Returns what differs, or undefined when equal. */
function differs<T extends { id: string }>(what: string, mine: T[], stored: T[]): string | undefined {
  if (mine.length !== stored.length) return `the bundle has ${plural(mine.length, what)} for it, the stored session ${stored.length.toLocaleString('en-US')}`;
  const byId = new Map<string, T>();
  for (const s of stored) byId.set(s.id, s);
  for (const m of mine) {
    const s = byId.get(m.id);
    if (!s || canonical(s) !== canonical(m)) return `its ${what}s differ`;
  }
  return undefined;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** Finds a stored session with the same source digest whose graph lines up node by node (by seq). */
async function matchingSession(
  db: ThreadlineDB,
  session: Session,
  nodes: LineageNode[],
): Promise<{ id: string; nodeMap: Map<string, string> } | undefined> {
  const candidates = await db.sessions.where('sourceDigest').equals(session.sourceDigest).toArray();
  const mine = [...nodes].sort((a, b) => a.seq - b.seq);
  for (const candidate of candidates) {
    const theirs = (await db.nodes.where('sessionId').equals(candidate.id).toArray()).sort((a, b) => a.seq - b.seq);
    if (theirs.length !== mine.length) continue;
    if (!mine.every((n, i) => n.seq === theirs[i].seq && n.kind === theirs[i].kind)) continue;
    return { id: candidate.id, nodeMap: new Map(mine.map((n, i) => [n.id, theirs[i].id])) };
  }
  return undefined;
}

export type ImportPhase = 'checking' | 'writing';

/** Progress of an import: records checked (of all records), then records written (skipped ones count as done). */
export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

/** Rows of one table grouped by session, with each row's index in the bundle (for the JSON path of a clash). */
function groupBySession<T extends { sessionId: string }>(rows: T[]): Map<string, { rows: T[]; at: number[] }> {
  const m = new Map<string, { rows: T[]; at: number[] }>();
  for (let i = 0; i < rows.length; i++) {
    const k = rows[i].sessionId;
    let g = m.get(k);
    if (!g) m.set(k, (g = { rows: [], at: [] }));
    g.rows.push(rows[i]);
    g.at.push(i);
  }
  return m;
}

/**
 * Adds rows in chunks (inside the caller's transaction). An id already stored for another
 * record becomes a ConflictError naming the row's JSON path; the transaction then aborts.
 */
async function addChunked<T>(table: { bulkAdd(rows: readonly T[]): Promise<unknown> }, name: string, rows: T[], at: number[], report: (n: number) => void): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    try {
      await table.bulkAdd(chunk);
    } catch (e) {
      if (e instanceof Dexie.BulkError && !isQuotaError(e)) {
        const pos = Object.keys(e.failuresByPos).map(Number).sort((x, y) => x - y)[0] ?? 0;
        if (isConstraintError(e.failuresByPos[pos])) {
          throw new ConflictError(
            `This bundle cannot be imported: ${name}[${at[i + pos]}] has the id of a record already stored in another session. Nothing was changed.`,
          );
        }
      }
      throw e;
    }
    report(chunk.length);
  }
}

/**
 * Imports a bundle (an object, or its JSON text). Validates everything first (InputError
 * naming the JSON paths of up to 100 problems), then writes in ONE transaction:
 * - a session whose id is already stored must have the same content (session record, source
 *   codes, nodes): then it is not duplicated; otherwise the import is a ConflictError;
 * - a session with a stored session's sourceDigest and the same graph maps onto that session;
 * - every other session is new, and none of its ids may be stored already (ConflictError);
 * - executions, node values and artifacts are added unless already there; artifact names
 *   already in the store get new versions appended; names new to the store keep their versions.
 * Node values over the size cap are cut and marked.
 */
export async function importBundle(
  db: ThreadlineDB,
  data: unknown,
  opts: {
    onProgress?: (p: ImportProgress) => void;
    /** A team share being imported: recorded on each artifact the import adds. */
    fromTeam?: TeamProvenance;
  } = {},
): Promise<ImportResult> {
  const b = validateBundle(data, (done, total) => opts.onProgress?.({ phase: 'checking', done, total }));
  const totalWork = b.sessions.length + b.sourceCodes.length + b.nodes.length + b.executions.length + b.nodeValues.length + b.artifacts.length;
  let done = 0;
  const report = (n: number) => {
    done += n;
    if (n > 0) opts.onProgress?.({ phase: 'writing', done, total: totalWork });
  };
  const codesBySession = groupBySession(b.sourceCodes as SourceCode[]);
  const nodesBySession = groupBySession(b.nodes as LineageNode[]);
  const execsBySession = groupBySession(b.executions as Execution[]);
  const none = { rows: [], at: [] };

  try {
    return await db.transaction('rw', DATA_TABLES.map((t) => db.table(t)), async () => {
      // Reads first: where each session goes, and every conflict, before anything is written.
      const targets: Array<{ id: string; nodeMap?: Map<string, string> } | undefined> = [];
      for (let i = 0; i < b.sessions.length; i++) {
        const session = b.sessions[i] as Session;
        const nodes = (nodesBySession.get(session.id) ?? none).rows;
        const stored = await db.sessions.get(session.id);
        if (stored) {
          const codes = (codesBySession.get(session.id) ?? none).rows;
          const why =
            (canonical(stored) !== canonical(session) ? 'its session record differs' : undefined) ??
            differs('source code', codes, await db.sourceCodes.where('sessionId').equals(session.id).toArray()) ??
            differs('node', nodes, await db.nodes.where('sessionId').equals(session.id).toArray());
          if (why) {
            throw new ConflictError(
              `This bundle cannot be imported: session ${JSON.stringify(session.name)} (sessions[${i}]) has the id of a session already stored here, but different content (${why}). Nothing was changed.`,
            );
          }
          targets.push({ id: session.id });
        } else targets.push(await matchingSession(db, session, nodes));
      }

      const sessionMap = new Map<string, string>();
      const nodeMap = new Map<string, string>();
      const execMap = new Map<string, string>();
      /** Executions that were already stored: only their node values need a presence check. */
      const storedExecs = new Set<string>();
      let sessionsWritten = 0;
      /** Sessions added as they are (their node ids kept); their follow outcomes are re-pointed below. */
      const added: Session[] = [];

      for (let i = 0; i < b.sessions.length; i++) {
        const session = b.sessions[i] as Session;
        const nodes = nodesBySession.get(session.id) ?? none;
        const codes = codesBySession.get(session.id) ?? none;
        const executions = execsBySession.get(session.id) ?? none;
        const target = targets[i];

        if (!target) {
          await db.sessions.add(session);
          report(1);
          await addChunked(db.sourceCodes, 'sourceCodes', codes.rows, codes.at, report);
          await addChunked(db.nodes, 'nodes', nodes.rows, nodes.at, report);
          await addChunked(db.executions, 'executions', executions.rows, executions.at, report);
          sessionMap.set(session.id, session.id);
          if (session.followed?.length || session.catalogReads?.length) added.push(session);
          for (const n of nodes.rows) nodeMap.set(n.id, n.id);
          for (const e of executions.rows) execMap.set(e.id, e.id);
          sessionsWritten += 1;
          continue;
        }
        // Already stored: map onto the stored session; add only executions it lacks.
        report(1 + codes.rows.length + nodes.rows.length);
        sessionMap.set(session.id, target.id);
        if (target.nodeMap) for (const [from, to] of target.nodeMap) nodeMap.set(from, to);
        else for (const n of nodes.rows) nodeMap.set(n.id, n.id);
        const stored = await db.executions.where('sessionId').equals(target.id).toArray();
        for (const e of executions.rows) {
          const sameId = stored.find((s) => s.id === e.id);
          const sameStatic = e.mode === 'static' ? stored.find((s) => s.mode === 'static') : undefined;
          const match = sameId ?? sameStatic;
          if (match) {
            execMap.set(e.id, match.id);
            storedExecs.add(match.id);
          } else {
            const id = (await db.executions.get(e.id)) ? newId() : e.id;
            await db.executions.add({ ...e, id, sessionId: target.id });
            execMap.set(e.id, id);
          }
          report(1);
        }
      }

      const mapped: NodeValue[] = (b.nodeValues as NodeValue[]).map((v) => ({
        ...v,
        nodeId: nodeMap.get(v.nodeId)!,
        executionId: execMap.get(v.executionId)!,
      }));
      const fresh: NodeValue[] = [];
      const freshAt: number[] = [];
      const toCheck: number[] = [];
      mapped.forEach((v, i) => (storedExecs.has(v.executionId) ? toCheck : (fresh.push(v), freshAt)).push(i));
      for (let i = 0; i < toCheck.length; i += CHUNK) {
        const slice = toCheck.slice(i, i + CHUNK);
        const present = await db.nodeValues.bulkGet(slice.map((j) => [mapped[j].nodeId, mapped[j].executionId] as [string, string]));
        slice.forEach((j, k) => {
          if (!present[k]) {
            fresh.push(mapped[j]);
            freshAt.push(j);
          }
        });
      }
      report(mapped.length - fresh.length);
      await addChunked(db.nodeValues, 'nodeValues', fresh, freshAt, report);

      let artifactsWritten = 0;
      const byName = new Map<string, Artifact[]>();
      for (const a of b.artifacts as Artifact[]) {
        const list = byName.get(a.name);
        if (list) list.push(a);
        else byName.set(a.name, [a]);
      }
      /** name → bundle version → stored version (versions are renumbered on name clashes). */
      const versionMap = new Map<string, Map<number, number>>();
      const artifactMap = new Map<string, string>();
      for (const [name, versions] of byName) {
        versions.sort((x, y) => x.version - y.version);
        const storedMax = await maxVersionOf(db, name);
        let next = storedMax + 1;
        const renumbered = new Map<number, number>();
        versionMap.set(name, renumbered);
        for (const a of versions) {
          const existing = await db.artifacts.get(a.id);
          if (existing && existing.name === a.name) {
            renumbered.set(a.version, existing.version);
            artifactMap.set(a.id, existing.id);
            report(1);
            continue; // already imported
          }
          const artifact: Artifact = {
            ...a,
            id: existing ? newId() : a.id,
            version: storedMax < 0 ? a.version : next++,
            sessionId: sessionMap.get(a.sessionId)!,
            nodeId: nodeMap.get(a.nodeId)!,
            executionId: execMap.get(a.executionId)!,
            tagKeys: tagKeysOf(a.tags),
            ...(opts.fromTeam ? { fromTeam: opts.fromTeam } : {}),
          };
          await db.artifacts.add(artifact);
          renumbered.set(a.version, artifact.version);
          artifactMap.set(a.id, artifact.id);
          artifactsWritten += 1;
          report(1);
        }
      }
      // Outcomes and catalog reads of added sessions name artifact versions the import may have renumbered.
      for (const session of added) {
        const changes: Partial<Session> = {};
        const followed = session.followed?.map((o) => remapOutcome(o, versionMap.get(o.name), nodeMap));
        if (followed && JSON.stringify(followed) !== JSON.stringify(session.followed)) changes.followed = followed;
        const reads = session.catalogReads?.map((r) => remapRead(r, versionMap.get(r.name), artifactMap));
        if (reads && JSON.stringify(reads) !== JSON.stringify(session.catalogReads)) changes.catalogReads = reads;
        if (Object.keys(changes).length > 0) await db.sessions.update(session.id, changes);
      }
      return { sessions: sessionsWritten, artifacts: artifactsWritten };
    });
  } catch (e) {
    throw toStorageError(e, 'import the bundle');
  }
}

/** "v3" in an outcome's sentence, not inside a quoted name. */
const VERSION_WORD = /(^|[\s(])v(\d+)(?=[\s.,:;)]|$)/g;

/**
 * A follow outcome of an imported session with its artifact versions renumbered as the import
 * renumbered them (numbers, and the "vN" words of its sentence) and its candidates' node ids
 * mapped. A version the bundle does not carry is kept as it is.
 */
export function remapOutcome(o: FollowOutcome, versions: ReadonlyMap<number, number> | undefined, nodeMap: ReadonlyMap<string, string>): FollowOutcome {
  const v = (n: number) => versions?.get(n) ?? n;
  const out: FollowOutcome = { ...o, sentence: o.sentence.replace(VERSION_WORD, (_, pre: string, n: string) => `${pre}v${v(Number(n))}`) };
  if (o.version !== undefined) out.version = v(o.version);
  if (o.sameAs !== undefined) out.sameAs = v(o.sameAs);
  if (o.candidates) out.candidates = o.candidates.map((c) => ({ ...c, nodeId: nodeMap.get(c.nodeId) ?? c.nodeId }));
  return out;
}

/** A `lineapy.get` link of an imported session, pointed at the version and record the import stored. */
function remapRead(r: CatalogRead, versions: ReadonlyMap<number, number> | undefined, artifacts: ReadonlyMap<string, string>): CatalogRead {
  return { ...r, version: versions?.get(r.version) ?? r.version, artifactId: artifacts.get(r.artifactId) ?? r.artifactId };
}

/**
 * Deletes every row of every data table, and the team outbox (its entries hold copies of
 * sessions), in one transaction. Settings (and the team token) and follows stay.
 */
export async function clearAllData(db: ThreadlineDB): Promise<void> {
  const tables = [...DATA_TABLES, 'outbox'] as const;
  try {
    await db.transaction('rw', tables.map((t) => db.table(t)), async () => {
      await Promise.all(tables.map((t) => db.table(t).clear()));
    });
  } catch (e) {
    throw toStorageError(e, 'clear the data');
  }
}
