/**
 * Sessions and everything an ingest writes: source codes, nodes, executions and node values.
 */
import Dexie from 'dexie';
import { ConflictError, InputError, NotFoundError } from '../core/errors';
import { newId } from '../core/digest';
import { ArtifactNameError, resolveArtifactName, validateArtifactName, visibleText } from '../core/names';
import type { Artifact, CatalogRead, Diagnostic, Execution, IngestPlan, LineageNode, NodeValue, Session, SourceCode } from '../core/model';
import type { FollowOutcome } from '../core/history/anchor';
import { DATA_TABLES, type ThreadlineDB } from './db';
import { followOthers, followSaves, notebookArtifacts, prepareFollow } from './follow-artifacts';
import { isConstraintError, toStorageError } from './storage-errors';
import { jitter, maxVersionOf, storedNames } from './versions';

export interface IngestResult {
  session: Session;
  artifacts: Artifact[];
  /**
   * Set when the file's `sourceDigest` equals that of the latest session of the same
   * `notebookKey`: nothing was stored, and `session` / `artifacts` are that session's.
   */
  unchanged?: true;
  /**
   * A new version of a notebook: how each artifact of its earlier versions was re-derived on
   * this one (also kept as `session.followed`). Absent for a first version or an unchanged file.
   */
  followed?: FollowOutcome[];
}

/** The latest (newest `createdAt`) session of a notebook key. Call inside or outside a transaction. */
export async function latestSessionOf(db: ThreadlineDB, notebookKey: string): Promise<Session | undefined> {
  const sessions = await db.sessions.where('notebookKey').equals(notebookKey).toArray();
  return sessions.reduce<Session | undefined>((best, s) => (!best || s.createdAt > best.createdAt || (s.createdAt === best.createdAt && s.id > best.id) ? s : best), undefined);
}

const INGEST_ATTEMPTS = 5;

function checkPlan(plan: IngestPlan): void {
  const sid = plan.session?.id;
  if (typeof sid !== 'string' || sid === '') throw new InputError('The analysis result has no session id.', 'session.id');
  const wrong = (what: string, i: number) =>
    new InputError(`The analysis result is inconsistent: ${what} ${i} belongs to another session.`, `${what}[${i}].sessionId`);
  plan.sourceCodes.forEach((s, i) => {
    if (s.sessionId !== sid) throw wrong('sourceCodes', i);
  });
  const nodeIds = new Set<string>();
  plan.nodes.forEach((n, i) => {
    if (n.sessionId !== sid) throw wrong('nodes', i);
    if (nodeIds.has(n.id)) throw new InputError(`The analysis result has two nodes with id ${n.id}.`, `nodes[${i}].id`);
    nodeIds.add(n.id);
  });
  if (plan.execution.sessionId !== sid) throw wrong('execution', 0);
  const valueKeys = new Set<string>();
  plan.nodeValues.forEach((v, i) => {
    if (v.executionId !== plan.execution.id) {
      throw new InputError('The analysis result has a node value for another execution.', `nodeValues[${i}].executionId`);
    }
    if (!nodeIds.has(v.nodeId)) throw new InputError('The analysis result has a value for an unknown node.', `nodeValues[${i}].nodeId`);
    if (valueKeys.has(v.nodeId)) throw new InputError('The analysis result has two values for one node.', `nodeValues[${i}].nodeId`);
    valueKeys.add(v.nodeId);
  });
  plan.artifacts.forEach((a, i) => {
    if (!nodeIds.has(a.nodeId)) throw new InputError(`The artifact "${a.name}" points to an unknown node.`, `artifacts[${i}].nodeId`);
  });
  (plan.artifactDeletions ?? []).forEach((d, i) => {
    const v = d.version;
    if (!Number.isInteger(d.after) || d.after < 0 || d.after > plan.artifacts.length || !(v === 'latest' || v === 'all' || (Number.isInteger(v) && v >= 0))) {
      throw new InputError('The analysis result has an unreadable lineapy.delete.', `artifactDeletions[${i}]`);
    }
  });
  (plan.catalogGets ?? []).forEach((g, i) => {
    if (!nodeIds.has(g.nodeId) || typeof g.name !== 'string' || !(g.version === undefined || (Number.isInteger(g.version) && g.version >= 0))) {
      throw new InputError('The analysis result has an unreadable lineapy.get.', `catalogGets[${i}]`);
    }
  });
}

/**
 * Links each `lineapy.get` that the program itself does not satisfy to the stored artifact
 * it reads: the latest version of the name, or the version given. A name or version not in
 * the catalog becomes a warning. Call inside the ingest transaction.
 */
