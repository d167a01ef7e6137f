/**
 * Artifacts (docs/DESIGN.md "Artifacts and versions"): naming with race-safe version numbers (a
 * named artifact keeps its anchor, to follow new notebook versions), reading, querying,
 * editing and deleting.
 */
import Dexie from 'dexie';
import { ConflictError, InputError, NotFoundError } from '../core/errors';
import { newId } from '../core/digest';
import { closestNames, resolveArtifactName, validateArtifactName } from '../core/names';
import { normaliseTags } from '../core/tags';
import type { Artifact, ArtifactTag } from '../core/model';
import type { NameStats } from '../core/catalog';
import { tagKeysOf, type ThreadlineDB } from './db';
import { anchorInStore } from './follow-artifacts';
import { staticExecutionOf } from './sessions';
import { isConstraintError, toStorageError } from './storage-errors';
import { MAX_NAMING_ATTEMPTS, jitter, maxVersionOf, storedNames } from './versions';

export interface NameArtifactInput {
  name: string;
  nodeId: string;
  sessionId: string;
  /** Defaults to the session's static (ingest) execution. */
  executionId?: string;
  sliceDigest: string;
  author: string;
  description?: string;
  tags?: ArtifactTag[];
}

export interface ArtifactQuery {
  /** Name substring (case-insensitive), or a prefix of the artifact id or slice digest. */
  text?: string;
  tag?: { key: string; value?: string };
  sessionId?: string;
  author?: string;
  /** createdAt ≥ from (epoch ms). */
  from?: number;
  /** createdAt ≤ to (epoch ms). */
  to?: number;
  offset?: number;
  limit?: number;
}

export { normaliseTags } from '../core/tags';

function newestFirst(a: Artifact, b: Artifact): number {
  return b.createdAt - a.createdAt || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || b.version - a.version;
}

/**
 * The version the next naming of `name` would get: 0 for a new name, otherwise max + 1.
 * Throws ArtifactNameError like {@link nameArtifact} would (including `looks-like`).
 */
export async function nextVersion(db: ThreadlineDB, name: string): Promise<number> {
  try {
    return await db.transaction('r', db.artifacts, async () => {
      const resolved = resolveArtifactName(name, await distinctNames(db));
      return (await maxVersionOf(db, resolved)) + 1;
    });
  } catch (e) {
    throw toStorageError(e, 'read the artifact versions');
  }
}

/**
 * Names a node: writes `name` with version max + 1 (0 for a new name) across all
 * sessions. The name is NFC-normalised and checked against the stored names
 * ({@link resolveArtifactName}): a look-alike of an existing name is refused with
 * ArtifactNameError `looks-like`. Read-write transactions over `artifacts` run one after
 * another, so two tabs cannot create two look-alikes at once. Re-naming the same node still bumps the version. Runs in a read-write
 * transaction; if another tab wins the race for the same [name+version] (ConstraintError
 * from the unique index), it retries with the new max — it never fails or duplicates.
 */
export async function nameArtifact(
  db: ThreadlineDB,
  input: NameArtifactInput,
  opts: { maxAttempts?: number } = {},
): Promise<Artifact> {
  let name = validateArtifactName(input.name);
  const tags = normaliseTags(input.tags);
  if (typeof input.sliceDigest !== 'string') throw new InputError('The slice digest is missing.', 'sliceDigest');
  const author = (input.author ?? '').trim() || 'me';
  const description = (input.description ?? '').trim();
  const maxAttempts = opts.maxAttempts ?? MAX_NAMING_ATTEMPTS;

  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction('rw', [db.artifacts, db.nodes, db.sessions, db.executions, db.sourceCodes], async () => {
        const node = await db.nodes.get(input.nodeId);
        if (!node) throw new NotFoundError('The node to name no longer exists. Its session may have been deleted.');
        if (node.sessionId !== input.sessionId) throw new InputError('The node does not belong to this session.', 'nodeId');
        let executionId = input.executionId;
        if (executionId === undefined) {
          const execution = await staticExecutionOf(db, input.sessionId);
          if (!execution) throw new NotFoundError('This session has no recorded execution, so the artifact cannot be pinned.');
          executionId = execution.id;
        } else {
          const execution = await db.executions.get(executionId);
          if (!execution || execution.sessionId !== input.sessionId) {
            throw new NotFoundError('The execution to pin the artifact to does not exist in this session.');
          }
        }
        name = resolveArtifactName(name, await distinctNames(db));
        // The stable anchor, so the artifact can follow new versions of its notebook.
        const anchor = await anchorInStore(db, node);
        const artifact: Artifact = {
          id: newId(),
          name,
          version: (await maxVersionOf(db, name)) + 1,
          nodeId: input.nodeId,
          executionId,
          sessionId: input.sessionId,
          createdAt: Date.now(),
          author,
          description,
          tags,
          tagKeys: tagKeysOf(tags),
          sliceDigest: input.sliceDigest,
          origin: 'named',
          anchor,
        };
        await db.artifacts.add(artifact);
        return artifact;
      });
    } catch (e) {
      if (isConstraintError(e)) {
        if (attempt + 1 < maxAttempts) {
          await jitter(attempt);
          continue;
        }
        throw new ConflictError(
          `Another tab kept naming "${name}" at the same moment, so no version was saved after ${maxAttempts} tries. Try again.`,
        );
      }
      throw toStorageError(e, `name the artifact "${name}"`);
    }
  }
}

