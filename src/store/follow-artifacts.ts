/**
 * Artifacts follow the notebook (docs/DESIGN.md "History"): when a new version (session) of a
 * notebook is ingested, each artifact of the notebook's earlier versions is re-derived on it.
 * `lineapy.save` artifacts go by their name; artifacts named in the UI by their anchor
 * (src/core/history/anchor.ts). A new version only when the slice digest changed; the same
 * digest records "same code as vN"; an anchor that does not resolve is "not found" with its
 * candidates and nothing is created or re-pointed.
 *
 * Slice digests use WebCrypto, which cannot be awaited inside an IndexedDB transaction, so
 * `prepareFollow` resolves and digests before the ingest's one write transaction, and the
 * `follow*` steps decide inside it against the versions stored at that moment.
 */
import Dexie from 'dexie';
import { sha256Hex, newId } from '../core/digest';
import { NotFoundError } from '../core/errors';
import { anchorOf, keptCandidates, rederive, resolveAnchor, type AnchorResolution, type ArtifactAnchor, type FollowOutcome } from '../core/history/anchor';
import type { Artifact, IngestPlan, LineageNode, SessionGraph } from '../core/model';
import { createSlicer } from '../core/slice';
import type { ThreadlineDB } from './db';

/** What one earlier artifact resolves to in the incoming version, worked out before the write. */
interface Prepared {
  /** The artifact this was prepared from (the latest version of its name in the notebook). */
  baseId: string;
  kind: 'save' | 'named';
  resolution: AnchorResolution;
  /** Found and named in the UI: the slice digest of the found node, and its anchor in the new version. */
  sliceDigest?: string;
  anchor?: ArtifactAnchor;
}

export type FollowPrep = Map<string, Prepared>;

/** Per name, the highest version among the given artifacts. */
function latestPerName(artifacts: readonly Artifact[]): Map<string, Artifact> {
  const out = new Map<string, Artifact>();
  for (const a of artifacts) {
    const b = out.get(a.name);
    if (!b || a.version > b.version) out.set(a.name, a);
  }
  return out;
}

/**
 * The artifacts a new version of `notebookKey` follows: per name, the latest version stored by
 * one of the notebook's sessions (other than `exceptSessionId`). Call inside or outside a transaction.
 */
export async function notebookArtifacts(db: ThreadlineDB, notebookKey: string, exceptSessionId: string): Promise<Map<string, Artifact>> {
  const ids = ((await db.sessions.where('notebookKey').equals(notebookKey).primaryKeys()) as string[]).filter((id) => id !== exceptSessionId);
  if (ids.length === 0) return new Map();
  return latestPerName(await db.artifacts.where('sessionId').anyOf(ids).toArray());
}

/**
 * A stored node's anchor, reading only what it needs: its cell, and the session's nodes that
 * bear its variable (the `names` index), so naming in a huge session stays cheap. The same
 * anchor as `anchorOf` over the whole graph, which an unnamed value still reads.
 * Call inside a transaction over nodes and sourceCodes.
 */