async function resolveCatalogGets(db: ThreadlineDB, gets: NonNullable<IngestPlan['catalogGets']>, names: string[], warn: (d: Diagnostic) => void): Promise<CatalogRead[]> {
  const reads: CatalogRead[] = [];
  for (const g of gets) {
    let found: Artifact | undefined;
    try {
      const name = resolveArtifactName(g.name, names);
      const byVersion = db.artifacts.where('[name+version]');
      found = g.version !== undefined ? await byVersion.equals([name, g.version]).first() : await byVersion.between([name, Dexie.minKey], [name, Dexie.maxKey], true, true).last();
    } catch (e) {
      // An unusable or look-alike name is simply not in the catalog; storage errors go up.
      if (!(e instanceof ArtifactNameError)) throw e;
    }
    if (found) {
      reads.push({ nodeId: g.nodeId, name: found.name, version: found.version, artifactId: found.id });
      continue;
    }
    const what = `lineapy.get("${visibleText(g.name)}"${g.version !== undefined ? `, version=${g.version}` : ''})`;
    warn({
      severity: 'warning',
      code: 'lineapy-get-missing',
      message: `${what} reads an artifact that is not in this catalog; the slice keeps the get line and needs LineaPy to run.`,
      sourceCodeId: g.location?.sourceCodeId,
      line: g.location?.line,
      col: g.location?.col,
    });
  }
  return reads;
}

interface PendingArtifact {
  name: string;
  nodeId: string;
  sliceDigest: string;
  version: number;
}

/**
 * Versions for the declarations of one ingest, with the `lineapy.delete` calls applied in
 * program order, as LineaPy's catalog would: a version deleted in the program is not
 * stored, and the next save of the name gets the highest remaining version + 1. Versions
 * stored by other sessions are never deleted by an ingest (a warning says so).
 */
async function assignVersions(
  db: ThreadlineDB,
  declarations: Array<{ index: number; name: string; nodeId: string; sliceDigest: string }>,
  deletions: NonNullable<IngestPlan['artifactDeletions']>,
  warn: (d: Diagnostic) => void,
): Promise<PendingArtifact[]> {
  const stored = new Map<string, number>();
  const storedMax = async (name: string): Promise<number> => {
    let m = stored.get(name);
    if (m === undefined) {
      m = await maxVersionOf(db, name);
      stored.set(name, m);
    }
    return m;
  };
  const kept: PendingArtifact[] = [];
  const remove = async (d: (typeof deletions)[number]): Promise<void> => {
    const mine = kept.filter((a) => a.name === d.name);
    const max = await storedMax(d.name);
    let drop: PendingArtifact[];
    let untouched: boolean;
    if (d.version === 'all') {
      drop = mine;
      untouched = max >= 0;
    } else {
      const latest = Math.max(max, ...mine.map((a) => a.version));
      const target = d.version === 'latest' ? latest : d.version;
      drop = mine.filter((a) => a.version === target);
      untouched = drop.length === 0 && target >= 0 && target <= max;
      if (drop.length === 0 && !untouched) {
        warn({
          severity: 'warning',
          code: 'lineapy-delete-missing',
          message: `lineapy.delete found no version ${d.version === 'latest' ? 'at all' : d.version} of "${d.name}" (LineaPy raises an error here); nothing was deleted.`,
          sourceCodeId: d.location?.sourceCodeId,
          line: d.location?.line,
        });
      }
    }
    for (const a of drop) kept.splice(kept.indexOf(a), 1);
    if (untouched) {
      warn({
        severity: 'warning',
        code: 'lineapy-delete-stored',
        message: `lineapy.delete of "${d.name}" (version ${d.version}) also points at versions saved by other sessions; Threadline keeps those (delete them in the catalog if you want them gone).`,
        sourceCodeId: d.location?.sourceCodeId,
        line: d.location?.line,
      });
    }
  };
  let next = 0;
  const apply = async (upTo: number): Promise<void> => {
    while (next < deletions.length && deletions[next].after <= upTo) await remove(deletions[next++]);
  };
  for (const d of declarations) {
    await apply(d.index);
    const mine = kept.filter((a) => a.name === d.name).map((a) => a.version);
    const version = Math.max(await storedMax(d.name), ...mine) + 1;
    kept.push({ name: d.name, nodeId: d.nodeId, sliceDigest: d.sliceDigest, version });
  }
  await apply(Number.MAX_SAFE_INTEGER);
  return kept;
}

/**
 * Writes everything of one ingest — session, source codes, nodes, the static execution,
 * node values and one artifact per `lineapy.save` — in ONE read-write transaction.
 * All or nothing. A plan whose `sourceDigest` equals the latest session of its `notebookKey`
 * writes nothing and returns that session with `unchanged: true` (docs/DESIGN.md "History").
 * A new version of a notebook re-derives the artifacts of its earlier versions in the same
 * transaction (./follow-artifacts.ts; `followed` in the result). `lineapy.save` names that are
 * not valid artifact names become warnings on the session instead of artifacts.
 */
