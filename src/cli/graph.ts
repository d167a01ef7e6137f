/**
 * `threadline graph FILE [--json]`: analyse a .py or .ipynb file and print node counts
 * per kind, the diagnostics and the variables bound at the end (or, with --json, the
 * full graph).
 */
import { basename } from 'node:path';
import { userMessage } from '../core/errors';
import { NODE_KINDS, type NodeKind } from '../core/model';
import type { CliIO } from './main';
import { analyseFile, readInputFile } from './program';

const USAGE = 'usage: threadline graph FILE [--json]';

export async function run(args: string[], io: CliIO): Promise<number> {
  const json = args.includes('--json');
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--json');
  const files = args.filter((a) => !a.startsWith('-'));
  if (args.includes('--help') || args.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  if (unknown.length > 0 || files.length !== 1) {
    io.err(unknown.length > 0 ? `threadline graph: unknown option ${unknown[0]}.\n${USAGE}` : `threadline graph: give exactly one file.\n${USAGE}`);
    return 2;
  }
  const file = files[0];
  const bytes = await readInputFile('graph', file, io);
  if (typeof bytes === 'number') return bytes;
  try {
    const { input, output, diagnostics } = analyseFile(file, bytes);
    if (json) {
      io.out(JSON.stringify({ file: basename(file), kind: input.kind, totalCells: input.totalCells, ...output, diagnostics }, null, 2));
      return 0;
    }
    const counts = new Map<NodeKind, number>(NODE_KINDS.map((k) => [k, 0]));
    for (const n of output.nodes) counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
    const lines: string[] = [];
    lines.push(`${basename(file)}: ${input.kind}, ${output.sourceCodes.length} code cell${output.sourceCodes.length === 1 ? '' : 's'}, ${output.nodes.length} nodes`);
    lines.push('');
    lines.push('nodes by kind:');
    for (const [k, v] of counts) lines.push(`  ${k.padEnd(8)} ${v}`);
    lines.push('');
    lines.push(`diagnostics: ${diagnostics.length === 0 ? 'none' : diagnostics.length}`);
    for (const d of diagnostics) lines.push(`  ${d.severity} [${d.code}] ${d.message}`);
    lines.push('');
    lines.push(`variables (${output.bindings.length}):`);
    const kindOf = new Map(output.nodes.map((n) => [n.id, n.kind]));
    for (const b of output.bindings) lines.push(`  ${b.name.padEnd(24)} ${kindOf.get(b.nodeId) ?? '?'} ${b.nodeId.slice(0, 8)}`);
    if (output.artifacts.length > 0) {
      lines.push('');
      lines.push(`artifacts (lineapy.save): ${output.artifacts.map((a) => a.name).join(', ')}`);
    }
    io.out(lines.join('\n'));
    return 0;
  } catch (e) {
    io.err(`threadline graph: ${userMessage(e)}`);
    return 1;
  }
}
