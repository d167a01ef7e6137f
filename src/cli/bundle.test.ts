/**
 * The CLI built once (`dist-cli/threadline.mjs`, made by `npm run build:cli` and at install)
 * must behave exactly like the TypeScript sources it is built from: same output, same exit code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scratchFiles } from './testing';

const root = join(import.meta.dirname, '..', '..');
const built = join(root, 'dist-cli', 'threadline.mjs');
const source = join(root, 'src', 'cli', 'main.ts');

/** Runs `main(args)` from one entry in a fresh Node, printing nothing else. */
function runEntry(entry: string, args: string[], viaTsx: boolean) {
  const script = `const { main } = await import(${JSON.stringify(pathToFileURL(entry).href)}); process.exitCode = await main(${JSON.stringify(args)});`;
  const flags = viaTsx ? ['--import', 'tsx/esm'] : [];
  return spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
}

/** Node and session ids are random UUIDs per run; everything else must match byte for byte. */
const withoutIds = (text: string) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>');

describe.runIf(existsSync(built))('the built CLI', () => {
  const { write } = scratchFiles('bundle');
  const program = write('demo.py', 'import math\nr = 2\narea = math.pi * r ** 2\nother = 5\nprint(area)\n');
  const cases: string[][] = [
    ['--help'],
    ['slice', program, '--var', 'area'],
    ['slice', program, '--var', 'nope'],
    ['graph', program, '--json'],
  ];
  for (const args of cases) {
    it(`gives the same output as the sources: ${args.filter((a) => a !== program).join(' ')}`, () => {
      const a = runEntry(built, args, false);
      const b = runEntry(source, args, true);
      expect(a.status).toBe(b.status);
      expect(withoutIds(a.stdout)).toBe(withoutIds(b.stdout));
      expect(a.stderr).toBe(b.stderr);
      expect(a.stdout.length + a.stderr.length).toBeGreaterThan(0);
    });
  }
});

describe.runIf(!existsSync(built))('the built CLI', () => {
  it.skip('is missing: run `npm run build:cli` (npm ci does it) to test it against the sources', () => {});
});

describe('the launcher (bin/threadline.mjs)', () => {
  const bin = join(root, 'bin', 'threadline.mjs');
  it('runs the sources quietly when asked (THREADLINE_CLI_SOURCE=1), and says so when it falls back by itself', async () => {
    const quiet = spawnSync(process.execPath, [bin, '--help'], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, THREADLINE_CLI_SOURCE: '1' } });
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toContain('usage: threadline');
    const { builtIsFresh } = await import('../../bin/cli-freshness.mjs');
    const plain = spawnSync(process.execPath, [bin, '--help'], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, THREADLINE_CLI_SOURCE: '' } });
    expect(plain.status).toBe(0);
    expect(plain.stdout).toBe(quiet.stdout);
    if (builtIsFresh(root)) expect(plain.stderr).toBe('');
    else expect(plain.stderr).toMatch(/running from source \(slower\)\. `npm run build:cli` (re)?builds it\.\n$/);
  });
});