export async function ingestPlan(db: ThreadlineDB, plan: IngestPlan, opts: { author: string }): Promise<IngestResult> {
  checkPlan(plan);
  const planDiagnostics: Diagnostic[] = [...(plan.session.diagnostics ?? [])];
  const badName = (a: IngestPlan['artifacts'][number], e: unknown): Diagnostic => ({
    severity: 'warning',
    code: 'bad-artifact-name',
    message: `lineapy.save was given an unusable name, so no artifact was created: ${(e as Error).message}`,
    sourceCodeId: a.location?.sourceCodeId,
    line: a.location?.line,
    col: a.location?.col,
  });
  const declarations: Array<{ index: number; name: string; nodeId: string; sliceDigest: string; source: IngestPlan['artifacts'][number] }> = [];
  for (const [index, a] of plan.artifacts.entries()) {
    try {
      declarations.push({ index, name: validateArtifactName(a.name), nodeId: a.nodeId, sliceDigest: a.sliceDigest, source: a });
    } catch (e) {
      planDiagnostics.push(badName(a, e));
    }
  }
  const sourceCodes: SourceCode[] = plan.sourceCodes.map((s, i) => (s.order === undefined ? { ...s, order: i } : s));
  const author = opts.author.trim() || 'me';
  // Names as the declarations have them (a bad name matches no declaration).
  const deletions = (plan.artifactDeletions ?? []).map((d) => {
    try {
      return { ...d, name: validateArtifactName(d.name) };
    } catch {
      return d;
    }
  });

  for (let attempt = 0; ; attempt++) {
    // Resolved and digested before the write: WebCrypto cannot be awaited inside it.
    let prep: Awaited<ReturnType<typeof prepareFollow>>;
    try {
      prep = await prepareFollow(db, plan);
    } catch (e) {
      throw toStorageError(e, 'save the analysed notebook');
    }
    try {
      return await db.transaction('rw', DATA_TABLES.map((t) => db.table(t)), async () => {
        if (await db.sessions.get(plan.session.id)) {
          throw new ConflictError('This analysis was already saved (its session id exists). Nothing was changed.');
        }
        // Identical content to the notebook's latest version adds nothing (read in this transaction).
        const latest = await latestSessionOf(db, plan.session.notebookKey);
        if (latest && latest.sourceDigest === plan.session.sourceDigest) {
          return { session: latest, artifacts: await db.artifacts.where('sessionId').equals(latest.id).toArray(), unchanged: true as const };
        }
        // Names are checked against the stored ones (and each other) inside the transaction:
        // a look-alike of an existing name becomes a warning, not an artifact.
        const diagnostics = [...planDiagnostics];
        const names = await storedNames(db);
        const accepted: typeof declarations = [];
        for (const d of declarations) {
          try {
            const name = resolveArtifactName(d.name, names);
            if (!names.includes(name)) names.push(name);
            accepted.push({ ...d, name });
          } catch (e) {
            diagnostics.push(badName(d.source, e));
          }
        }
        const resolvedDeletions = deletions.map((d) => {
          try {
            return { ...d, name: resolveArtifactName(d.name, names) };
          } catch {
            return d;
          }
        });
        const catalogReads = await resolveCatalogGets(db, plan.catalogGets ?? [], names, (w) => diagnostics.push(w));
        const assigned = await assignVersions(db, accepted, resolvedDeletions, (w) => diagnostics.push(w));
        // A new version of the notebook: its earlier artifacts follow (one rule for saves and names).
        const bases = latest ? await notebookArtifacts(db, plan.session.notebookKey, plan.session.id) : new Map<string, Artifact>();
        const saves = await followSaves(db, assigned, bases, new Set(resolvedDeletions.map((d) => d.name)));
        const pending = saves.kept;
        const now = Date.now();
        const others = await followOthers(db, prep, bases, new Set(accepted.map((d) => d.name)), { sessionId: plan.session.id, executionId: plan.execution.id, createdAt: now });
        const followed = latest ? [...saves.outcomes, ...others.outcomes] : undefined;
        const session: Session = {
          ...plan.session,
          ...(catalogReads.length ? { catalogReads } : {}),
          ...(followed?.length ? { followed } : {}),
          diagnostics,
          stats: { ...plan.session.stats, diagnostics: diagnostics.length },
        };
        await db.sessions.add(session);
        await db.sourceCodes.bulkAdd(sourceCodes);
        await db.nodes.bulkAdd(plan.nodes);
        await db.executions.add(plan.execution);
        if (plan.nodeValues.length > 0) await db.nodeValues.bulkAdd(plan.nodeValues);
        const artifacts: Artifact[] = pending.map((d) => ({
          id: newId(),
          name: d.name,
          version: d.version,
          nodeId: d.nodeId,
          executionId: plan.execution.id,
          sessionId: session.id,
          createdAt: now,
          author,
          description: '',
          tags: [],
          tagKeys: [],
          sliceDigest: d.sliceDigest,
          origin: 'save' as const,
        }));
        artifacts.push(...others.artifacts);
        if (artifacts.length > 0) await db.artifacts.bulkAdd(artifacts);
        return { session, artifacts, ...(followed ? { followed } : {}) };
      });
    } catch (e) {
      if (isConstraintError(e) && (declarations.length > 0 || prep.size > 0) && attempt + 1 < INGEST_ATTEMPTS) {
        await jitter(attempt);
        continue;
      }
      throw toStorageError(e, 'save the analysed notebook');
    }
  }
}

