/**
 * `threadline slice FILE (--artifact NAME | --var NAME) [--keep-lineapy] [--json]`
 *
 * Prints the minimal code that reproduces a value: a `lineapy.save` artifact in the file
 * (`--artifact`), or a variable's binding at the end of the file (`--var`).
 */
import { createSlicer } from '../core/slice/index';
import type { CliIO } from './main';
import { escapeControls, jsonPieces, writeChunked } from './output';
import { analyseFile, parseCommandArgs, readInputFile, reportFailure, resolveTarget, warnAboutErrors, type TargetName } from './program';

const USAGE = 'usage: threadline slice FILE (--artifact NAME | --var NAME) [--keep-lineapy] [--json] [--max-bytes N]';

interface SliceArgs {
  file: string;
  artifact?: string;
  variable?: string;
  keepLineapy: boolean;
  json: boolean;
}

function parseArgs(args: string[]): SliceArgs | string {
  let file: string | undefined;
  let artifact: string | undefined;
  let variable: string | undefined;
  let keepLineapy = false;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--artifact' || flag === '--var') {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') return `${flag} needs a name.`;
      if (flag === '--artifact') artifact = value;
      else variable = value;
    } else if (flag === '--keep-lineapy') keepLineapy = true;
    else if (flag === '--json') json = true;
    else if (a.startsWith('-') && a !== '-') return `unknown option "${a}".`;
    else if (file === undefined) file = a;
    else return `unexpected argument "${a}".`;
  }
  if (!file) return 'give a .py or .ipynb file.';
  if ((artifact === undefined) === (variable === undefined)) return 'give exactly one of --artifact NAME or --var NAME.';
  return { file, artifact, variable, keepLineapy, json };
}

export async function run(rawArgs: string[], io: CliIO): Promise<number> {
  const args = parseCommandArgs('slice', rawArgs, USAGE, parseArgs, io);
  if (typeof args === 'number') return args;
  const bytes = await readInputFile('slice', args.file, args.maxBytes, io);
  if (typeof bytes === 'number') return bytes;
  try {
    const file = analyseFile(args.file, bytes);
    warnAboutErrors(file.diagnostics, io);
    const target: TargetName = args.artifact !== undefined ? { kind: 'artifact', name: args.artifact } : { kind: 'var', name: args.variable ?? '' };
    const targetId = resolveTarget(file, target, 'slice');
    const out = file.output;
    const slice = createSlicer({ sourceCodes: out.sourceCodes, nodes: out.nodes }).slice([targetId], { keepLineapy: args.keepLineapy });
    for (const d of slice.diagnostics ?? []) if (d.severity === 'warning') io.err(`warning: ${escapeControls(d.message, false)}`);
    if (args.json) await writeChunked(jsonPieces({ code: slice.code, nodeIds: slice.nodeIds, lines: slice.lines, diagnostics: slice.diagnostics ?? [] }), io.write);
    else if (slice.code !== '') await io.write(slice.code.endsWith('\n') ? slice.code : `${slice.code}\n`);
    return 0;
  } catch (e) {
    return reportFailure('slice', e, io);
  }
}