export async function anchorInStore(db: ThreadlineDB, node: LineageNode): Promise<ArtifactAnchor> {
  const variable = node.names[0];
  const code = node.location ? await db.sourceCodes.get(node.location.sourceCodeId) : undefined;
  const nodes = variable
    ? await db.nodes.where('names').equals(variable).filter((n) => n.sessionId === node.sessionId).toArray()
    : await db.nodes.where('sessionId').equals(node.sessionId).toArray();
  return anchorOf({ sourceCodes: code ? [code] : [], nodes }, node.id);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Older records carry no origin: a `lineapy.save(…, "name")` in their session's code marks a saved one. */
function savedInCode(graph: SessionGraph, name: string): boolean {
  const re = new RegExp(`lineapy\\.save\\s*\\([^\\n]*['"]${escapeRe(name)}['"]`);
  return graph.sourceCodes.some((c) => re.test(c.code));
}

/**
 * Resolves every artifact of the notebook's earlier versions in the incoming plan and digests
 * the slices of those found. Reads in one read-only transaction; computes outside it.
 * Empty when the plan is the notebook's first version or identical to its latest.
 */
export async function prepareFollow(db: ThreadlineDB, plan: IngestPlan): Promise<FollowPrep> {
  const prep: FollowPrep = new Map();
  const { notebookKey, id: sessionId, sourceDigest } = plan.session;
  const graphs = new Map<string, SessionGraph>();
  const bases = await db.transaction('r', [db.sessions, db.artifacts, db.sourceCodes, db.nodes], async () => {
    const sessions = await db.sessions.where('notebookKey').equals(notebookKey).toArray();
    const latest = sessions.reduce<(typeof sessions)[number] | undefined>((b, s) => (!b || s.createdAt > b.createdAt || (s.createdAt === b.createdAt && s.id > b.id) ? s : b), undefined);
    if (!latest || latest.sourceDigest === sourceDigest) return [];
    const found = [...(await notebookArtifacts(db, notebookKey, sessionId)).values()];
    for (const a of found) {
      if ((a.anchor && a.origin) || graphs.has(a.sessionId)) continue;
      const [sourceCodes, nodes] = await Promise.all([
        db.sourceCodes.where('sessionId').equals(a.sessionId).toArray(),
        db.nodes.where('sessionId').equals(a.sessionId).toArray(),
      ]);
      graphs.set(a.sessionId, { sourceCodes, nodes });
    }
    return found;
  });
  if (bases.length === 0) return prep;
  const graph: SessionGraph = { sourceCodes: plan.sourceCodes, nodes: plan.nodes };
  const slicer = createSlicer(graph);
  for (const base of bases) {
    const old = graphs.get(base.sessionId);
    const kind = base.origin ?? (old && savedInCode(old, base.name) ? 'save' : 'named');
    let anchor = base.anchor;
    if (!anchor && old) {
      try {
        anchor = anchorOf(old, base.nodeId);
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
      }
    }
    // Saved artifacts without an anchor still follow by name; named ones need one.
    const resolution: AnchorResolution = anchor
      ? resolveAnchor(anchor, graph)
      : { status: 'not-found', sentence: `"${base.name}" has no node left in its own session to follow.`, candidates: [] };
    const p: Prepared = { baseId: base.id, kind, resolution };
    if (kind === 'named' && resolution.status === 'found') {
      p.sliceDigest = await sha256Hex(slicer.slice([resolution.nodeId]).code);
      p.anchor = anchorOf(graph, resolution.nodeId);
    }
    prep.set(base.name, p);
  }
  return prep;
}

interface PendingSave {
  name: string;
  nodeId: string;
  sliceDigest: string;
  version: number;
}

/** The latest stored version of a name. Call inside a transaction over artifacts. */
function latestStored(db: ThreadlineDB, name: string): Promise<Artifact | undefined> {
  return db.artifacts.where('[name+version]').between([name, Dexie.minKey], [name, Dexie.maxKey], true, true).last();
}

/**
 * The version rule for `lineapy.save` of names the notebook already had: a name saved once in
 * the new version (and not deleted by it) whose slice digest equals its latest stored version
 * creates nothing ("same code as vN"). Other saves keep their versions. Call inside the ingest transaction.
 */
export async function followSaves(
  db: ThreadlineDB,
  pending: PendingSave[],
  bases: ReadonlyMap<string, Artifact>,
  deletedNames: ReadonlySet<string>,
): Promise<{ kept: PendingSave[]; outcomes: FollowOutcome[] }> {
  const outcomes: FollowOutcome[] = [];
  const drop = new Set<PendingSave>();
  for (const name of new Set(pending.map((p) => p.name))) {
    if (!bases.has(name)) continue;
    const mine = pending.filter((p) => p.name === name);
    if (mine.length === 1 && !deletedNames.has(name)) {
      const latest = await latestStored(db, name);
      if (latest && latest.sliceDigest === mine[0].sliceDigest) {
        drop.add(mine[0]);
        outcomes.push({ name, outcome: 'same-code', sameAs: latest.version, sentence: `Same code as v${latest.version}.` });
        continue;
      }
    }
    const version = Math.max(...mine.map((p) => p.version));
    outcomes.push({ name, outcome: 'new-version', version, sentence: `The slice changed: new version v${version}.` });
  }
  return { kept: pending.filter((p) => !drop.has(p)), outcomes };
}

/**
 * Re-derives the notebook's other artifacts (those the new version does not save by name) on
 * the new session, from `prep`. Returns the artifact versions to write and the outcomes. An
 * artifact whose latest version changed since `prep` was made is left for the next version.
 * Call inside the ingest transaction.
 */
export async function followOthers(
  db: ThreadlineDB,
  prep: FollowPrep,
  bases: ReadonlyMap<string, Artifact>,
  savedNames: ReadonlySet<string>,
  target: { sessionId: string; executionId: string; createdAt: number },
): Promise<{ artifacts: Artifact[]; outcomes: FollowOutcome[] }> {
  const artifacts: Artifact[] = [];
  const outcomes: FollowOutcome[] = [];
  for (const [name, base] of bases) {
    if (savedNames.has(name)) continue;
    const p = prep.get(name);
    if (!p || p.baseId !== base.id) continue;
    const r = p.resolution;
    if (p.kind === 'save') {
      const candidates = keptCandidates(r.status === 'found' ? [r.candidate] : r.candidates);
      outcomes.push({ name, outcome: 'not-found', candidates, sentence: `"${name}" was saved with lineapy.save in an earlier version; the latest version does not save it.` });
      continue;
    }
    if (r.status === 'not-found') {
      outcomes.push({ name, outcome: 'not-found', candidates: keptCandidates(r.candidates), sentence: r.sentence });
      continue;
    }
    const versions = await db.artifacts.where('[name+version]').between([name, Dexie.minKey], [name, Dexie.maxKey], true, true).toArray();
    const d = rederive(name, versions, p.sliceDigest ?? '');
    if (d.action === 'same') {
      outcomes.push({ name, outcome: 'same-code', sameAs: d.sameAs, sentence: d.sentence });
      continue;
    }
    artifacts.push({
      id: newId(),
      name,
      version: d.version,
      nodeId: r.nodeId,
      executionId: target.executionId,
      sessionId: target.sessionId,
      createdAt: target.createdAt,
      author: base.author,
      description: base.description,
      tags: base.tags,
      tagKeys: base.tagKeys,
      sliceDigest: p.sliceDigest ?? '',
      origin: 'named',
      ...(p.anchor ? { anchor: p.anchor } : {}),
    });
    outcomes.push({ name, outcome: 'new-version', version: d.version, sentence: d.sentence });
  }
  return { artifacts, outcomes };
}
