import { describe, expect, it } from 'vitest';
import { analyseCode } from '../analysis/testing';
import type { SessionGraph } from '../model';
import { searchView } from './search';
import { fullView, statementView } from './view';
import { latestCheck, versionsOf } from './versions';

const SCRIPT = `from sklearn.ensemble import RandomForestClassifier
features = load_features()
labels = load_labels()
model = RandomForestClassifier(n_estimators=50)
model.fit(features, labels)
scores = model.predict(features)
features = features.fillna(0)
model.fit(features, labels)
`;

function setup(code: string | string[] = SCRIPT) {
  const g = analyseCode(code);
  const graph: SessionGraph = { sourceCodes: g.out.sourceCodes, nodes: g.nodes };
  const nodesById = new Map(graph.nodes.map((n) => [n.id, n]));
  const versions = versionsOf(graph, g.out.bindings);
  return { g, graph, nodesById, versions };
}

describe('searchView and variable versions', () => {
  it('lists the latest version of a name first, labelled latest, then the earlier ones newest first', () => {
    const { g, graph, nodesById, versions } = setup();
    const view = statementView(graph);
    const hits = searchView(view, 'model', new Map(), nodesById, versions).filter((r) => r.why === 'variable');
    expect(hits.map((r) => r.label)).toEqual(['model.fit(features, labels)', 'model.fit(features, labels)', 'model = RandomForestClassifier(n_estimators=50)']);
    expect(hits[0].id).toBe(g.binding('model').id);
    expect(hits.map((r) => r.version?.text)).toEqual([
      'latest',
      'earlier: line 5, later mutated at line 8',
      'earlier: line 4, later mutated at line 5, line 8',
    ]);
    expect(hits.map((r) => r.version?.latest)).toEqual([true, false, false]);
  });

  it('says where a name is rebound, in the full view too', () => {
    const { graph, nodesById, versions } = setup();
    const hits = searchView(fullView(graph), 'features', new Map(), nodesById, versions).filter((r) => r.why === 'variable');
    expect(hits.map((r) => r.version?.text)).toEqual(['latest', 'earlier: line 2, later rebound at line 7']);
  });

  it('shortens a long list of changes and names cells in a notebook', () => {
    const { graph, nodesById, versions } = setup(['xs = []', 'xs.append(1)\nxs.append(2)', 'xs.append(3)']);
    const hits = searchView(statementView(graph), 'xs', new Map(), nodesById, versions);
    expect(hits[0].version?.text).toBe('latest');
    expect(hits[hits.length - 1].version?.text).toBe('earlier: cell 1 · line 1, later mutated at cell 2 · line 1, cell 2 · line 2 and 1 more');
  });

  it('keeps the view order for hits that are not variables, and the score order above all', () => {
    const { graph, nodesById, versions } = setup();
    const view = statementView(graph);
    const hits = searchView(view, 'mod', new Map(), nodesById, versions);
    // Prefix hits on `model` (score 80) come before code hits such as `scores = model.predict(…)` (40).
    expect(hits[0].version?.text).toBe('latest');
    const code = hits.filter((r) => r.why === 'code').map((r) => r.label);
    expect(code).toEqual(view.nodes.filter((n) => code.includes(n.label)).map((n) => n.label));
  });
});

describe('latestCheck', () => {
  it('warns about an earlier version, listing the changes after it, and is silent on the latest', () => {
    const { g, graph, versions } = setup();
    const first = statementView(graph).nodes.find((n) => n.label.startsWith('model = '))!;
    const check = latestCheck(versions, first.id)!;
    expect(check.name).toBe('model');
    expect(check.where).toBe('line 4');
    expect(check.changes).toEqual([
      { where: 'line 5', code: 'model.fit(features, labels)' },
      { where: 'line 8', code: 'model.fit(features, labels)' },
    ]);
    expect(check.moreChanges).toBe(0);
    expect(check.latestId).toBe(g.binding('model').id);
    expect(check.latestWhere).toBe('line 8');
    expect(latestCheck(versions, g.binding('model').id)).toBeUndefined();
    expect(latestCheck(versions, g.binding('scores').id)).toBeUndefined();
  });
});
