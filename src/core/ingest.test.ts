import { describe, expect, it } from 'vitest';
import { buildIngestPlan, notebookKeyOf, outputsToValue } from './ingest';
import { sha256Hex } from './digest';
import { sliceGraph } from './slice/index';

const enc = (s: string) => new TextEncoder().encode(s);

function notebook(cells: Array<{ source: string; outputs?: unknown[]; execution_count?: number | null; cell_type?: string }>): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { language_info: { name: 'python', version: '3.11.4' } },
    cells: cells.map((c) => ({ cell_type: c.cell_type ?? 'code', metadata: {}, source: c.source, ...(c.cell_type === 'markdown' ? {} : { outputs: c.outputs ?? [], execution_count: c.execution_count ?? null }) })),
  });
}

describe('buildIngestPlan', () => {
  it('builds one session, its source codes, nodes, one static execution and artifacts from lineapy.save', async () => {
    const text = notebook([
      { source: '# Title', cell_type: 'markdown' },
      { source: 'import lineapy\nxs = [3, 1, 2]\nys = sorted(xs)', execution_count: 1 },
      { source: 'zs = ys + [9]\nlineapy.save(zs, "zs_art")\nzs', execution_count: 2, outputs: [{ output_type: 'execute_result', execution_count: 2, metadata: {}, data: { 'text/plain': '[1, 2, 3, 9]' } }] },
    ]);
    const plan = await buildIngestPlan('My Notebook.ipynb', enc(text));
    expect(plan.session).toMatchObject({ name: 'My Notebook.ipynb', kind: 'notebook', notebookKey: 'my notebook.ipynb', fileSize: enc(text).byteLength });
    expect(plan.session.sourceDigest).toBe(await sha256Hex(enc(text)));
    expect(plan.session.stats).toEqual({ cells: 3, nodes: plan.nodes.length, diagnostics: plan.session.diagnostics.length, untrustedOutputs: 0 });
    expect(plan.sourceCodes).toHaveLength(2);
    expect(plan.nodes.every((n) => n.sessionId === plan.session.id)).toBe(true);
    expect(plan.execution).toMatchObject({ sessionId: plan.session.id, mode: 'static', status: 'ok' });
    expect(plan.artifacts.map((a) => a.name)).toEqual(['zs_art']);
    const slice = sliceGraph(plan, [plan.artifacts[0].nodeId]);
    expect(slice.code).toBe('xs = [3, 1, 2]\nys = sorted(xs)\nzs = ys + [9]\n');
    expect(plan.artifacts[0].sliceDigest).toBe(await sha256Hex(slice.code));
    expect(plan.nodeValues).toHaveLength(1);
    expect(plan.nodeValues[0]).toMatchObject({ executionId: plan.execution.id, value: '[1, 2, 3, 9]', mime: 'text/plain', valueType: 'value' });
    expect(plan.session.bindings.map((b) => b.name)).toEqual(expect.arrayContaining(['xs', 'ys', 'zs']));
  });

  it('scripts are one session with kind "script"', async () => {
    const plan = await buildIngestPlan('train.py', enc('a = 1\nb = a + 2\n'));
    expect(plan.session.kind).toBe('script');
    expect(plan.session.stats.cells).toBe(1);
    expect(plan.artifacts).toEqual([]);
  });
});

describe('outputsToValue', () => {
  it('prefers an image, as a chart', () => {
    expect(outputsToValue([{ outputType: 'display_data', data: { 'image/png': 'iVBOR\nw0K', 'text/plain': '<Figure>' } }], 1000)).toEqual({ value: 'iVBORw0K', mime: 'image/png', valueType: 'chart' });
  });
  it('keeps HTML as text, marks tables as datasets, and never drops streams', () => {
    const v = outputsToValue([
      { outputType: 'stream', data: { 'text/plain': 'loading\n' } },
      { outputType: 'execute_result', data: { 'text/html': '<table><tr><td>1</td></tr></table>' } },
    ], 1000);
    expect(v).toEqual({ value: 'loading\n\n<table><tr><td>1</td></tr></table>', mime: 'text/html', valueType: 'dataset' });
  });
  it('truncates long outputs and marks them', () => {
    const v = outputsToValue([{ outputType: 'stream', data: { 'text/plain': 'x'.repeat(50) } }], 10);
    expect(v?.truncated).toBe(true);
    expect(v?.value.startsWith('xxxxxxxxxx\n… [truncated: 50 characters in all]')).toBe(true);
  });
  it('returns nothing for outputs without text or images', () => {
    expect(outputsToValue([{ outputType: 'display_data', data: {} }], 10)).toBeUndefined();
  });
});

describe('notebookKeyOf', () => {
  it('groups by file name, whatever the folder or case', () => {
    expect(notebookKeyOf('a/b/Churn.ipynb')).toBe(notebookKeyOf('Churn.ipynb'.toLowerCase()));
  });
});

describe('notebook key option', () => {
  it('a followed file keeps its path within the folder as its notebook key', async () => {
    const bytes = new TextEncoder().encode('x = 1\n');
    expect((await buildIngestPlan('sub/a.py', bytes)).session.notebookKey).toBe('a.py');
    expect((await buildIngestPlan('sub/a.py', bytes, { notebookKey: 'sub/a.py' })).session.notebookKey).toBe('sub/a.py');
  });
});
