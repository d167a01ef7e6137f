import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capture, scratchFiles } from './testing';
import { run } from './slice';

const { dir, write: file } = scratchFiles('slice');

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const code = await run(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

const SCRIPT = `import lineapy
import math
a = [1, 2]
b = math.sqrt(16)
a.append(3)
lineapy.save(a, "my_list")
a.append(4)
c = b * 2
`;

describe('threadline slice', () => {
  const script = file('prog.py', SCRIPT);

  it('slices a lineapy.save artifact, pinned at the save', async () => {
    const r = await cli([script, '--artifact', 'my_list']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe('a = [1, 2]\na.append(3)\n');
  });

  it('keeps lineapy when asked', async () => {
    const r = await cli([script, '--artifact=my_list', '--keep-lineapy']);
    expect(r.out).toBe('import lineapy\na = [1, 2]\na.append(3)\nlineapy.save(a, "my_list")\n');
  });

  it('slices a variable at the end of the file, as JSON', async () => {
    const r = await cli([script, '--var', 'c', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { code: string; nodeIds: string[]; lines: Array<{ sourceCodeId: string; lines: number[] }> };
    expect(json.code).toBe('import math\nb = math.sqrt(16)\nc = b * 2\n');
    expect(json.lines.map((l) => l.lines)).toEqual([[2, 4, 8]]);
    expect(json.nodeIds.length).toBeGreaterThan(0);
  });

  it('lineapy.get slices with its save and no warning (issue 14.5)', async () => {
    const code = 'import lineapy\nx = 1\nlineapy.save(x, "x")\nres = lineapy.get("x")\ny = res.get_value() + 1\n';
    const gap = file('get.py', code);
    const r = await cli([gap, '--var', 'y']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toBe(code);
    const json = JSON.parse((await cli([gap, '--var', 'y', '--json'])).out) as { diagnostics: unknown[] };
    expect(json.diagnostics).toEqual([]);
  });

  it('a keyword argument after a comment slices without a warning (issue 14.4)', async () => {
    const code = 'weights = {0: 1.0, 1: 3.0}\ndef train(x, w=None):\n    return (x, w)\nresult = train(\n    5,\n    # the weights go here\n    w=weights)\n';
    const r = await cli([file('kw.py', code), '--var', 'result']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toBe(code);
  });

  it('slices a variable in a notebook', async () => {
    const nb = file(
      'nb.ipynb',
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [
          { cell_type: 'code', source: ['x = 1\n', 'y = 2'], metadata: {}, outputs: [], execution_count: 1 },
          { cell_type: 'markdown', source: ['# notes'], metadata: {} },
          { cell_type: 'code', source: ['z = x + 1'], metadata: {}, outputs: [], execution_count: 2 },
        ],
      }),
    );
    const r = await cli([nb, '--var', 'z']);
    expect(r.err).toBe('');
    expect(r.out).toBe('x = 1\nz = x + 1\n');
  });

  it('unknown names exit non-zero and suggest the closest names', async () => {
    const a = await cli([script, '--artifact', 'my_lst']);
    expect(a.code).not.toBe(0);
    expect(a.err).toContain('"my_list"');
    const v = await cli([script, '--var', 'bb']);
    expect(v.code).not.toBe(0);
    expect(v.err).toMatch(/No variable named "bb".*"b"/);
  });

  it('reports usage errors and missing files', async () => {
    expect((await cli([script])).code).toBe(2);
    expect((await cli([script, '--var', 'a', '--artifact', 'x'])).code).toBe(2);
    expect((await cli(['--var', 'a'])).code).toBe(2);
    const missing = await cli([join(dir, 'nope.py'), '--var', 'a']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no such file');
  });
});