const distinctNames = storedNames;

/** Every version of the stored name `name`, or of the stored name NFC-equal to it, lowest first. */
async function versionsOf(db: ThreadlineDB, name: string): Promise<Artifact[]> {
  const exact = (n: string) =>
    db.artifacts.where('[name+version]').between([n, Dexie.minKey], [n, Dexie.maxKey], true, true).toArray();
  const found = await exact(name);
  if (found.length > 0) return found;
  const nfc = name.normalize('NFC');
  const twin = (await distinctNames(db)).find((n) => n !== name && n.normalize('NFC') === nfc);
  return twin === undefined ? [] : exact(twin);
}

/** `name` at `version`, or its latest version. NotFoundError suggests the closest names. */
export async function getArtifact(db: ThreadlineDB, name: string, version?: number): Promise<Artifact> {
  const clean = name.trim();
  let found: Artifact | undefined;
  let versions: number[] = [];
  let names: string[] = [];
  try {
    await db.transaction('r', db.artifacts, async () => {
      const all = await versionsOf(db, clean);
      versions = all.map((a) => a.version);
      found = version === undefined ? all[all.length - 1] : all.find((a) => a.version === version);
      if (!found && all.length === 0) names = await distinctNames(db);
    });
  } catch (e) {
    throw toStorageError(e, 'read the artifact');
  }
  if (found) return found;
  if (versions.length > 0) {
    throw new NotFoundError(
      `"${clean}" has no version ${version}. Its versions are ${versions.join(', ')}.`,
      [clean],
    );
  }
  const suggestions = closestNames(clean, names);
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : '';
  throw new NotFoundError(`There is no artifact named "${clean}".${hint}`, suggestions);
}

function matches(a: Artifact, q: ArtifactQuery, text: string): boolean {
  if (q.sessionId !== undefined && a.sessionId !== q.sessionId) return false;
  if (q.author !== undefined && a.author !== q.author) return false;
  if (q.from !== undefined && a.createdAt < q.from) return false;
  if (q.to !== undefined && a.createdAt > q.to) return false;
  if (q.tag) {
    const { key, value } = q.tag;
    if (!a.tags.some((t) => t.key === key && (value === undefined || t.value === value))) return false;
  }
  if (text) {
    const hit =
      a.name.toLowerCase().includes(text) || a.id.toLowerCase().startsWith(text) || a.sliceDigest.toLowerCase().startsWith(text);
    if (!hit) return false;
  }
  return true;
}

/**
 * The artifacts that match `q`'s filters (offset/limit ignored), in no particular order. Narrows
 * with the most selective index available, then filters the rest in memory. `wholeTable` tells
 * that every artifact was read (no index narrowed), so the caller may derive table-wide facts.
 */
export async function filterArtifacts(db: ThreadlineDB, q: ArtifactQuery): Promise<{ rows: Artifact[]; wholeTable: Artifact[] | undefined }> {
  let candidates: Artifact[];
  let wholeTable: Artifact[] | undefined;
  if (q.sessionId !== undefined) candidates = await db.artifacts.where('sessionId').equals(q.sessionId).toArray();
  else if (q.tag) candidates = await db.artifacts.where('tagKeys').equals(q.tag.key).toArray();
  else if (q.from !== undefined || q.to !== undefined) {
    candidates = await db.artifacts
      .where('createdAt')
      .between(q.from ?? -Infinity, q.to ?? Infinity, true, true)
      .toArray();
  } else candidates = wholeTable = await db.artifacts.toArray();
  const text = (q.text ?? '').trim().toLowerCase();
  return { rows: candidates.filter((a) => matches(a, q, text)), wholeTable };
}

