/**
 * Issue 9, fuzzing: random bytes, random text, random notebook-shaped JSON and random
 * mutations of real corpus notebooks through readSourceFile + buildIngestPlan. Nothing may
 * throw except InputError. Seeded (FUZZ_SEED overrides) and reproducible; ≥ 2,000 cases.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from './errors';
import { buildIngestPlan } from './ingest';

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const corpusDir = process.env.CORPUS_DIR ?? path.resolve(import.meta.dirname, '../../../shared/corpus');

let cases = 0;

/** Ingest must succeed or throw an InputError; anything else fails the property. */
async function ingestOrInputError(name: string, bytes: Uint8Array): Promise<void> {
  cases++;
  try {
    const plan = await buildIngestPlan(name, bytes);
    if (plan.session.diagnostics.some((d) => d.code === 'internal-error')) {
      throw new Error(`internal-error diagnostic: ${plan.session.diagnostics.find((d) => d.code === 'internal-error')!.message}`);
    }
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    expect(e.message.length).toBeGreaterThan(10);
  }
}

const enc = (s: string) => new TextEncoder().encode(s);
const names = fc.constantFrom('f.py', 'f.ipynb', 'f.PY', 'f.ipy');

/** Python-ish text: tokens that stress the parser and the IPython blanking. */
const pyToken = fc.constantFrom(
  '(', ')', '[', ']', '{', '}', ':', '\n', '    ', '\t', '"', "'", '"""', '#', '\\', '%', '%%', '!', '?', 'x', 'y', '=', '+=', '.', ',',
  'def ', 'class ', 'lambda ', 'if ', 'else', 'for ', ' in ', 'import ', 'from ', 'lineapy.save(x, "n")', 'print ', 'f"{', '}"', '1.', '0x', '@', '*', '**',
  'yield ', 'return ', 'async ', 'await ', 'with ', 'try:', 'except', ';', '\r\n', '\u00e9', '\u{1F9F5}', '\ud800', 'not ', 'and ', 'is ',
);
const pyText = fc.array(pyToken, { maxLength: 200 }).map((ts) => ts.join(''));

/** Notebook-shaped JSON with random values in every field. */
const jsonValue = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }));
const output = fc.record(
  { output_type: fc.oneof(fc.constantFrom('stream', 'execute_result', 'display_data', 'error', 'pyout'), jsonValue), text: fc.oneof(pyText, jsonValue), data: fc.oneof(fc.dictionary(fc.constantFrom('text/plain', 'text/html', 'image/png', 'image/svg+xml'), fc.oneof(pyText, jsonValue)), jsonValue), ename: jsonValue, traceback: jsonValue },
  { requiredKeys: [] },
);
const cell = fc.record(
  { cell_type: fc.oneof(fc.constantFrom('code', 'markdown', 'raw'), jsonValue), source: fc.oneof(pyText, fc.array(pyText, { maxLength: 4 }), jsonValue), execution_count: jsonValue, outputs: fc.oneof(fc.array(output, { maxLength: 3 }), jsonValue), metadata: jsonValue },
  { requiredKeys: [] },
);
const notebookJson = fc
  .record({ nbformat: fc.oneof(fc.constantFrom(3, 4, 5), jsonValue), nbformat_minor: jsonValue, metadata: fc.oneof(jsonValue, fc.record({ language_info: fc.record({ version: jsonValue }) })), cells: fc.oneof(fc.array(cell, { maxLength: 6 }), jsonValue), worksheets: fc.oneof(fc.array(fc.record({ cells: fc.array(cell, { maxLength: 3 }) }), { maxLength: 2 }), jsonValue) }, { requiredKeys: [] })
  .map((o) => JSON.stringify(o));

describe('fuzz: nothing throws except InputError', () => {
  it('random bytes (1,000 cases)', async () => {
    await fc.assert(fc.asyncProperty(names, fc.uint8Array({ maxLength: 600 }), (name, bytes) => ingestOrInputError(name, bytes)), { seed: SEED, numRuns: 1000 });
  });

  it('random Python-ish text (600 cases)', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('f.py', 'f.ipy'), pyText, (name, text) => ingestOrInputError(name, enc(text))), { seed: SEED + 1, numRuns: 600 });
  });

  it('random notebook-shaped JSON (400 cases)', async () => {
    await fc.assert(fc.asyncProperty(notebookJson, (text) => ingestOrInputError('f.ipynb', enc(text))), { seed: SEED + 2, numRuns: 400 });
  });

  it('random mutations of corpus notebooks (400 cases)', async (ctx) => {
    if (!existsSync(corpusDir)) {
      ctx.skip(`no corpus at ${corpusDir} (set CORPUS_DIR); mutation fuzzing skipped`);
      return;
    }
    const files: string[] = [];
    for (const repo of readdirSync(corpusDir)) {
      const d = path.join(corpusDir, repo);
      if (!statSync(d).isDirectory() || repo === 'LICENSES') continue;
      for (const f of readdirSync(d)) if (/\.(ipynb|py)$/.test(f) && statSync(path.join(d, f)).size < 400_000) files.push(path.join(d, f));
    }
    files.sort();
    expect(files.length).toBeGreaterThan(0);
    const sources = files.map((f) => ({ name: path.basename(f), bytes: new Uint8Array(readFileSync(f)) }));
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 400 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: pyText }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 2000 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: sources.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (which, mutations) => {
        const src = sources[which];
        let bytes = src.bytes;
        for (const m of mutations) {
          const at = m.at % (bytes.length + 1);
          if (m.kind === 'flip') {
            bytes = bytes.slice();
            if (at < bytes.length) bytes[at] = m.byte;
          } else if (m.kind === 'delete') bytes = new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + m.len)]);
          else if (m.kind === 'insert') bytes = new Uint8Array([...bytes.subarray(0, at), ...enc(m.text), ...bytes.subarray(at)]);
          else if (m.kind === 'truncate') bytes = bytes.subarray(0, at);
          else bytes = new Uint8Array([...bytes.subarray(0, at + m.len), ...bytes.subarray(at)]);
        }
        await ingestOrInputError(src.name, bytes);
      }),
      { seed: SEED + 3, numRuns: 400 },
    );
  });

  it('ran at least 2,000 cases in all', () => {
    expect(cases).toBeGreaterThanOrEqual(2000);
  });
});
