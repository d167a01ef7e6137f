import { describe, expect, it } from 'vitest';
import { analyseProgram } from '../../core/analysis/index';
import type { SliceDiagnostic, SourceCode } from '../../core/model';
import { createSlicer } from '../../core/slice';
import { addedLines, describeLines, sliceNotes } from './sliceNotes';

function sliceOf(code: string, variable: string) {
  let k = 0;
  const out = analyseProgram({ kind: 'script', cells: [{ code }], totalCells: 1, diagnostics: [] }, { sessionId: 's', newId: () => `id-${k++}` });
  const slicer = createSlicer({ sourceCodes: out.sourceCodes, nodes: out.nodes });
  const nodeId = out.bindings.find((b) => b.name === variable)!.nodeId;
  return { full: slicer.slice([nodeId]), raw: slicer.slice([nodeId], { selfCheck: false }), sources: out.sourceCodes };
}

const script: SourceCode = { id: 'c', sessionId: 's', code: '' };

describe('sliceNotes', () => {
  it('says nothing when the self-check found nothing', () => {
    expect(sliceNotes(undefined, { what: 'slice', sources: [] })).toEqual([]);
    expect(sliceNotes([], { what: 'slice', sources: [] })).toEqual([]);
    const { full } = sliceOf('a = 1\nb = a + 1\n', 'b');
    expect(sliceNotes(full.diagnostics, { what: 'slice', sources: [] })).toEqual([]);
  });

  it('names the lines the safety net added and the names they define', () => {
    const code = 'weights = {0: 1.0, 1: 3.0}\ndef train(x, w=None):\n    return (x, w)\nresult = train(\n    5,\n    # the weights go here\n    w=weights)\n';
    const { full, raw, sources } = sliceOf(code, 'result');
    // This example is an analyser gap today; if the analyser learns it, the net adds nothing.
    if (!full.diagnostics?.some((d) => d.code === 'slice-incomplete')) return;
    const added = addedLines(full, raw);
    expect(added).toEqual([{ sourceCodeId: sources[0].id, lines: [1] }]);
    const notes = sliceNotes(full.diagnostics, { what: 'slice', added, sources });
    expect(notes).toEqual([
      {
        code: 'slice-incomplete',
        severity: 'warning',
        text: "Threadline had to add line 1 to make this slice run (it reads `weights`). This is a bug in Threadline's analysis; the slice below includes it.",
      },
    ]);
  });

  it('writes line ranges per cell, and falls back to the first added statement', () => {
    const cells: SourceCode[] = [
      { id: 'a', sessionId: 's', code: '', cellIndex: 1 },
      { id: 'b', sessionId: 's', code: '', cellIndex: 4 },
    ];
    expect(describeLines([{ sourceCodeId: 'a', lines: [4, 3, 7] }, { sourceCodeId: 'b', lines: [2] }], cells)).toBe('lines 3–4 and 7 of cell 2 and line 2 of cell 5');
    const d: SliceDiagnostic = { severity: 'warning', code: 'slice-incomplete', names: ['weights', 'bias'], message: '', sourceCodeId: 'c', line: 3 };
    expect(sliceNotes([d], { what: 'slice', added: [{ sourceCodeId: 'c', lines: [3, 4] }], sources: [script] })[0].text).toBe(
      "Threadline had to add lines 3–4 to make this slice run (it reads `weights` and `bias`). This is a bug in Threadline's analysis; the slice below includes them.",
    );
    expect(sliceNotes([d], { what: 'pipeline', sources: [script] })[0].text).toBe(
      "Threadline had to add the statement at line 3 to make this pipeline run (it reads `weights` and `bias`). This is a bug in Threadline's analysis; the pipeline includes it.",
    );
  });

  it('says when no earlier code defines a name, and puts warnings first', () => {
    const notes = sliceNotes(
      [
        { severity: 'info', code: 'slice-star-import', names: ['sqrt'], message: '' },
        { severity: 'warning', code: 'slice-incomplete', names: ['z'], unresolved: ['z'], message: '' },
      ],
      { what: 'slice', sources: [script] },
    );
    expect(notes.map((n) => n.code)).toEqual(['slice-incomplete', 'slice-star-import']);
    expect(notes[0].text).toBe("This slice reads `z`, and Threadline found no earlier code that defines it (a bug in Threadline's analysis): running it may fail with a NameError.");
    expect(notes[1].text).toBe('This slice reads `sqrt`, which only a star import (`from … import *`) can define, so Threadline cannot check it.');
  });

  it('tells a name the program never defines apart from a gap', () => {
    const { full, sources } = sliceOf('y = undefined_thing + 1\n', 'y');
    const notes = sliceNotes(full.diagnostics, { what: 'slice', sources });
    expect(notes).toEqual([
      {
        code: 'slice-reads-undefined',
        severity: 'info',
        text: 'This slice reads `undefined_thing`, which the notebook never defines: running it fails with a NameError there, as the notebook itself would.',
      },
    ]);
  });
});
