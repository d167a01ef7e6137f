/** Test support for the CLI commands (Node only): captured output and scratch files. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIO } from './main';

/** An io that collects what a command prints, one line per call, as `main` prints it. */
export function capture(): CliIO & { stdout: string; stderr: string } {
  const line = (t: string) => (t.endsWith('\n') ? t : `${t}\n`);
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += line(t)), err: (t: string) => void (io.stderr += line(t)) };
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
