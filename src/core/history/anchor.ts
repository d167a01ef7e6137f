/**
 * Artifacts that follow the notebook. An artifact named in the UI points at a node id, which
 * does not survive a new version; its stable anchor is the variable name, the statement text
 * and the cell. `resolveAnchor` finds it in a new version: nodes bearing the variable name
 * first, then the statement most like the anchor's. Anything short of one clear winner is
 * "not found" with the candidates: an anchor is never silently re-pointed. `rederive` is the
 * version rule: a new artifact version only when the slice digest changed. Pure.
 */
import { NotFoundError } from '../errors';
import type { LineageNode, SessionGraph } from '../model';
import { similarity } from './text-diff';
import type { ArtifactRef } from './version';
import { normalizeStatement, versionText, type VersionText } from './version';

/** A statement at least this alike (token similarity) can stand for the anchor's. */
export const ANCHOR_MIN_SIMILARITY = 0.6;
/** The best similar candidate must beat the next one by this much. */
export const ANCHOR_MARGIN = 0.1;

export interface ArtifactAnchor {
  /** The variable the node is bound to ('' for an unnamed value). */
  variable: string;
  /** The whole top-level statement that made it, normalised. */
  statement: string;
  /** Which of the statement's nodes bearing the variable (by creation order), usually 0. */
  occurrence: number;
  /** The cell's index among all notebook cells, when a notebook. */
  cellIndex?: number;
}

export interface AnchorCandidate {
  nodeId: string;
  variable: string;
  statement: string;
  cellIndex?: number;
  similarity: number;
}

export type AnchorResolution =
  | { status: 'found'; nodeId: string; how: 'exact' | 'similar'; similarity: number; candidate: AnchorCandidate }
  | { status: 'not-found'; sentence: string; candidates: AnchorCandidate[] };

interface Site {
  statement: string;
  sourceCodeId: string;
  cellIndex?: number;
  /** Nodes of this statement bearing the variable, creation order. */
  nodes: LineageNode[];
}

/** Which nodes a site holds: those bearing the variable, or for '' the unnamed ones. */
const bearing = (variable: string) => (n: LineageNode) => (variable === '' ? n.names.length === 0 : n.names.includes(variable));
const anyName = (n: LineageNode) => n.names.length > 0;

/** Statements of a version, each with its nodes that pass `keep`, in creation order. */
function sites(graph: SessionGraph, keep: (n: LineageNode) => boolean, text: VersionText = versionText(graph)): Site[] {
  const byKey = new Map<string, Site>();
  for (const n of [...graph.nodes].sort((a, b) => a.seq - b.seq)) {
    if (!keep(n)) continue;
    const raw = text.statementOf(n);
    if (raw === undefined || !n.location) continue;
    const statement = normalizeStatement(raw);
    const key = `${n.location.sourceCodeId}\u0000${statement}`;
    let s = byKey.get(key);
    if (!s) {
      const cellIndex = text.code(n.location.sourceCodeId)?.cellIndex;
      byKey.set(key, (s = { statement, sourceCodeId: n.location.sourceCodeId, ...(cellIndex !== undefined ? { cellIndex } : {}), nodes: [] }));
    }
    s.nodes.push(n);
  }
  return [...byKey.values()];
}

/** The anchor of a node (NotFoundError for an unknown id). A node without a location has an empty statement and resolves by name only. */
export function anchorOf(graph: SessionGraph, nodeId: string): ArtifactAnchor {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node) throw new NotFoundError(`No node with id "${nodeId}" in this session.`);
  const variable = node.names[0] ?? '';
  const text = versionText(graph);
  const site = sites(graph, bearing(variable), text).find((s) => s.nodes.some((n) => n.id === nodeId));
  const cellIndex = node.location ? text.code(node.location.sourceCodeId)?.cellIndex : undefined;
  return {
    variable,
    statement: site?.statement ?? normalizeStatement(text.statementOf(node) ?? ''),
    occurrence: Math.max(0, site?.nodes.findIndex((n) => n.id === nodeId) ?? 0),
    ...(cellIndex !== undefined ? { cellIndex } : {}),
  };
}

function pick(site: Site, anchor: ArtifactAnchor): LineageNode {
  return site.nodes[Math.min(anchor.occurrence, site.nodes.length - 1)];
}

function candidateOf(site: Site, anchor: ArtifactAnchor, score: number): AnchorCandidate {
  const node = pick(site, anchor);
  return { nodeId: node.id, variable: anchor.variable || (node.names[0] ?? ''), statement: site.statement, ...(site.cellIndex !== undefined ? { cellIndex: site.cellIndex } : {}), similarity: score };
}

const cellDistance = (site: Site, anchor: ArtifactAnchor) => (site.cellIndex !== undefined && anchor.cellIndex !== undefined ? Math.abs(site.cellIndex - anchor.cellIndex) : 0);

/**
 * Resolves an anchor in a version: the statements that bind the variable; an exact statement
 * (the nearest cell when it occurs more than once, if that is one cell), else the most similar
 * statement when it is alike enough and clearly ahead. Otherwise not found, with candidates
 * (best first; when the name is gone, similar statements of other names, which may be a rename).
 */