async function queryArtifacts(db: ThreadlineDB, q: ArtifactQuery): Promise<Artifact[]> {
  return (await filterArtifacts(db, q)).rows.sort(newestFirst);
}

/** True when `q` filters nothing (offset/limit aside): the whole table in createdAt order. */
export function unfiltered(q: ArtifactQuery): boolean {
  return q.sessionId === undefined && !q.tag && q.from === undefined && q.to === undefined && q.author === undefined && (q.text ?? '').trim() === '';
}

/**
 * One page of the whole table, newest first, over the createdAt index: the page's slots are
 * read as index keys only, then only the rows in that createdAt range are loaded. Rows that
 * share a createdAt are ordered like {@link newestFirst}, also across the page boundary.
 */
async function unfilteredPage(db: ThreadlineDB, offset: number, limit: number): Promise<Artifact[]> {
  if (limit <= 0) return [];
  return db.transaction('r', db.artifacts, async () => {
    const slots = (await db.artifacts.orderBy('createdAt').reverse().offset(offset).limit(limit).keys()) as number[];
    if (slots.length === 0) return [];
    const hi = slots[0];
    const lo = slots[slots.length - 1];
    const newer = await db.artifacts.where('createdAt').above(hi).count();
    const range = (await db.artifacts.where('createdAt').between(lo, hi, true, true).toArray()).sort(newestFirst);
    const start = offset - newer;
    return range.slice(start, start + limit);
  });
}

/** Artifacts matching `query`, newest first, paged with offset/limit. */
export async function listArtifacts(db: ThreadlineDB, query: ArtifactQuery = {}): Promise<Artifact[]> {
  try {
    const offset = Math.max(0, query.offset ?? 0);
    if (unfiltered(query) && query.limit !== undefined) return await unfilteredPage(db, offset, Math.max(0, query.limit));
    const all = await queryArtifacts(db, query);
    return query.limit === undefined ? all.slice(offset) : all.slice(offset, offset + Math.max(0, query.limit));
  } catch (e) {
    throw toStorageError(e, 'read the artifacts');
  }
}

/** How many artifacts match `query` (ignoring offset/limit), for paging. The whole table is counted without reading rows. */
export async function countArtifacts(db: ThreadlineDB, query: ArtifactQuery = {}): Promise<number> {
  try {
    if (unfiltered(query)) return await db.artifacts.count();
    return (await queryArtifacts(db, query)).length;
  } catch (e) {
    throw toStorageError(e, 'count the artifacts');
  }
}

export type { NameStats } from '../core/catalog';

/**
 * Version count and latest version of every name, from the [name+version] index keys alone
 * (no artifact is loaded). Names come out in index (code-unit) order.
 */
export async function artifactNameStats(db: ThreadlineDB): Promise<Map<string, NameStats>> {
  try {
    return statsOfPairs((await db.artifacts.orderBy('[name+version]').keys()) as unknown as [string, number][]);
  } catch (e) {
    throw toStorageError(e, 'count the artifact versions');
  }
}

/** Name stats from `[name, version]` pairs in ascending index order (the last pair of a name holds its highest version). */
export function statsOfPairs(pairs: Iterable<readonly [string, number]>): Map<string, NameStats> {
  const stats = new Map<string, NameStats>();
  for (const [name, version] of pairs) {
    const s = stats.get(name);
    if (s) {
      s.count += 1;
      s.latest = Math.max(s.latest, version);
    } else stats.set(name, { count: 1, latest: version });
  }
  return stats;
}

/** Every artifact id (primary keys only, no rows loaded), e.g. for shortest unique prefixes. */
export async function artifactIds(db: ThreadlineDB): Promise<string[]> {
  try {
    return (await db.artifacts.toCollection().primaryKeys()) as string[];
  } catch (e) {
    throw toStorageError(e, 'read the artifact ids');
  }
}

/** Every version of `name`, newest (highest version) first. Empty when the name is unknown. */
export async function listArtifactVersions(db: ThreadlineDB, name: string): Promise<Artifact[]> {
  const clean = name.trim();
  try {
    const all = await db.transaction('r', db.artifacts, () => versionsOf(db, clean));
    return all.reverse();
  } catch (e) {
    throw toStorageError(e, 'read the artifact versions');
  }
}

