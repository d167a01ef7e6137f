/**
 * CLI start time: `node bin/threadline.mjs --help` and a `slice` of a small file, against
 * `node -e 0` measured in the same run (median of 10 runs each). Also `npx threadline --help`,
 * whose extra cost is npm's own start-up and package-tree read, not ours.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchFigure } from './figure';

const root = join(import.meta.dirname, '..');
const RUNS = 10;

function medianMs(cmd: string, args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function benchCli(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'threadline-cli-bench-'));
  const file = join(dir, 'small.py');
  writeFileSync(file, 'import math\nr = 2\narea = math.pi * r ** 2\n');
  const bin = join(root, 'bin', 'threadline.mjs');
  const node = medianMs(process.execPath, ['-e', '0']);
  const help = medianMs(process.execPath, [bin, '--help']);
  const slice = medianMs(process.execPath, [bin, 'slice', file, '--var', 'area']);
  const npx = medianMs('npx', ['threadline', '--help']);
  const baseline = '`node -e 0`';
  return [
    { name: 'cli: node -e 0 (baseline)', value: node, unit: 'ms' },
    { name: 'cli: threadline --help start', value: help, unit: 'ms', ratio: help / node, baseline, goal: '< 500 ms' },
    { name: 'cli: threadline slice (3-line file)', value: slice, unit: 'ms', ratio: slice / node, baseline, goal: '< 500 ms' },
    { name: 'cli: npx threadline --help', value: npx, unit: 'ms', ratio: npx / node, baseline },
  ];
}
