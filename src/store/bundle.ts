/**
 * Bundles (DESIGN.md §5): export the store (or chosen artifacts with everything their
 * sessions need) as one JSON document, and import one — validated fully before any write,
 * then written in one transaction.
 */
import { InputError, NotFoundError } from '../core/errors';
import { newId } from '../core/digest';
import { validateArtifactName } from '../core/names';
import type { Artifact, Execution, LineageNode, NodeValue, Session, SourceCode } from '../core/model';
import { DATA_TABLES, tagKeysOf, type ThreadlineDB } from './db';
import { BUNDLE_FORMAT, BUNDLE_VERSION, bundleSchema, formatPath, type BundleInput } from './bundle-schema';
import { toStorageError } from './storage-errors';
import { maxVersionOf } from './versions';

export { BUNDLE_FORMAT, BUNDLE_VERSION } from './bundle-schema';

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

function bad(path: string, message: string): InputError {
  return new InputError(`This bundle cannot be imported: ${path} ${message}. Nothing was changed.`, path);
}

/** Parses (if text) and validates a bundle completely: shape, types, duplicates and references. */
export function validateBundle(data: unknown): BundleInput {
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      throw new InputError('This file is not valid JSON, so it is not a Threadline bundle. Nothing was changed.', '(top level)');
    }
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError('This file is not a Threadline bundle (expected a JSON object). Nothing was changed.', '(top level)');
  }
  const head = data as { format?: unknown; version?: unknown };
  if (head.format !== BUNDLE_FORMAT) {
    throw new InputError(
      `This file is not a Threadline bundle: format is ${JSON.stringify(head.format) ?? 'missing'}, expected "${BUNDLE_FORMAT}". Nothing was changed.`,
      'format',
    );
  }
  if (head.version !== BUNDLE_VERSION) {
    throw new InputError(
      `This bundle has version ${JSON.stringify(head.version) ?? 'missing'}; this Threadline reads version ${BUNDLE_VERSION}. Nothing was changed.`,
      'version',
    );
  }
  const parsed = bundleSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = formatPath(issue.path);
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    throw new InputError(`This bundle cannot be imported: ${path}: ${issue.message}${more}. Nothing was changed.`, path);
  }
  const b = parsed.data;
  checkReferences(b);
  return b;
}

