/** Grouping sessions by notebook: order, version numbers, identical re-drops and the name search. */
import { describe, expect, it } from 'vitest';
import type { Session } from '../../core/model';
import { notebookKeyOf } from '../../core/ingest';
import { filterGroups, groupSessions } from './sessionGroups';

function session(id: string, name: string, createdAt: number, digest = id): Session {
  return {
    id,
    name,
    kind: name.endsWith('.py') ? 'script' : 'notebook',
    createdAt,
    sourceDigest: digest,
    fileSize: 10,
    notebookKey: notebookKeyOf(name),
    stats: { cells: 1, nodes: 1, diagnostics: 0 },
    diagnostics: [],
    bindings: [],
  };
}

describe('groupSessions', () => {
  it('groups by notebook key, newest group and newest version first, numbered from the oldest', () => {
    const groups = groupSessions([
      session('a1', 'a.ipynb', 1),
      session('b1', 'b.py', 2),
      session('a2', 'data/A.ipynb', 3),
      session('a3', 'a.ipynb', 5),
    ]);
    expect(groups.map((g) => g.key)).toEqual(['a.ipynb', 'b.py']);
    expect(groups[0].versions.map((v) => [v.session.id, v.version])).toEqual([
      ['a3', 3],
      ['a2', 2],
      ['a1', 1],
    ]);
    expect(groups[0].latest.session.id).toBe('a3');
    expect(groups[1].versions).toHaveLength(1);
  });

  it('marks a re-drop of identical bytes with the version it repeats', () => {
    const [g] = groupSessions([session('x1', 'x.ipynb', 1, 'd1'), session('x2', 'x.ipynb', 2, 'd2'), session('x3', 'x.ipynb', 3, 'd1')]);
    expect(g.versions.map((v) => v.sameAs)).toEqual([1, undefined, undefined]);
  });

  it('numbers same-time sessions stably by id', () => {
    const one = groupSessions([session('q2', 'q.py', 7), session('q1', 'q.py', 7)]);
    const two = groupSessions([session('q1', 'q.py', 7), session('q2', 'q.py', 7)]);
    expect(one[0].versions.map((v) => v.session.id)).toEqual(['q2', 'q1']);
    expect(two[0].versions.map((v) => v.session.id)).toEqual(['q2', 'q1']);
  });
});

describe('filterGroups', () => {
  const groups = groupSessions([session('a', 'Sales_Report.ipynb', 1), session('b', 'prices.py', 2)]);
  it('keeps groups whose name contains the query, case-insensitive and trimmed', () => {
    expect(filterGroups(groups, '  sales ').map((g) => g.key)).toEqual(['sales_report.ipynb']);
    expect(filterGroups(groups, 'PRICE').map((g) => g.key)).toEqual(['prices.py']);
    expect(filterGroups(groups, 'nothing')).toEqual([]);
    expect(filterGroups(groups, '')).toHaveLength(2);
  });
});
