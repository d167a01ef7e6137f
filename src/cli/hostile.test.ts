/**
 * Issue 13 point 7: the command line with hostile input, through the real `bin/threadline.mjs`
 * in a child process. The child's timeout guards against a hang; it is not a timed assertion.
 */
import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, scratchFiles, spawnCli } from './testing';

const { dir, write } = scratchFiles('hostile');
const GUARD = { timeout: 30_000 };
const NO_STACK = /\n\s+at .*:\d+|node:internal|Error: [A-Z]+:/;
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** The child finished on its own (not killed by the guard) with this exit code. */
function expectExit(r: ReturnType<typeof spawnCli>, code: number): void {
  expect(r.signal, `killed by the guard; stderr: ${r.stderr}`).toBeNull();
  expect(r.stderr).not.toMatch(NO_STACK);
  expect(r.status).toBe(code);
}

describe('threadline reads only regular files', () => {
  it('refuses /dev/zero at once, with a sentence', () => {
    const r = spawnCli(['graph', '/dev/zero'], GUARD);
    expectExit(r, 1);
    expect(r.stderr).toBe('threadline graph: cannot read "/dev/zero": it is a device, not a regular file.\n');
  });

  it('refuses a directory and a FIFO', () => {
    const d = spawnCli(['slice', dir, '--var', 'x'], GUARD);
    expectExit(d, 1);
    expect(d.stderr).toMatch(/cannot read ".*": it is a directory, not a regular file\./);
    const fifo = join(dir, 'pipe.py');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const f = spawnCli(['graph', fifo], GUARD);
    expectExit(f, 1);
    expect(f.stderr).toMatch(/cannot read ".*pipe\.py": it is a named pipe \(FIFO\), not a regular file\./);
  });

  it('refuses a Unix socket', async () => {
    const path = join(dir, 'sock.py');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      const r = spawnCli(['graph', path], GUARD);
      expectExit(r, 1);
      expect(r.stderr).toMatch(/cannot read ".*sock\.py": it is a socket, not a regular file\./);
    } finally {
      server.close();
    }
  });

  it('refuses a file over --max-bytes with exit 1 and a sentence', () => {
    const big = write('big.py', 'x = 1\n'.repeat(400)); // 2,400 bytes
    const r = spawnCli(['graph', big, '--max-bytes', '1000'], GUARD);
    expectExit(r, 1);
    expect(r.stderr).toBe(`threadline graph: "${big}" is 2,400 bytes, over the size limit of 1,000 bytes, so it was not read. Use --max-bytes to raise the limit.\n`);
    expect(r.stdout).toBe('');
    expectExit(spawnCli(['graph', big, '--max-bytes=3k'], GUARD), 0);
    const bad = spawnCli(['graph', big, '--max-bytes', 'lots'], GUARD);
    expectExit(bad, 2);
    expect(bad.stderr).toMatch(/--max-bytes needs a size in bytes/);
  });
});

