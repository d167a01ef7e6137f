/**
 * Issue 9: every bad-input fixture through `threadline graph FILE`: a specific message on
 * stderr and exit code 1, or a clean result (exit 0) listing the expected diagnostics.
 * Never a stack trace.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { capture } from './testing';
import { BAD_INPUTS } from '../core/fixtures/bad/catalog';
import { main } from './main';

const fixtures = path.join(import.meta.dirname, '../core/fixtures/bad');
const dir = mkdtempSync(path.join(tmpdir(), 'threadline-bad-'));


describe('threadline graph on bad inputs', () => {
  for (const input of BAD_INPUTS) {
    it(`${input.file}: ${input.what}`, async () => {
      const file = path.join(dir, input.file);
      if (input.generate) writeFileSync(file, input.generate());
      else copyFileSync(path.join(fixtures, input.file), file);
      const io = capture();
      const code = await main(['graph', file], io);
      expect(io.stderr).not.toMatch(/\n\s+at .*:\d+/); // no stack trace
      if ('error' in input.expect) {
        expect(code).toBe(1);
        expect(io.stderr).toMatch(/^threadline graph: /);
        expect(io.stderr).toMatch(input.expect.error);
        expect(io.stdout).toBe('');
      } else {
        expect(io.stderr).toBe('');
        expect(code).toBe(0);
        expect(io.stdout).toContain(`${input.file}: `);
        for (const d of input.expect.diagnostics ?? []) expect(io.stdout).toContain(`[${d}]`);
        expect(io.stdout).not.toContain('[internal-error]');
      }
    });
  }

  it('a missing file and a directory are clear errors', async () => {
    const io = capture();
    expect(await main(['graph', path.join(dir, 'nope.ipynb')], io)).toBe(1);
    expect(io.stderr).toMatch(/cannot read .*nope\.ipynb.*no such file/);
    const io2 = capture();
    expect(await main(['graph', dir], io2)).toBe(1);
    expect(io2.stderr).toMatch(/it is a directory/);
  });
});
