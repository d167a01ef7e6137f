import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors';
import { progressFraction, progressText, startBatch, summarizeBatch, type IngestItem } from './ingestBatch';
import type { IngestProgressEvent } from './ingestFile';

type FakeFile = { name: string; fail?: string };
const files = (...names: string[]): FakeFile[] => names.map((name) => ({ name, ...(name.startsWith('bad') ? { fail: `${name} is not a valid notebook.` } : {}) }));

/** An ingest that refuses files named bad*, and records the order it was called in. */
function fakeIngest(order: string[]) {
  return async (file: FakeFile, _signal: AbortSignal, onProgress: (p: IngestProgressEvent) => void) => {
    order.push(file.name);
    onProgress({ phase: 'analysing', done: 1, total: 2 });
    await Promise.resolve();
    if (file.fail) throw new InputError(file.fail);
    return { id: `id-${file.name}`, name: file.name };
  };
}

const item = (name: string, state: IngestItem['state']): IngestItem => ({ key: name, name, state });

describe('startBatch', () => {
  it('four files with the second broken: the other three are added, in order, and none is dropped', async () => {
    const order: string[] = [];
    const added: string[] = [];
    const batch = startBatch(files('a.py', 'bad.ipynb', 'c.py', 'd.ipynb'), { ingest: fakeIngest(order), onChange: () => {}, onAdded: (id) => added.push(id) });
    const items = await batch.done;
    expect(order).toEqual(['a.py', 'bad.ipynb', 'c.py', 'd.ipynb']);
    expect(items.map((i) => i.state.status)).toEqual(['added', 'refused', 'added', 'added']);
    expect(added).toEqual(['id-a.py', 'id-c.py', 'id-d.ipynb']);
    expect(summarizeBatch(items)).toBe('3 added, 1 refused: bad.ipynb — bad.ipynb is not a valid notebook.');
  });

  it('a file identical to its notebook\'s latest version is reported as unchanged, not as added', async () => {
    const batch = startBatch(files('a.py', 'same.py'), {
      ingest: async (file) => ({ id: `id-${file.name}`, name: file.name, ...(file.name.startsWith('same') ? { unchanged: true } : {}) }),
      onChange: () => {},
    });
    const items = await batch.done;
    expect(items.map((i) => i.state)).toEqual([
      { status: 'added', sessionId: 'id-a.py', sessionName: 'a.py' },
      { status: 'added', sessionId: 'id-same.py', sessionName: 'same.py', unchanged: true },
    ]);
    expect(summarizeBatch(items)).toBe('1 added, 1 unchanged (already stored).');
  });

  it('a new version of a notebook carries how its artifacts followed; none when there is nothing to say', async () => {
    const followed = [{ name: 'churn_model', outcome: 'same-code' as const, sameAs: 2, sentence: 'Same code as v2.' }];
    const batch = startBatch(files('v2.ipynb', 'first.ipynb'), {
      ingest: async (file) => ({ id: `id-${file.name}`, name: file.name, followed: file.name === 'v2.ipynb' ? followed : [] }),
      onChange: () => {},
    });
    const items = await batch.done;
    expect(items.map((i) => i.state)).toEqual([
      { status: 'added', sessionId: 'id-v2.ipynb', sessionName: 'v2.ipynb', followed },
      { status: 'added', sessionId: 'id-first.ipynb', sessionName: 'first.ipynb' },
    ]);
  });

  it('cancelling a waiting file skips it; cancelling the running one stops only that one', async () => {
    const order: string[] = [];
    let release!: () => void;
    const batch = startBatch(files('slow.py', 'b.py', 'c.py'), {
      ingest: (file, signal, onProgress) => {
        order.push(file.name);
        if (file.name !== 'slow.py') return Promise.resolve({ id: file.name, name: file.name });
        onProgress({ phase: 'analysing' });
        return new Promise((_resolve, reject) => {
          release = () => reject(new Error('terminated'));
          signal.addEventListener('abort', () => release());
        });
      },
      onChange: () => {},
    });
    await Promise.resolve();
    expect(batch.items.map((i) => i.state.status)).toEqual(['running', 'waiting', 'waiting']);
    batch.cancel(batch.items[1]!.key);
    expect(batch.items[1]!.state.status).toBe('cancelled');
    batch.cancel(batch.items[0]!.key);
    const items = await batch.done;
    expect(order).toEqual(['slow.py', 'c.py']);
    expect(items.map((i) => i.state.status)).toEqual(['cancelled', 'cancelled', 'added']);
    expect(summarizeBatch(items)).toBe('1 added, 2 cancelled: slow.py, b.py.');
  });

  it('a cancel during saving that came after the commit reports the file as added', async () => {
    const batch = startBatch(files('late.py'), {
      ingest: (_file, signal, onProgress) => {
        onProgress({ phase: 'saving', sessionId: 'S1' });
        return new Promise((_r, reject) => signal.addEventListener('abort', () => reject(new Error('terminated'))));
      },
      onChange: () => {},
      wasSaved: async (id) => id === 'S1',
    });
    await Promise.resolve();
    batch.cancel(batch.items[0]!.key);
    expect((await batch.done)[0]!.state).toEqual({ status: 'added', sessionId: 'S1', sessionName: 'late.py' });
  });

  it('a progress message that arrives after the file settled does not bring it back to running', async () => {
    // Comlink sends progress on its own MessageChannel, so it can overtake the result.
    let late!: (p: IngestProgressEvent) => void;
    const batch = startBatch(files('a.py', 'b.py'), {
      ingest: async (file, _signal, onProgress) => {
        late = onProgress;
        return { id: file.name, name: file.name };
      },
      onChange: () => {},
    });
    const items = await batch.done;
    late({ phase: 'saving', sessionId: 'b.py' });
    expect(batch.items.map((i) => i.state.status)).toEqual(['added', 'added']);
    expect(summarizeBatch(batch.items)).toBe('2 added.');
    expect(items).toEqual(batch.items);
  });
});