describe('threadline escapes control characters from the input', () => {
  const evilName = 'evil\u001b[2J\u202e\nthreadline: ok.py';
  const source = 'x = "\u001b]0;pwned\u0007\u009b31m\u202ecba"\ny = x\n';

  it('in file names and source text', () => {
    const file = write(evilName, source);
    const g = spawnCli(['graph', file], GUARD);
    expectExit(g, 0);
    expect(g.stdout).not.toMatch(RAW_CONTROL);
    expect(g.stdout).toContain('evil\\u001b[2J\\u202e\\u000athreadline: ok.py: script, 1 code cell');
    const s = spawnCli(['slice', file, '--var', 'y'], GUARD);
    expectExit(s, 0);
    expect(s.stdout).toBe('x = "\\u001b]0;pwned\\u0007\\u009b31m\\u202ecba"\ny = x\n');
  });

  it('in errors and diagnostics', () => {
    const missing = spawnCli(['graph', join(dir, 'gone\u001b[31m.py')], GUARD);
    expectExit(missing, 1);
    expect(missing.stderr).toBe(`threadline graph: cannot read "${join(dir, 'gone')}\\u001b[31m.py": no such file.\n`);
    const wrongKind = spawnCli(['graph', write('x\u009b.txt', 'x = 1\n')], GUARD);
    expectExit(wrongKind, 1);
    expect(wrongKind.stderr).not.toMatch(RAW_CONTROL);
    expect(wrongKind.stderr).toContain('x\\u009b.txt');
    const unknown = spawnCli(['gr\u001bph'], GUARD);
    expectExit(unknown, 2);
    expect(unknown.stderr).toMatch(/^threadline: unknown command "gr\\u001bph"/);
    const syntax = spawnCli(['graph', write('syntax.py', 'a = 1\nb = (\u202e\u0007\n')], GUARD);
    expectExit(syntax, 0);
    expect(syntax.stdout).not.toMatch(RAW_CONTROL);
  });

  it('in --json output too (JSON.stringify leaves DEL, C1 and bidi controls raw), and the JSON still parses', () => {
    const file = write('json.py', source);
    const r = spawnCli(['graph', file, '--json'], GUARD);
    expectExit(r, 0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    const data = JSON.parse(r.stdout) as { sourceCodes: Array<{ code: string }> };
    expect(data.sourceCodes[0].code).toBe(source);
  });
});

describe('threadline never writes through a link', () => {
  const script = write('prog.py', 'x = 1\n');

  it('refuses a symlinked output file and leaves its target unchanged', () => {
    const out = join(dir, 'out-link');
    mkdirSync(out);
    const target = write('precious.txt', 'precious\n');
    symlinkSync(target, join(out, 'x_module.py'));
    const r = spawnCli(['pipeline', script, '--var', 'x', '--out', out], GUARD);
    expectExit(r, 3);
    expect(r.stderr).toMatch(/cannot write ".*x_module\.py": it is a symbolic link; Threadline does not write through links\. Nothing was written\./);
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
    expect(readdirSync(out)).toEqual(['x_module.py']);
  });

  it('refuses a hard-linked output file', () => {
    const out = join(dir, 'out-hard');
    mkdirSync(out);
    const target = write('shared.txt', 'shared\n');
    linkSync(target, join(out, 'x_requirements.txt'));
    const r = spawnCli(['pipeline', script, '--var', 'x', '--out', out], GUARD);
    expectExit(r, 3);
    expect(r.stderr).toMatch(/x_requirements\.txt": it has other hard links/);
    expect(readFileSync(target, 'utf8')).toBe('shared\n');
  });

  it('refuses --out when it is a symlink or a file', () => {
    const real = join(dir, 'real-out');
    mkdirSync(real);
    const link = join(dir, 'out-is-link');
    symlinkSync(real, link);
    const r = spawnCli(['pipeline', script, '--var', 'x', '--out', link], GUARD);
    expectExit(r, 3);
    expect(r.stderr).toMatch(/cannot write to ".*out-is-link": it is a symbolic link/);
    expect(readdirSync(real)).toEqual([]);
    const file = write('plain.txt', 'plain\n');
    const f = spawnCli(['pipeline', script, '--var', 'x', '--out', file], GUARD);
    expectExit(f, 3);
    expect(f.stderr).toMatch(/it is a file, not a directory\. Nothing was written\./);
  });

  it('--out /etc/passwd is a sentence and exit 3, as --help documents', () => {
    const r = spawnCli(['pipeline', script, '--var', 'x', '--out', '/etc/passwd'], GUARD);
    expectExit(r, 3);
    expect(r.stderr).toBe('threadline pipeline: cannot write to "/etc/passwd": it is a file, not a directory. Nothing was written.\n');
    const help = spawnCli(['--help'], GUARD);
    expectExit(help, 0);
    expect(help.stdout).toMatch(/exit codes:\n {2}0 .*\n {2}1 .*refused.*\n {2}2 .*\n {2}3 .*output could not be written/);
  });

  it('writes a missing --out directory, and overwrites its own plain files', () => {
    const out = join(dir, 'fresh', 'deeper');
    expectExit(spawnCli(['pipeline', script, '--var', 'x', '--out', out], GUARD), 0);
    writeFileSync(join(out, 'x_module.py'), 'old and longer than the new module text '.repeat(20));
    const again = spawnCli(['pipeline', script, '--var', 'x', '--out', out], GUARD);
    expectExit(again, 0);
    expect(readFileSync(join(out, 'x_module.py'), 'utf8')).toContain('def get_x():');
    expect(readFileSync(join(out, 'x_module.py'), 'utf8')).not.toContain('old and longer');
  });
});

describe('threadline output to a reader that stops early', () => {
  it('exits quietly when stdout closes (graph --json | head)', () => {
    const lines = ['import math', 'v0 = 0'];
    for (let i = 1; i < 20_000; i++) lines.push(`v${i} = v${i - 1} + ${i}`);
    const file = write('many.py', `${lines.join('\n')}\n`);
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'threadline.mjs');
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" graph "${file}" --json | head -c 100 >/dev/null; echo "exit \${PIPESTATUS[0]}"`], {
      env: cliEnv(),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.signal).toBeNull();
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('exit 0\n');
  });
});
