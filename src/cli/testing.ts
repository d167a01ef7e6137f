/** Test support for the CLI commands (Node only): captured output, scratch files, a spawned CLI. */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIO } from './main';
import { builtIsFresh } from '../../bin/cli-freshness.mjs';

/** An io that collects what a command prints, one line per call, as `main` prints it. */
export function capture(): CliIO & { stdout: string; stderr: string } {
  const line = (t: string) => (t.endsWith('\n') ? t : `${t}\n`);
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += line(t)),
    err: (t: string) => void (io.stderr += line(t)),
    write: (t: string) => {
      io.stdout += t;
      return Promise.resolve();
    },
  };
  return io;
}

/** A fresh temporary folder, and a function that writes a file there and gives its path. */
export function scratchFiles(prefix: string): { dir: string; write: (name: string, content: string | Uint8Array) => string } {
  const dir = mkdtempSync(join(tmpdir(), `threadline-${prefix}-`));
  const write = (name: string, content: string | Uint8Array): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  return { dir, write };
}

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'threadline.mjs');

/**
 * Runs `bin/threadline.mjs` as a child process. `timeout` (ms) is a guard against a hang,
 * not a timed assertion: a killed child has `signal` set and `status` null.
 */
/** The environment for a spawned CLI: the built one when it is up to date (as users run it), else the sources without the launcher's note. */
export function cliEnv(): NodeJS.ProcessEnv {
  return builtIsFresh(ROOT) ? process.env : { ...process.env, THREADLINE_CLI_SOURCE: '1' };
}

export function spawnCli(args: string[], opts: { cwd?: string; timeout?: number } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: cliEnv(), encoding: 'utf8', timeout: opts.timeout ?? 60_000, killSignal: 'SIGKILL' });
}
