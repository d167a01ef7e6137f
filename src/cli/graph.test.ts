import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capture, scratchFiles } from './testing';
import { main } from './main';

const { dir, write } = scratchFiles('graph');

describe('threadline graph', () => {
  it('prints counts per kind, diagnostics and variables', async () => {
    const io = capture();
    const file = write('a.py', 'import numpy as np\nxs = [1]\nxs.append(2)\nn = np.mean(xs)\nreturn 1\n');
    expect(await main(['graph', file], io)).toBe(0);
    expect(io.stdout).toMatch(/a\.py: script, 1 code cell, \d+ nodes/);
    expect(io.stdout).toMatch(/Import\s+1/);
    expect(io.stdout).toMatch(/Mutate\s+1/);
    expect(io.stdout).toMatch(/top-level-return/);
    expect(io.stdout).toMatch(/variables \(3\):\n\s+np .*\n\s+xs\s+Mutate/);
  });
  it('--json prints the full graph', async () => {
    const io = capture();
    const file = write('b.ipynb', JSON.stringify({ nbformat: 4, metadata: {}, cells: [{ cell_type: 'code', source: 'x = 1', execution_count: 1, outputs: [] }] }));
    expect(await main(['graph', file, '--json'], io)).toBe(0);
    const data = JSON.parse(io.stdout) as { kind: string; nodes: unknown[]; bindings: Array<{ name: string }> };
    expect(data.kind).toBe('notebook');
    expect(data.nodes).toHaveLength(1);
    expect(data.bindings.map((b) => b.name)).toEqual(['x']);
  });
  it('invalid notebook JSON is an error on stderr with a non-zero exit', async () => {
    const io = capture();
    expect(await main(['graph', write('bad.ipynb', '{"cells": [')], io)).toBe(1);
    expect(io.stderr).toMatch(/not a valid notebook/);
    expect(io.stdout).toBe('');
  });
  it('a binary file is an error', async () => {
    const io = capture();
    expect(await main(['graph', write('bin.py', new Uint8Array([1, 0, 2]))], io)).toBe(1);
    expect(io.stderr).toMatch(/binary/);
  });
  it('a missing file is an error', async () => {
    const io = capture();
    expect(await main(['graph', join(dir, 'nope.py')], io)).toBe(1);
    expect(io.stderr).toMatch(/cannot read .*no such file/);
  });
  it('usage errors exit with 2', async () => {
    const io = capture();
    expect(await main(['graph'], io)).toBe(2);
    expect(await main(['graph', 'a.py', '--frob'], io)).toBe(2);
    expect(io.stderr).toMatch(/usage: threadline graph FILE/);
  });
});