function checkReferences(b: BundleInput): void {
  const unique = <T>(table: string, rows: T[], key: (row: T) => string, field = 'id') => {
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      const k = key(row);
      if (seen.has(k)) throw bad(`${table}[${i}].${field}`, 'repeats an earlier record');
      seen.add(k);
    });
    return seen;
  };
  const sessions = unique('sessions', b.sessions, (s) => s.id);
  const sourceCodes = unique('sourceCodes', b.sourceCodes, (s) => s.id);
  const nodes = unique('nodes', b.nodes, (n) => n.id);
  const executions = unique('executions', b.executions, (e) => e.id);
  unique('nodeValues', b.nodeValues, (v) => JSON.stringify([v.nodeId, v.executionId]), 'nodeId');
  unique('artifacts', b.artifacts, (a) => a.id);
  unique('artifacts', b.artifacts, (a) => JSON.stringify([a.name, a.version]), 'version');

  const ref = (set: Set<string>, value: string, path: string, what: string) => {
    if (!set.has(value)) throw bad(path, `refers to ${what} ${JSON.stringify(value)}, which is not in the bundle`);
  };
  const sessionOfNode = new Map(b.nodes.map((n) => [n.id, n.sessionId]));
  const sessionOfCode = new Map(b.sourceCodes.map((s) => [s.id, s.sessionId]));
  const sessionOfExecution = new Map(b.executions.map((e) => [e.id, e.sessionId]));
  const sameSession = (actual: string | undefined, expected: string, path: string) => {
    if (actual !== expected) throw bad(path, 'refers to a record of another session');
  };

  b.sessions.forEach((s, i) => s.bindings.forEach((x, j) => ref(nodes, x.nodeId, `sessions[${i}].bindings[${j}].nodeId`, 'node')));
  b.sourceCodes.forEach((s, i) => ref(sessions, s.sessionId, `sourceCodes[${i}].sessionId`, 'session'));
  b.executions.forEach((e, i) => ref(sessions, e.sessionId, `executions[${i}].sessionId`, 'session'));
  b.nodes.forEach((n, i) => {
    const at = `nodes[${i}]`;
    ref(sessions, n.sessionId, `${at}.sessionId`, 'session');
    if (n.location) {
      ref(sourceCodes, n.location.sourceCodeId, `${at}.location.sourceCodeId`, 'source code');
      sameSession(sessionOfCode.get(n.location.sourceCodeId), n.sessionId, `${at}.location.sourceCodeId`);
    }
    const node = (value: string, path: string) => {
      ref(nodes, value, `${at}.${path}`, 'node');
      sameSession(sessionOfNode.get(value), n.sessionId, `${at}.${path}`);
    };
    switch (n.kind) {
      case 'Call':
        node(n.functionId, 'functionId');
        n.args.forEach((a, j) => node(a.id, `args[${j}].id`));
        n.kwargs.forEach((a, j) => node(a.id, `kwargs[${j}].id`));
        Object.entries(n.globalReads).forEach(([k, v]) => node(v, `globalReads${formatPath(['x', k]).slice(1)}`));
        n.implicitDeps.forEach((d, j) => node(d, `implicitDeps[${j}]`));
        break;
      case 'Mutate':
        node(n.sourceId, 'sourceId');
        node(n.callId, 'callId');
        break;
      case 'Global':
        node(n.callId, 'callId');
        break;
      default:
        break;
    }
  });
  b.nodeValues.forEach((v, i) => {
    ref(nodes, v.nodeId, `nodeValues[${i}].nodeId`, 'node');
    ref(executions, v.executionId, `nodeValues[${i}].executionId`, 'execution');
    sameSession(sessionOfExecution.get(v.executionId), sessionOfNode.get(v.nodeId) ?? '', `nodeValues[${i}].executionId`);
  });
  b.artifacts.forEach((a, i) => {
    const at = `artifacts[${i}]`;
    try {
      validateArtifactName(a.name);
    } catch (e) {
      throw bad(`${at}.name`, `is not a usable name (${(e as Error).message})`);
    }
    if (a.name !== a.name.trim()) throw bad(`${at}.name`, 'has spaces at the start or end');
    ref(sessions, a.sessionId, `${at}.sessionId`, 'session');
    ref(nodes, a.nodeId, `${at}.nodeId`, 'node');
    sameSession(sessionOfNode.get(a.nodeId), a.sessionId, `${at}.nodeId`);
    ref(executions, a.executionId, `${at}.executionId`, 'execution');
    sameSession(sessionOfExecution.get(a.executionId), a.sessionId, `${at}.executionId`);
  });
}

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

/**
 * Imports a bundle (an object, or its JSON text). Validates everything first (InputError
 * naming the JSON path of the first bad field), then writes in ONE transaction:
 * sessions already stored (same id, or same sourceDigest with the same graph) are not
 * duplicated; artifact names already in the store get new versions appended; names new to
 * the store keep their versions.
 */
