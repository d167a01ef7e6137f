/**
 * `threadline graph FILE [--json]`: analyse a .py or .ipynb file and print node counts
 * per kind, the diagnostics and the variables bound at the end (or, with --json, the
 * full graph). Both are written in chunks, so a huge graph is never one giant string.
 */
import { basename } from 'node:path';
import { NODE_KINDS, type NodeKind } from '../core/model';
import type { CliIO } from './main';
import { escapeControls, jsonPieces, writeChunked } from './output';
import { analyseFile, parseCommandArgs, readInputFile, reportFailure, type AnalysedFile } from './program';

const USAGE = 'usage: threadline graph FILE [--json] [--max-bytes N]';

function parseArgs(args: string[]): { file: string; json: boolean } | string {
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--json');
  const files = args.filter((a) => !a.startsWith('-'));
  if (unknown.length > 0) return `unknown option "${unknown[0]}".`;
  if (files.length !== 1) return 'give exactly one file.';
  return { file: files[0], json: args.includes('--json') };
}

/** The text report, line by line. Names and messages from the input are escaped onto one line each. */
function* report(fileName: string, { input, output, diagnostics }: AnalysedFile): Generator<string> {
  const one = (text: string) => escapeControls(text, false);
  const counts = new Map<NodeKind, number>(NODE_KINDS.map((k) => [k, 0]));
  for (const n of output.nodes) counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
  const cells = output.sourceCodes.length;
  yield `${one(fileName)}: ${input.kind}, ${cells} code cell${cells === 1 ? '' : 's'}, ${output.nodes.length} nodes\n\n`;
  yield 'nodes by kind:\n';
  for (const [k, v] of counts) yield `  ${k.padEnd(8)} ${v}\n`;
  yield `\ndiagnostics: ${diagnostics.length === 0 ? 'none' : diagnostics.length}\n`;
  for (const d of diagnostics) yield `  ${d.severity} [${one(d.code)}] ${one(d.message)}\n`;
  yield `\nvariables (${output.bindings.length}):\n`;
  const kindOf = new Map(output.nodes.map((n) => [n.id, n.kind]));
  for (const b of output.bindings) yield `  ${one(b.name).padEnd(24)} ${kindOf.get(b.nodeId) ?? '?'} ${b.nodeId.slice(0, 8)}\n`;
  if (output.artifacts.length > 0) {
    yield '\nartifacts (lineapy.save): ';
    for (let i = 0; i < output.artifacts.length; i++) yield `${i === 0 ? '' : ', '}${one(output.artifacts[i].name)}`;
    yield '\n';
  }
}

export async function run(rawArgs: string[], io: CliIO): Promise<number> {
  const args = parseCommandArgs('graph', rawArgs, USAGE, parseArgs, io);
  if (typeof args === 'number') return args;
  const bytes = await readInputFile('graph', args.file, args.maxBytes, io);
  if (typeof bytes === 'number') return bytes;
  let file: AnalysedFile;
  try {
    file = analyseFile(args.file, bytes);
  } catch (e) {
    return reportFailure('graph', e, io);
  }
  const fileName = basename(args.file);
  if (args.json) {
    const { input, output, diagnostics } = file;
    await writeChunked(jsonPieces({ file: fileName, kind: input.kind, totalCells: input.totalCells, ...output, diagnostics }), io.write);
  } else {
    await writeChunked(report(fileName, file), io.write);
  }
  return 0;
}
