/**
 * CLI start time: `node bin/threadline.mjs --help` and a `slice` of a small file, against
 * `node -e 0` measured in the same run (median of 10 runs each). Also `npx threadline --help`
 * against `npx` of an empty local bin (a package whose bin is one shebang line), so the
 * figure separates npm's own start-up, which no CLI can go below, from ours.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchFigure } from './figure';

const root = join(import.meta.dirname, '..');
const RUNS = 10;

function medianMs(cmd: string, args: string[], cwd = root): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** A package whose only bin does nothing, installed as its own local bin: npx's floor. */
function emptyBinPackage(dir: string): string {
  const pkg = join(dir, 'empty-bin');
  mkdirSync(join(pkg, 'node_modules', '.bin'), { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'threadline-empty-bin', version: '0.0.0', bin: { 'threadline-empty-bin': 'empty.js' } }));
  writeFileSync(join(pkg, 'empty.js'), '#!/usr/bin/env node\n', { mode: 0o755 });
  symlinkSync(join('..', '..', 'empty.js'), join(pkg, 'node_modules', '.bin', 'threadline-empty-bin'));
  return pkg;
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
  const npxFloor = medianMs('npx', ['threadline-empty-bin'], emptyBinPackage(dir));
  const baseline = '`node -e 0`';
  return [
    { name: 'cli: node -e 0 (baseline)', value: node, unit: 'ms' },
    { name: 'cli: threadline --help start', value: help, unit: 'ms', ratio: help / node, baseline, goal: '< 500 ms' },
    { name: 'cli: threadline slice (3-line file)', value: slice, unit: 'ms', ratio: slice / node, baseline, goal: '< 500 ms' },
    { name: 'cli: npx of an empty bin (npm floor)', value: npxFloor, unit: 'ms', ratio: npxFloor / node, baseline },
    {
      name: 'cli: npx threadline --help',
      value: npx,
      unit: 'ms',
      ratio: npx / npxFloor,
      baseline: 'npx of an empty bin',
      goal: '< 500 ms (the issue); npm alone takes the floor figure above',
    },
  ];
}