describe('summarizeBatch', () => {
  it('is undefined while a file is pending', () => {
    expect(summarizeBatch([item('a.py', { status: 'added', sessionId: '1', sessionName: 'a.py' }), item('b.py', { status: 'waiting' })])).toBeUndefined();
    expect(summarizeBatch([])).toBeUndefined();
  });

  it('names every refused and cancelled file', () => {
    expect(
      summarizeBatch([
        item('a.py', { status: 'refused', reason: 'a.py is empty' }),
        item('b.py', { status: 'refused', reason: 'b.py is binary.' }),
        item('c.py', { status: 'cancelled' }),
      ]),
    ).toBe('0 added, 2 refused, 1 cancelled: a.py — a.py is empty. b.py — b.py is binary. Cancelled: c.py.');
    expect(summarizeBatch([item('a.py', { status: 'added', sessionId: '1', sessionName: 'a.py' })])).toBe('1 added.');
  });
});

describe('progressText', () => {
  it('says the phase, and N of M when the analyser reports counts', () => {
    expect(progressText('a.py', { phase: 'reading' })).toBe('Reading a.py…');
    expect(progressText('a.py', { phase: 'analysing' })).toBe('Analysing a.py…');
    expect(progressText('a.py', { phase: 'analysing', done: 1200, total: 5000 })).toBe('Analysing a.py: 1,200 of 5,000');
    expect(progressText('a.py', { phase: 'saving', sessionId: 'x' })).toBe('Saving a.py…');
    expect(progressText('a.py', { phase: 'saving', sessionId: 'x', nodes: 449_998 })).toBe('Saving a.py (449,998 nodes)…');
    expect(progressFraction({ phase: 'analysing', done: 1, total: 4 })).toBe(0.25);
    expect(progressFraction({ phase: 'analysing' })).toBeUndefined();
  });
});