export async function importBundle(
  db: ThreadlineDB,
  data: unknown,
  opts: { onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportResult> {
  const b = validateBundle(data);
  const totalWork = b.nodes.length + b.nodeValues.length + b.artifacts.length;
  let done = 0;
  const report = (n: number) => {
    done += n;
    if (n > 0) opts.onProgress?.(done, totalWork);
  };
  const group = <T>(rows: T[], key: (row: T) => string) => {
    const m = new Map<string, T[]>();
    for (const row of rows) {
      const k = key(row);
      const list = m.get(k);
      if (list) list.push(row);
      else m.set(k, [row]);
    }
    return m;
  };
  const codesBySession = group(b.sourceCodes as SourceCode[], (s) => s.sessionId);
  const nodesBySession = group(b.nodes as LineageNode[], (n) => n.sessionId);
  const execsBySession = group(b.executions as Execution[], (e) => e.sessionId);

  try {
    return await db.transaction('rw', DATA_TABLES.map((t) => db.table(t)), async () => {
      const sessionMap = new Map<string, string>();
      const nodeMap = new Map<string, string>();
      const execMap = new Map<string, string>();
      let sessionsWritten = 0;

      for (const session of b.sessions as Session[]) {
        const nodes = nodesBySession.get(session.id) ?? [];
        const executions = execsBySession.get(session.id) ?? [];
        let target: { id: string; nodeMap: Map<string, string> } | undefined;
        if (await db.sessions.get(session.id)) target = { id: session.id, nodeMap: new Map(nodes.map((n) => [n.id, n.id])) };
        else target = await matchingSession(db, session, nodes);

        if (!target) {
          await db.sessions.add(session);
          await db.sourceCodes.bulkAdd(codesBySession.get(session.id) ?? []);
          for (let i = 0; i < nodes.length; i += CHUNK) {
            await db.nodes.bulkAdd(nodes.slice(i, i + CHUNK));
            report(Math.min(CHUNK, nodes.length - i));
          }
          await db.executions.bulkAdd(executions);
          sessionMap.set(session.id, session.id);
          for (const n of nodes) nodeMap.set(n.id, n.id);
          for (const e of executions) execMap.set(e.id, e.id);
          sessionsWritten += 1;
          continue;
        }
        // Already stored: map onto the stored session; add only executions it lacks.
        report(nodes.length);
        sessionMap.set(session.id, target.id);
        for (const [from, to] of target.nodeMap) nodeMap.set(from, to);
        const stored = await db.executions.where('sessionId').equals(target.id).toArray();
        for (const e of executions) {
          const sameId = stored.find((s) => s.id === e.id);
          const sameStatic = e.mode === 'static' ? stored.find((s) => s.mode === 'static') : undefined;
          const match = sameId ?? sameStatic;
          if (match) execMap.set(e.id, match.id);
          else {
            const id = (await db.executions.get(e.id)) ? newId() : e.id;
            await db.executions.add({ ...e, id, sessionId: target.id });
            execMap.set(e.id, id);
          }
        }
      }

      const mappedValues: NodeValue[] = (b.nodeValues as NodeValue[]).map((v) => ({
        ...v,
        nodeId: nodeMap.get(v.nodeId)!,
        executionId: execMap.get(v.executionId)!,
      }));
      const present = await db.nodeValues.bulkGet(mappedValues.map((v) => [v.nodeId, v.executionId] as [string, string]));
      const newValues = mappedValues.filter((_, i) => !present[i]);
      for (let i = 0; i < newValues.length; i += CHUNK) {
        await db.nodeValues.bulkAdd(newValues.slice(i, i + CHUNK));
        report(Math.min(CHUNK, newValues.length - i));
      }
      report(mappedValues.length - newValues.length);

      let artifactsWritten = 0;
      const byName = group(b.artifacts as Artifact[], (a) => a.name);
      for (const [name, versions] of byName) {
        versions.sort((x, y) => x.version - y.version);
        const storedMax = await maxVersionOf(db, name);
        let next = storedMax + 1;
        for (const a of versions) {
          const existing = await db.artifacts.get(a.id);
          if (existing && existing.name === a.name) {
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
          };
          await db.artifacts.add(artifact);
          artifactsWritten += 1;
          report(1);
        }
      }
      return { sessions: sessionsWritten, artifacts: artifactsWritten };
    });
  } catch (e) {
    throw toStorageError(e, 'import the bundle');
  }
}

/** Deletes every row of every data table (settings stay), in one transaction. */
export async function clearAllData(db: ThreadlineDB): Promise<void> {
  try {
    await db.transaction('rw', DATA_TABLES.map((t) => db.table(t)), async () => {
      await Promise.all(DATA_TABLES.map((t) => db.table(t).clear()));
    });
  } catch (e) {
    throw toStorageError(e, 'clear the data');
  }
}
