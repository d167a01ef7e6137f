/**
 * `threadline slice FILE (--artifact NAME | --var NAME) [--keep-lineapy] [--json]`
 *
 * Prints the minimal code that reproduces a value: a `lineapy.save` artifact in the file
 * (`--artifact`), or a variable's binding at the end of the file (`--var`).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { analyseProgram } from '../core/analysis/index';
import { NotFoundError, ThreadlineError, userMessage } from '../core/errors';
import type { AnalysisOutput } from '../core/model';
import { closestNames } from '../core/names';
import { readSourceFile } from '../core/notebook/index';
import { createSlicer } from '../core/slice/index';
import type { CliIO } from './main';

const USAGE = 'usage: threadline slice FILE (--artifact NAME | --var NAME) [--keep-lineapy] [--json]';

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

function resolveTarget(out: AnalysisOutput, args: SliceArgs, fileName: string): string {
  if (args.artifact !== undefined) {
    const matches = out.artifacts.filter((a) => a.name === args.artifact);
    if (matches.length > 0) return matches[matches.length - 1].nodeId;
    const names = [...new Set(out.artifacts.map((a) => a.name))];
    if (names.length === 0) throw new NotFoundError(`No artifact named "${args.artifact}": ${fileName} has no lineapy.save calls. Use --var NAME to slice a variable.`);
    const close = closestNames(args.artifact, names, 3);
    throw new NotFoundError(
      `No artifact named "${args.artifact}" in ${fileName}. ${close.length > 0 ? `Did you mean ${close.map((n) => `"${n}"`).join(', ')}? ` : ''}Artifacts: ${names.join(', ')}.`,
      close,
    );
  }
  const name = args.variable ?? '';
  const binding = out.bindings.find((b) => b.name === name);
  if (binding) return binding.nodeId;
  const names = out.bindings.map((b) => b.name);
  const close = closestNames(name, names, 3);
  const hint = close.length > 0 ? ` Did you mean ${close.map((n) => `"${n}"`).join(', ')}?` : names.length > 0 ? ` Variables: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', …' : ''}.` : '';
  throw new NotFoundError(`No variable named "${name}" is bound at the end of ${fileName}.${hint}`, close);
}

export async function run(rawArgs: string[], io: CliIO): Promise<number> {
  if (rawArgs.includes('--help') || rawArgs.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const args = parseArgs(rawArgs);
  if (typeof args === 'string') {
    io.err(`threadline slice: ${args}\n${USAGE}`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(args.file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    io.err(`threadline slice: cannot read "${args.file}"${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': it is a folder' : ''}.`);
    return 1;
  }
  const fileName = basename(args.file);
  try {
    const input = readSourceFile(fileName, bytes);
    const out = analyseProgram(input, { sessionId: 'cli' });
    for (const d of [...input.diagnostics, ...out.diagnostics]) {
      if (d.severity === 'error') io.err(`warning: ${d.message}`);
    }
    const targetId = resolveTarget(out, args, fileName);
    const slice = createSlicer({ sourceCodes: out.sourceCodes, nodes: out.nodes }).slice([targetId], { keepLineapy: args.keepLineapy });
    if (args.json) io.out(JSON.stringify({ code: slice.code, nodeIds: slice.nodeIds, lines: slice.lines }, null, 2));
    else if (slice.code !== '') io.out(slice.code);
    return 0;
  } catch (e) {
    io.err(`threadline slice: ${userMessage(e)}`);
    return e instanceof ThreadlineError ? 1 : 3;
  }
}
