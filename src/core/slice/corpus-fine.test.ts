/**
 * Fine slices over the real corpus (`../shared/corpus`, issue 18.1): the fine slice of every
 * variable bound at the end of every file passes the static self-check on its own text (no
 * name read that it does not bind, beyond names the file itself never binds), and is never
 * longer than the whole-block slice. Prints how much shorter fine slices are.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseProgram } from '../analysis/index';
import { readSourceFile } from '../notebook/index';
import { blankIPython } from '../python/ipython';
import { corpusDir, corpusFiles } from '../testing/corpus';
import { NameChecker, unitNames } from './check';
import { createSlicer, splitLines, statementUnits } from './index';
import { codeLines } from './testing/prove';

/** Names the code reads without binding them (the self-check's rule over its statement units). */
function unboundIn(code: string): string[] {
  const blanked = splitLines(blankIPython(code).text);
  const units = statementUnits(code);
  const checker = new NameChecker();
  const compiled = units.start.map((start, u) => checker.compile(unitNames(blanked.slice(start - 1, units.end[u]).join('\n'))));
  return checker.check(compiled).unbound.map((r) => r.name);
}

describe('fine slices over the corpus', () => {
  if (!existsSync(corpusDir)) {
    it.skip(`corpus not found at ${corpusDir}: skipping fine slices over real notebooks`, () => undefined);
    return;
  }
  it('every final variable, fine-sliced, binds what it reads and is never longer than whole-block', () => {
    let checked = 0;
    let shorter = 0;
    let whole = 0;
    let fine = 0;
    const unbound: string[] = [];
    const longer: string[] = [];
    for (const path of corpusFiles()) {
      const file = path.slice(corpusDir.length + 1);
      const input = readSourceFile(path, new Uint8Array(readFileSync(path)));
      const out = analyseProgram(input, { sessionId: 'corpus' });
      const slicer = createSlicer({ sourceCodes: out.sourceCodes, nodes: out.nodes });
      const everyLine = out.sourceCodes.map((s) => ({ sourceCodeId: s.id, lines: splitLines(s.code).map((_, i) => i + 1) }));
      const programUnbound = new Set(slicer.checkLines(everyLine).unbound.map((r) => r.name));
      for (const b of out.bindings) {
        const a = slicer.slice([b.nodeId]);
        const f = slicer.slice([b.nodeId], { fine: true, names: [b.name] });
        checked++;
        const [w, n] = [codeLines(a.code), codeLines(f.code)];
        whole += w;
        fine += n;
        if (n < w) shorter++;
        if (n > w) longer.push(`${file} ${b.name}: ${n} > ${w}`);
        for (const name of unboundIn(f.code)) if (!programUnbound.has(name)) unbound.push(`${file} ${b.name}: ${name}`);
      }
    }
    console.log(`fine slices over the corpus: ${checked} variables, ${shorter} shorter than whole-block; ${whole} → ${fine} code lines (${(100 * (1 - fine / Math.max(1, whole))).toFixed(1)}% fewer)`);
    expect(checked).toBeGreaterThan(0);
    expect(unbound.slice(0, 20)).toEqual([]);
    expect(longer).toEqual([]);
  }, 600_000);
});
