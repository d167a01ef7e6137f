/**
 * Words for variable versions (src/core/versions.ts): the "latest" / "earlier: …" labels
 * of search hits, and the check the name dialog runs before naming an earlier version.
 * Pure functions, unit-tested in versions.test.ts and view.test.ts (search).
 */
import type { Binding, SessionGraph, SourceCode } from '../model';
import { splitLines } from '../slice';
import { buildVersionIndex, laterVersions, type VariableVersion, type VersionIndex, type VersionStatus } from '../versions';
import { statementLabel, whereLabel } from './view';

export interface Versions {
  index: VersionIndex;
  /** `line 12`, or `cell 3 · line 2` in a notebook. */
  place(v: VariableVersion): string;
  /** The code of a version's line(s), as one short line. */
  code(v: VariableVersion): string;
}

export function versionsOf(graph: SessionGraph, bindings: readonly Binding[]): Versions {
  const codes = new Map<string, SourceCode>(graph.sourceCodes.map((c) => [c.id, c]));
  const lines = new Map<string, string[]>();
  const linesOf = (c: SourceCode) => {
    let l = lines.get(c.id);
    if (!l) lines.set(c.id, (l = splitLines(c.code)));
    return l;
  };
  return {
    index: buildVersionIndex(graph, bindings),
    place: (v) => (v.location ? whereLabel(codes.get(v.location.sourceCodeId), v.location) : 'an unknown line'),
    code: (v) => {
      const c = v.location ? codes.get(v.location.sourceCodeId) : undefined;
      if (!c || !v.location) return '';
      return statementLabel(linesOf(c).slice(v.location.line - 1, v.location.endLine)).label;
    },
  };
}

/** `mutated at line 20` / `rebound at line 30`. */
export function changeText(versions: Versions, v: VariableVersion): string {
  return `${v.change === 'mutated' ? 'mutated' : 'rebound'} at ${versions.place(v)}`;
}

/** How many later changes a label lists before it says "… n more". */
const SHOWN_CHANGES = 2;

/**
 * The label of a search hit on a variable: `latest` for the value the name holds at the end,
 * else `earlier: line 12, later mutated at line 20`.
 */
export function versionLabel(versions: Versions, status: VersionStatus, where: string): string {
  if (status.isLatest) return 'latest';
  if (status.laterCount === 0) return status.latest ? 'earlier' : `not bound at the end`;
  // `mutated at line 5, line 8, rebound at line 13`: the verb once per run of the same change.
  const shown = laterVersions(status, SHOWN_CHANGES).map((v, i, all) => (i > 0 && all[i - 1].change === v.change ? versions.place(v) : changeText(versions, v)));
  const more = status.laterCount - shown.length;
  return `earlier${where ? `: ${where}` : ''}, later ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** What the name dialog says when the chosen node is not its variable's latest version. */
export interface LatestCheck {
  name: string;
  /** Where the checked node is (`line 9`; '' when unknown). */
  where: string;
  /** The changes after the chosen node: where, and the code. */
  changes: Array<{ where: string; code: string }>;
  /** Later changes not listed in `changes`. */
  moreChanges: number;
  latestId: string;
  latestWhere: string;
  latestCode: string;
}

/** How many later changes the dialog lists. */
const LISTED_CHANGES = 3;

/**
 * Undefined when the node is the latest version of one of its names (or carries no name
 * that is bound at the end); otherwise the first name that changes after it.
 */
export function latestCheck(versions: Versions, nodeId: string): LatestCheck | undefined {
  const statuses = versions.index.statusesOf(nodeId);
  if (statuses.length === 0 || statuses.some((s) => s.isLatest)) return undefined;
  const s = statuses.find((x) => x.latest !== undefined && x.laterCount > 0);
  if (!s || !s.latest) return undefined;
  const self = s.versions.find((v) => v.nodeId === nodeId);
  return {
    name: s.name,
    where: self ? versions.place(self) : '',
    changes: laterVersions(s, LISTED_CHANGES).map((v) => ({ where: versions.place(v), code: versions.code(v) })),
    moreChanges: Math.max(0, s.laterCount - LISTED_CHANGES),
    latestId: s.latest.nodeId,
    latestWhere: versions.place(s.latest),
    latestCode: versions.code(s.latest),
  };
}