export function resolveAnchor(anchor: ArtifactAnchor, graph: SessionGraph): AnchorResolution {
  const what = anchor.variable ? `"${anchor.variable}"` : 'The value';
  const named = sites(graph, bearing(anchor.variable));
  const scored = named.map((s) => ({ s, score: s.statement === anchor.statement ? 1 : similarity(anchor.statement, s.statement) }));
  scored.sort((a, b) => b.score - a.score || cellDistance(a.s, anchor) - cellDistance(b.s, anchor));
  const exact = scored.filter((x) => x.s.statement === anchor.statement);
  if (exact.length > 0) {
    const nearest = exact.filter((x) => cellDistance(x.s, anchor) === cellDistance(exact[0].s, anchor));
    if (nearest.length === 1) {
      const c = candidateOf(nearest[0].s, anchor, 1);
      return { status: 'found', nodeId: c.nodeId, how: 'exact', similarity: 1, candidate: c };
    }
    return {
      status: 'not-found',
      sentence: `${what} is made by the same statement in ${nearest.length} cells of the latest version; choose one.`,
      candidates: nearest.map((x) => candidateOf(x.s, anchor, 1)),
    };
  }
  const best = scored[0];
  const second = scored[1];
  if (best && best.score >= ANCHOR_MIN_SIMILARITY && (!second || best.score - second.score >= ANCHOR_MARGIN)) {
    const c = candidateOf(best.s, anchor, best.score);
    return { status: 'found', nodeId: c.nodeId, how: 'similar', similarity: best.score, candidate: c };
  }
  if (scored.length > 0) {
    return {
      status: 'not-found',
      sentence: `${what} is not found in the latest version: no statement that makes it is clearly the one it was (\`${anchor.statement.split('\n')[0]}\`).`,
      candidates: scored.slice(0, 5).map((x) => candidateOf(x.s, anchor, x.score)),
    };
  }
  // The name is gone: statements of any name that look like the anchor's (a rename, perhaps).
  const others = sites(graph, anyName)
    .map((s) => ({ s, score: similarity(anchor.statement, s.statement) }))
    .filter((x) => x.score >= ANCHOR_MIN_SIMILARITY)
    .sort((a, b) => b.score - a.score || cellDistance(a.s, anchor) - cellDistance(b.s, anchor))
    .slice(0, 5);
  return {
    status: 'not-found',
    sentence: `${what} is not found in the latest version: no statement binds it${others.length ? '; similar statements are listed' : ''}.`,
    candidates: others.map((x) => candidateOf(x.s, { ...anchor, variable: '', occurrence: 0 }, x.score)),
  };
}

export type RederiveDecision =
  | { action: 'same'; sameAs: number; sentence: string }
  | { action: 'new'; version: number; sentence: string };

/**
 * The version rule when an artifact is re-derived on a new notebook version: its slice digest
 * against the latest stored version of the name. Equal: nothing is created ("same code as vN").
 * Different (or no version yet): a new version, the highest + 1.
 */
export function rederive(name: string, stored: readonly ArtifactRef[], sliceDigest: string): RederiveDecision {
  const mine = stored.filter((a) => a.name === name);
  const latest = mine.reduce<ArtifactRef | undefined>((best, a) => (!best || a.version > best.version ? a : best), undefined);
  if (latest && latest.sliceDigest === sliceDigest) return { action: 'same', sameAs: latest.version, sentence: `Same code as v${latest.version}.` };
  const version = latest ? latest.version + 1 : 0;
  const earlier = mine.filter((a) => a.sliceDigest === sliceDigest).sort((a, b) => b.version - a.version)[0];
  const sentence = !latest
    ? `New artifact "${name}" (v0).`
    : `The slice changed since v${latest.version}: new version v${version}${earlier ? ` (same code as the older v${earlier.version})` : ''}.`;
  return { action: 'new', version, sentence };
}

/**
 * What became of one artifact when a new version of its notebook arrived: a new version (the
 * slice changed), the same code as an existing version (nothing created), or not found in the
 * new version (the candidates, best first; nothing created, nothing re-pointed).
 */
export interface FollowOutcome {
  name: string;
  outcome: 'new-version' | 'same-code' | 'not-found';
  /** new-version: the version created. */
  version?: number;
  /** same-code: the version whose code it is. */
  sameAs?: number;
  /** not-found: where it might be now (at most 5). */
  candidates?: AnchorCandidate[];
  /** One sentence for the UI. */
  sentence: string;
}

/** Candidate statements are cut to this many characters when stored with an outcome. */
const CANDIDATE_TEXT = 200;

/** Candidates as an outcome keeps them: at most 5, statements cut. */
export function keptCandidates(candidates: readonly AnchorCandidate[]): AnchorCandidate[] {
  return candidates.slice(0, 5).map((c) => (c.statement.length > CANDIDATE_TEXT ? { ...c, statement: `${c.statement.slice(0, CANDIDATE_TEXT)}…` } : c));
}

/** The ingest queue's short line for one outcome: "churn_model → v3 (slice changed)", "features: same code as v2", … */
export function followText(o: FollowOutcome): string {
  if (o.outcome === 'new-version') return `${o.name} → v${o.version} (slice changed)`;
  if (o.outcome === 'same-code') return `${o.name}: same code as v${o.sameAs}`;
  const names = [...new Set((o.candidates ?? []).map((c) => c.variable || c.statement.split('\n')[0]))].slice(0, 3);
  return `${o.name}: not found in the latest version${names.length ? ` (candidates: ${names.join(', ')})` : ''}`;
}
