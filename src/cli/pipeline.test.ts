import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capture, scratchFiles } from './testing';
import { main } from './main';
import { run } from './pipeline';

const { dir, write: file } = scratchFiles('pipeline');

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const code = await run(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

const SCRIPT = `import lineapy
import json
nums = [3, 1, 2]
total = sum(nums)
lineapy.save(total, "total")
report = json.dumps({"total": total, "n": len(nums)})
lineapy.save(report, "report")
extra = 5
`;

describe('threadline pipeline', () => {
  const script = file('prog.py', SCRIPT);

  it('writes the module and requirements for the script framework', async () => {
    const out = join(dir, 'script-out');
    const r = await cli([script, '--artifact', 'total', '--artifact', 'report', '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['total_report_module.py', 'total_report_requirements.txt']);
    const module = readFileSync(join(out, 'total_report_module.py'), 'utf8');
    expect(module).toContain('def get_total():');
    expect(module).toContain('def get_report(total):');
    expect(module).toContain('def run_session_including_total():');
    expect(module).not.toContain('lineapy');
    expect(readFileSync(join(out, 'total_report_requirements.txt'), 'utf8')).toBe('');
  });

  it('adds the Airflow DAG, takes --var and --name', async () => {
    const out = join(dir, 'airflow-out');
    const r = await cli([script, '--artifact=total', '--var', 'extra', '--framework', 'airflow', '--name', 'My Flow', '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['my_flow_dag.py', 'my_flow_module.py', 'my_flow_requirements.txt']);
    expect(readFileSync(join(out, 'my_flow_dag.py'), 'utf8')).toContain('import my_flow_module');
    expect(readFileSync(join(out, 'my_flow_module.py'), 'utf8')).toContain('def get_extra():');
  });

  it('--fine trims the loops the artifacts do not need', async () => {
    const loop = file('loop.py', 'import lineapy\nn = 10\ntotal = 0\nsquares = 0\nfor i in range(n):\n    total += i\n    squares += i * i\n    if i % 3 == 0:\n        print("step", i, squares)\nlineapy.save(total, "total")\n');
    const whole = join(dir, 'whole-out');
    const fine = join(dir, 'fine-out');
    expect((await cli([loop, '--artifact', 'total', '--out', whole])).code).toBe(0);
    const r = await cli([loop, '--artifact', 'total', '--fine', '--out', fine]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(whole, 'total_module.py'), 'utf8')).toContain('squares += i * i');
    const module = readFileSync(join(fine, 'total_module.py'), 'utf8');
    expect(module).toContain('for i in range(n):\n        total += i\n');
    expect(module).not.toContain('squares');
  });

  it('is registered in the command map', async () => {
    const io = capture();
    await main(['--help'], io);
    expect(io.stdout).toContain('threadline pipeline FILE');
  });

  it('explains bad input', async () => {
    const unknown = await cli([script, '--artifact', 'totl', '--out', join(dir, 'x')]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('"total"');
    const noOut = await cli([script, '--artifact', 'total']);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain('--out');
    const badFramework = await cli([script, '--artifact', 'total', '--framework', 'luigi', '--out', dir]);
    expect(badFramework.code).toBe(2);
    const missing = await cli([join(dir, 'nope.py'), '--artifact', 'total', '--out', dir]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no such file');
  });
});
