import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../core/model';
import { bundleFileName, catalogRows, nextSort, parseTagsText, pruneSelection, sortCatalogRows, tagsToText } from './catalogModel';
import { joinedNames, pipelineInputs, type LoadedGraph } from './pipelineInputs';
import { parseArtifactFilter } from '../../store';
import { slugify } from '../../core/export/index';

function art(name: string, version: number, createdAt: number, extra: Partial<Artifact> = {}): Artifact {
  return {
    id: `${name}-${version}`,
    name,
    version,
    nodeId: `n-${name}`,
    executionId: 'e1',
    sessionId: 's1',
    createdAt,
    author: 'me',
    description: '',
    tags: [],
    tagKeys: [],
    sliceDigest: 'd',
    ...extra,
  };
}

const all = [art('model', 0, 10), art('model', 1, 30), art('features', 0, 20, { author: 'ada', sessionId: 's2' })];

describe('catalogRows', () => {
  it('keeps the newest matching version per name, with counts over the whole store', () => {
    const rows = catalogRows(all, all, 'latest');
    expect(rows.map((r) => [r.artifact.id, r.versionCount, r.latestVersion])).toEqual([
      ['model-1', 2, 1],
      ['features-0', 1, 0],
    ]);
  });
  it('lists every matching version in the versions view', () => {
    const rows = catalogRows([all[0]], all, 'versions');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ versionCount: 2, latestVersion: 1 });
  });
});

describe('sortCatalogRows', () => {
  const rows = catalogRows(all, all, 'versions');
  it('sorts newest first by default and by any column', () => {
    expect(sortCatalogRows(rows, { key: 'created', direction: 'desc' }).map((r) => r.artifact.id)).toEqual(['model-1', 'features-0', 'model-0']);
    expect(sortCatalogRows(rows, { key: 'name', direction: 'asc' }).map((r) => r.artifact.id)).toEqual(['features-0', 'model-1', 'model-0']);
    expect(sortCatalogRows(rows, { key: 'author', direction: 'asc' }).map((r) => r.artifact.author)).toEqual(['ada', 'me', 'me']);
    const bySession = sortCatalogRows(rows, { key: 'session', direction: 'desc' }, (id) => (id === 's2' ? 'b.ipynb' : 'a.ipynb'));
    expect(bySession[0].artifact.id).toBe('features-0');
  });
  it('flips the same column and starts a new one in its natural direction', () => {
    expect(nextSort({ key: 'name', direction: 'asc' }, 'name')).toEqual({ key: 'name', direction: 'desc' });
    expect(nextSort({ key: 'name', direction: 'asc' }, 'created')).toEqual({ key: 'created', direction: 'desc' });
    expect(nextSort({ key: 'created', direction: 'desc' }, 'author')).toEqual({ key: 'author', direction: 'asc' });
  });
});

describe('tags text', () => {
  it('parses key=value, bare keys, commas and lines, and drops blanks', () => {
    expect(parseTagsText('stage=prod, team = ml\n\nreviewed\nstage=dev')).toEqual([
      { key: 'stage', value: 'prod' },
      { key: 'team', value: 'ml' },
      { key: 'reviewed', value: '' },
      { key: 'stage', value: 'dev' },
    ]);
  });
  it('round-trips through text', () => {
    const tags = [{ key: 'a', value: 'x=y' }, { key: 'b', value: '' }];
    expect(parseTagsText(tagsToText(tags))).toEqual(tags);
  });
  it('gives the filter syntax the catalog uses when a tag is clicked', () => {
    expect(parseArtifactFilter('tag:stage=prod')).toEqual({ tag: { key: 'stage', value: 'prod' } });
  });
});

describe('selection and files', () => {
  it('drops selected ids that are no longer rows', () => {
    expect([...pruneSelection(new Set(['model-1', 'gone']), catalogRows(all, all, 'latest'))]).toEqual(['model-1']);
  });
  it('names the bundle file by date', () => {
    expect(bundleFileName(new Date(2026, 0, 5))).toBe('threadline-bundle-2026-01-05.json');
  });
});

describe('pipeline glue', () => {
  const graph: LoadedGraph = {
    session: { id: 's1', name: 'churn.ipynb' } as LoadedGraph['session'],
    sourceCodes: [],
    nodes: [],
  };
  it('defaults the name to the artifact names joined by _ and slugified', () => {
    expect(slugify(joinedNames([art('Churn Model', 0, 0), art('churn-metrics', 0, 0), art('Churn Model', 1, 0)]))).toBe('churn_model_churn_metrics');
  });
  it('builds one input per name, with its session graph; skips repeats and unknown sessions', () => {
    const { inputs, skipped } = pipelineInputs(
      [art('model', 1, 0), art('model', 0, 0), art('x', 0, 0, { sessionId: 'gone' })],
      new Map([['s1', graph]]),
    );
    expect(inputs).toEqual([{ name: 'model', nodeId: 'n-model', sessionId: 's1', sessionName: 'churn.ipynb', graph: { sourceCodes: [], nodes: [] } }]);
    expect(skipped.map((a) => a.id)).toEqual(['model-0', 'x-0']);
  });
});
