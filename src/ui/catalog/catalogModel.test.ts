import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../core/model';
import {
  bundleFileName,
  catalogRows,
  clampPage,
  nextSearchParams,
  nextSort,
  PAGE_SIZE,
  pageCount,
  pageRows,
  parsePage,
  parseTagsText,
  pruneSelection,
  rangeText,
  selectionState,
  setRowsSelected,
  sortCatalogRows,
  tagsToText,
} from './catalogModel';
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

/** Per-name version counts and latest versions, as the store's artifactNameStats answers for `artifacts`. */
function statsOf(artifacts: readonly Artifact[]): Map<string, { count: number; latest: number }> {
  const m = new Map<string, { count: number; latest: number }>();
  for (const a of artifacts) {
    const s = m.get(a.name);
    m.set(a.name, { count: (s?.count ?? 0) + 1, latest: Math.max(s?.latest ?? a.version, a.version) });
  }
  return m;
}

const all = [art('model', 0, 10), art('model', 1, 30), art('features', 0, 20, { author: 'ada', sessionId: 's2' })];

describe('catalogRows', () => {
  it('keeps the newest matching version per name, with counts over the whole store', () => {
    const rows = catalogRows(all, statsOf(all), 'latest');
    expect(rows.map((r) => [r.artifact.id, r.versionCount, r.latestVersion])).toEqual([
      ['model-1', 2, 1],
      ['features-0', 1, 0],
    ]);
  });
  it('lists every matching version in the versions view', () => {
    const rows = catalogRows([all[0]], statsOf(all), 'versions');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ versionCount: 2, latestVersion: 1 });
  });
});

describe('sortCatalogRows', () => {
  const rows = catalogRows(all, statsOf(all), 'versions');
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

describe('paging', () => {
  const numbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it('slices 50 rows a page and says which rows are shown', () => {
    expect(PAGE_SIZE).toBe(50);
    const p2 = pageRows(numbers(120), 2);
    expect(p2).toMatchObject({ page: 2, pageCount: 3, first: 51, last: 100, total: 120 });
    expect(p2.rows[0]).toBe(51);
    expect(p2.rows).toHaveLength(50);
    const p3 = pageRows(numbers(120), 3);
    expect(p3).toMatchObject({ first: 101, last: 120 });
    expect(p3.rows).toHaveLength(20);
  });

  it('counts pages: one for an empty list, exact multiples fill the last page', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(50)).toBe(1);
    expect(pageCount(51)).toBe(2);
    expect(pageCount(100)).toBe(2);
    expect(pageRows([], 1)).toEqual({ rows: [], page: 1, pageCount: 1, first: 0, last: 0, total: 0 });
  });

  it('clamps a page past the end (after deletes) back to the last page, and nonsense to page 1', () => {
    expect(clampPage(3, 101)).toBe(3);
    // The last row of page 3 was deleted: page 3 no longer exists.
    expect(clampPage(3, 100)).toBe(2);
    expect(pageRows(numbers(100), 3)).toMatchObject({ page: 2, first: 51, last: 100 });
    expect(clampPage(0, 100)).toBe(1);
    expect(clampPage(-4, 100)).toBe(1);
    expect(clampPage(Number.NaN, 100)).toBe(1);
    expect(clampPage(2.7, 200)).toBe(2);
    expect(clampPage(5, 0)).toBe(1);
  });

  it('reads ?page= leniently: anything but a positive whole number is page 1', () => {
    expect(parsePage('3')).toBe(3);
    expect(parsePage(' 12 ')).toBe(12);
    for (const bad of [null, undefined, '', '0', '-2', '1.5', 'two', '1e3', '99999999999999']) expect(parsePage(bad)).toBe(1);
  });

  it('says "x–y of N", or just N when everything fits on one page', () => {
    expect(rangeText(pageRows(numbers(2503), 1), 'name')).toBe('1–50 of 2,503 names');
    expect(rangeText(pageRows(numbers(2503), 51), 'name')).toBe('2,501–2,503 of 2,503 names');
    expect(rangeText(pageRows(numbers(3), 1), 'name')).toBe('3 names');
    expect(rangeText(pageRows(numbers(1), 1), 'session')).toBe('1 session');
    expect(rangeText(pageRows([], 1), 'version')).toBe('0 versions');
  });

  it('keeps the page in the URL, drops it for page 1, and a new filter, view or sort goes back to page 1', () => {
    const at = (s: string) => new URLSearchParams(s);
    expect(nextSearchParams(at('q=model&sort=name:asc'), 'page', 3).toString()).toBe('q=model&sort=name%3Aasc&page=3');
    expect(nextSearchParams(at('q=model&page=3'), 'page', 1).toString()).toBe('q=model');
    expect(nextSearchParams(at('q=model&page=3'), 'q', 'model_v').toString()).toBe('q=model_v');
    expect(nextSearchParams(at('q=model&page=3'), 'q', '').toString()).toBe('');
    expect(nextSearchParams(at('page=3'), 'view', 'versions').toString()).toBe('view=versions');
    expect(nextSearchParams(at('page=3&sort=name:asc'), 'sort', 'name:desc').toString()).toBe('sort=name%3Adesc');
    // Setting the same value again is no change: the page stays.
    expect(nextSearchParams(at('view=versions&page=3'), 'view', 'versions').toString()).toBe('view=versions&page=3');
    expect(nextSearchParams(at('page=3'), 'view', undefined).toString()).toBe('page=3');
  });
});

describe('selection across pages', () => {
  const rows = catalogRows(
    Array.from({ length: 120 }, (_, i) => art(`a${i}`, 0, i)),
    statsOf(Array.from({ length: 120 }, (_, i) => art(`a${i}`, 0, i))),
    'latest',
  );
  const page1 = pageRows(rows, 1).rows;
  const page2 = pageRows(rows, 2).rows;

  it('selects and clears one page without touching the selection on other pages', () => {
    const onPage2 = new Set([page2[0].artifact.id]);
    const both = setRowsSelected(onPage2, page1, true);
    expect(both.size).toBe(51);
    expect(selectionState(both, page1)).toBe('all');
    expect(selectionState(both, page2)).toBe('some');
    expect(selectionState(both, pageRows(rows, 3).rows)).toBe('none');
    expect([...setRowsSelected(both, page1, false)]).toEqual([page2[0].artifact.id]);
  });

  it('keeps selected rows on other pages, and drops rows that left the list', () => {
    const kept = pruneSelection(new Set([page1[0].artifact.id, page2[3].artifact.id, 'deleted']), rows);
    expect(kept).toEqual(new Set([page1[0].artifact.id, page2[3].artifact.id]));
  });

  it('an empty page has nothing selected', () => {
    expect(selectionState(new Set(['x']), [])).toBe('none');
  });
});

describe('tags text', () => {
  it('parses one tag per line (a comma belongs to the value), bare keys, and drops blanks', () => {
    expect(parseTagsText('stage=prod, team = ml\n\nreviewed\nstage=dev')).toEqual([
      { key: 'stage', value: 'prod, team = ml' },
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
    expect([...pruneSelection(new Set(['model-1', 'gone']), catalogRows(all, statsOf(all), 'latest'))]).toEqual(['model-1']);
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
