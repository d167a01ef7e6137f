/**
 * The slice self-check's findings (`SliceResult.diagnostics`, see src/core/slice/check.ts)
 * as short, plain sentences shown above a slice's code. Nothing found: no notes at all.
 */
import type { SliceDiagnostic, SliceResult, SourceCode } from '../../core/model';

export interface SliceNote {
  code: SliceDiagnostic['code'];
  severity: 'warning' | 'info';
  text: string;
}

/** Lines of one source code (a cell, or the script). */
export interface LineBlock {
  sourceCodeId: string;
  lines: number[];
}

/** Lines of `full` that are not in `raw`: what the safety net added. */
export function addedLines(full: SliceResult, raw: SliceResult): LineBlock[] {
  const before = new Map(raw.lines.map((b) => [b.sourceCodeId, new Set(b.lines)]));
  const out: LineBlock[] = [];
  for (const b of full.lines) {
    const had = before.get(b.sourceCodeId);
    const lines = b.lines.filter((l) => !had?.has(l));
    if (lines.length > 0) out.push({ sourceCodeId: b.sourceCodeId, lines });
  }
  return out;
}

function quoted(names: readonly string[]): string {
  const q = names.map((n) => `\`${n}\``);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

/** `[3, 4, 7]` → `3–4 and 7`. */
function ranges(lines: readonly number[]): string {
  const sorted = [...lines].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** `lines 3–4` or `line 3 of cell 2 and lines 1–2 of cell 5`. */
export function describeLines(blocks: readonly LineBlock[], sources: readonly SourceCode[]): string {
  const byId = new Map(sources.map((s) => [s.id, s]));
  return blocks
    .filter((b) => b.lines.length > 0)
    .map((b) => {
      const cell = byId.get(b.sourceCodeId)?.cellIndex;
      const word = b.lines.length === 1 ? 'line' : 'lines';
      return `${word} ${ranges(b.lines)}${cell !== undefined ? ` of cell ${cell + 1}` : ''}`;
    })
    .join(' and ');
}

export interface NoteContext {
  /** What holds the code shown below the note. */
  what: 'slice' | 'pipeline';
  /** The lines the safety net added (from `addedLines`); when unknown, the diagnostic's first line is used. */
  added?: readonly LineBlock[];
  sources: readonly SourceCode[];
}

/** Sentences for the user, one per diagnostic, warnings first. */
export function sliceNotes(diagnostics: readonly SliceDiagnostic[] | undefined, ctx: NoteContext): SliceNote[] {
  const notes: SliceNote[] = [];
  const below = ctx.what === 'slice' ? 'the slice below' : 'the pipeline';
  const run = ctx.what === 'slice' ? 'this slice' : 'this pipeline';
  for (const d of diagnostics ?? []) {
    const it = d.names.length === 1 ? 'it' : 'them';
    if (d.code === 'slice-incomplete') {
      const found = d.names.filter((n) => !(d.unresolved ?? []).includes(n));
      const lineCount = (ctx.added ?? []).reduce((k, b) => k + b.lines.length, 0);
      let where = lineCount > 0 ? describeLines(ctx.added ?? [], ctx.sources) : '';
      if (!where && d.sourceCodeId !== undefined && d.line !== undefined) {
        where = `the statement at ${describeLines([{ sourceCodeId: d.sourceCodeId, lines: [d.line] }], ctx.sources)}`;
      }
      let text = '';
      if (found.length > 0) {
        text = `Threadline had to add ${where || 'the statements that define them'} to make ${run} run (it reads ${quoted(found)}). This is a bug in Threadline's analysis; ${below} includes ${lineCount === 1 || (lineCount === 0 && where) ? 'it' : 'them'}.`;
      }
      if (d.unresolved && d.unresolved.length > 0) {
        text += `${text ? ' ' : ''}${run[0].toUpperCase()}${run.slice(1)} reads ${quoted(d.unresolved)}, and Threadline found no earlier code that defines ${d.unresolved.length === 1 ? 'it' : 'them'} (a bug in Threadline's analysis): running it may fail with a NameError.`;
      }
      notes.push({ code: d.code, severity: 'warning', text });
    } else if (d.code === 'slice-reads-undefined') {
      notes.push({
        code: d.code,
        severity: 'info',
        text: `${run[0].toUpperCase()}${run.slice(1)} reads ${quoted(d.names)}, which the notebook never defines: running it fails with a NameError there, as the notebook itself would.`,
      });
    } else if (d.code === 'slice-star-import') {
      notes.push({
        code: d.code,
        severity: 'info',
        text: `${run[0].toUpperCase()}${run.slice(1)} reads ${quoted(d.names)}, which only a star import (\`from … import *\`) can define, so Threadline cannot check ${it}.`,
      });
    }
  }
  return notes.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'warning' ? -1 : 1));
}