/** All sessions, newest first. */
export async function listSessions(db: ThreadlineDB): Promise<Session[]> {
  try {
    return await db.sessions.orderBy('createdAt').reverse().toArray();
  } catch (e) {
    throw toStorageError(e, 'read the sessions');
  }
}

export async function getSession(db: ThreadlineDB, id: string): Promise<Session> {
  let session: Session | undefined;
  try {
    session = await db.sessions.get(id);
  } catch (e) {
    throw toStorageError(e, 'read the session');
  }
  if (!session) throw new NotFoundError(`There is no session with id ${id}. It may have been deleted.`);
  return session;
}

/** Source codes in cell order (cellIndex, then ingest order). */
function sortSourceCodes(sourceCodes: SourceCode[]): SourceCode[] {
  const rank = (s: SourceCode) => [s.cellIndex ?? Number.MAX_SAFE_INTEGER, s.order ?? Number.MAX_SAFE_INTEGER] as const;
  return [...sourceCodes].sort((a, b) => {
    const [a1, a2] = rank(a);
    const [b1, b2] = rank(b);
    return a1 - b1 || a2 - b2 || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}

export interface StoredSessionGraph {
  session: Session;
  sourceCodes: SourceCode[];
  nodes: LineageNode[];
}

/** A session with its source codes (cell order) and nodes (by seq), read in one transaction. */
export async function loadSessionGraph(db: ThreadlineDB, sessionId: string): Promise<StoredSessionGraph> {
  let result: [Session | undefined, SourceCode[], LineageNode[]];
  try {
    result = await db.transaction('r', [db.sessions, db.sourceCodes, db.nodes], () =>
      Promise.all([
        db.sessions.get(sessionId),
        db.sourceCodes.where('sessionId').equals(sessionId).toArray(),
        db.nodes.where('sessionId').equals(sessionId).toArray(),
      ]),
    );
  } catch (e) {
    throw toStorageError(e, 'read the session');
  }
  const [session, sourceCodes, nodes] = result;
  if (!session) throw new NotFoundError(`There is no session with id ${sessionId}. It may have been deleted.`);
  nodes.sort((a, b) => a.seq - b.seq);
  return { session, sourceCodes: sortSourceCodes(sourceCodes), nodes };
}

/** Deletes a session with its source codes, nodes, executions, node values and artifacts. */
export async function deleteSession(db: ThreadlineDB, id: string): Promise<void> {
  try {
    await db.transaction('rw', DATA_TABLES.map((t) => db.table(t)), async () => {
      if (!(await db.sessions.get(id))) throw new NotFoundError(`There is no session with id ${id}. It may have been deleted already.`);
      const executionIds = (await db.executions.where('sessionId').equals(id).primaryKeys()) as string[];
      const nodeIds = (await db.nodes.where('sessionId').equals(id).primaryKeys()) as string[];
      await db.nodeValues.where('executionId').anyOf(executionIds).delete();
      await db.nodeValues.where('nodeId').anyOf(nodeIds).delete();
      await db.artifacts.where('sessionId').equals(id).delete();
      await db.nodes.where('sessionId').equals(id).delete();
      await db.sourceCodes.where('sessionId').equals(id).delete();
      await db.executions.where('sessionId').equals(id).delete();
      await db.sessions.delete(id);
    });
  } catch (e) {
    throw toStorageError(e, 'delete the session');
  }
}

/** Stored values of one node, one per execution (oldest execution first when known). */
export async function getNodeValues(db: ThreadlineDB, nodeId: string): Promise<NodeValue[]> {
  try {
    const values = await db.nodeValues.where('nodeId').equals(nodeId).toArray();
    return values.sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0));
  } catch (e) {
    throw toStorageError(e, 'read the stored output');
  }
}

/** The static (ingest) execution of a session, if any. Call inside or outside a transaction. */
export async function staticExecutionOf(db: ThreadlineDB, sessionId: string): Promise<Execution | undefined> {
  const executions = await db.executions.where('sessionId').equals(sessionId).toArray();
  return executions.filter((e) => e.mode === 'static').sort((a, b) => b.startedAt - a.startedAt)[0];
}