/** Edits description and/or tags. Name, version, node, session and createdAt never change. */
export async function updateArtifact(
  db: ThreadlineDB,
  id: string,
  patch: { description?: string; tags?: ArtifactTag[] },
): Promise<Artifact> {
  const changes: Partial<Artifact> = {};
  if (patch.description !== undefined) {
    if (typeof patch.description !== 'string') throw new InputError('The description must be text.', 'description');
    changes.description = patch.description.trim();
  }
  if (patch.tags !== undefined) {
    const tags = normaliseTags(patch.tags);
    changes.tags = tags;
    changes.tagKeys = tagKeysOf(tags);
  }
  try {
    return await db.transaction('rw', db.artifacts, async () => {
      const current = await db.artifacts.get(id);
      if (!current) throw new NotFoundError(`There is no artifact with id ${id}. It may have been deleted.`);
      const updated: Artifact = { ...current, ...changes };
      await db.artifacts.put(updated);
      return updated;
    });
  } catch (e) {
    throw toStorageError(e, 'save the artifact');
  }
}

/**
 * Deletes the given artifacts, and the node values recorded by runs that they pinned and no
 * remaining artifact uses. Values of the static execution are the notebook's own stored cell
 * outputs: they belong to the session and stay, as do sessions and their graphs.
 * Call inside a rw transaction over artifacts, executions and nodeValues.
 */
async function deleteArtifactsInTx(db: ThreadlineDB, doomed: Artifact[]): Promise<void> {
  await db.artifacts.bulkDelete(doomed.map((a) => a.id));
  const doomedIds = new Set(doomed.map((a) => a.id));
  for (const a of doomed) {
    const others = await db.artifacts
      .where('nodeId')
      .equals(a.nodeId)
      .filter((o) => !doomedIds.has(o.id) && o.executionId === a.executionId)
      .count();
    if (others > 0) continue;
    const execution = await db.executions.get(a.executionId);
    if (execution?.mode === 'static') continue;
    await db.nodeValues.delete([a.nodeId, a.executionId]);
  }
}

async function deleteWhere(
  db: ThreadlineDB,
  name: string,
  pick: (versions: Artifact[]) => Artifact[],
  missing: (versions: Artifact[]) => string,
): Promise<Artifact[]> {
  const clean = name.trim();
  let names: string[] = [];
  let failure: string | undefined;
  let deleted: Artifact[] = [];
  try {
    await db.transaction('rw', [db.artifacts, db.executions, db.nodeValues], async () => {
      const versions = await db.artifacts
        .where('[name+version]')
        .between([clean, Dexie.minKey], [clean, Dexie.maxKey], true, true)
        .toArray();
      deleted = versions.length > 0 ? pick(versions) : [];
      if (deleted.length === 0) {
        failure = missing(versions);
        if (versions.length === 0) names = await distinctNames(db);
        return;
      }
      await deleteArtifactsInTx(db, deleted);
    });
  } catch (e) {
    throw toStorageError(e, 'delete the artifact');
  }
  if (failure !== undefined) {
    const suggestions = names.length > 0 ? closestNames(clean, names) : [clean];
    throw new NotFoundError(failure, suggestions);
  }
  return deleted;
}

function unknownName(name: string) {
  return (versions: Artifact[]) =>
    versions.length === 0 ? `There is no artifact named "${name.trim()}".` : `"${name.trim()}" has no such version.`;
}

/** Deletes one version. Returns the deleted artifact. */
export async function deleteArtifactVersion(db: ThreadlineDB, name: string, version: number): Promise<Artifact> {
  const [deleted] = await deleteWhere(
    db,
    name,
    (vs) => vs.filter((a) => a.version === version),
    (vs) =>
      vs.length === 0
        ? `There is no artifact named "${name.trim()}".`
        : `"${name.trim()}" has no version ${version}. Its versions are ${vs.map((a) => a.version).join(', ')}.`,
  );
  return deleted;
}

/** Deletes every version of `name`. Returns how many were deleted. */
export async function deleteAllArtifactVersions(db: ThreadlineDB, name: string): Promise<number> {
  return (await deleteWhere(db, name, (vs) => vs, unknownName(name))).length;
}

/** The latest other version of the same name with the same slice digest ("same code as vN"). */
export async function sameCodeAs(db: ThreadlineDB, artifact: Artifact): Promise<number | undefined> {
  const versions = await listArtifactVersions(db, artifact.name);
  return versions.find((a) => a.version !== artifact.version && a.sliceDigest === artifact.sliceDigest)?.version;
}
