/**
 * `threadline slice FILE (--artifact NAME | --var NAME) [--fine] [--keep-lineapy] [--json]`
 *
 * Prints the minimal code that reproduces a value: a `lineapy.save` artifact in the file
 * (`--artifact`), a variable's binding at the end of the file (`--var`), or a local of a
 * module-level function (`--var main.ranker`, issue 18.2). `--fine` cuts inside blocks
 * (issue 18.1). A name not bound at module level in a script whose work runs from
 * `if __name__ == "__main__": main()` is answered with the locals of `main`.
 */
import { NotFoundError } from '../core/errors';
import { createSlicer, type Slicer } from '../core/slice/index';
import type { CliIO } from './main';
import { escapeControls, jsonPieces, writeChunked } from './output';
import { analyseFile, parseCommandArgs, readInputFile, reportFailure, resolveTarget, warnAboutErrors, type TargetName } from './program';

const USAGE = 'usage: threadline slice FILE (--artifact NAME | --var NAME | --var FUNCTION.NAME) [--fine] [--keep-lineapy] [--json] [--max-bytes N]';

interface SliceArgs {
  file: string;
  artifact?: string;
  variable?: string;
  keepLineapy: boolean;
  fine: boolean;
  json: boolean;
}

function parseArgs(args: string[]): SliceArgs | string {
  let file: string | undefined;
  let artifact: string | undefined;
  let variable: string | undefined;
  let keepLineapy = false;
  let fine = false;
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
    else if (flag === '--fine') fine = true;
    else if (flag === '--json') json = true;
    else if (a.startsWith('-') && a !== '-') return `unknown option "${a}".`;
    else if (file === undefined) file = a;
    else return `unexpected argument "${a}".`;
  }
  if (!file) return 'give a .py or .ipynb file.';
  if ((artifact === undefined) === (variable === undefined)) return 'give exactly one of --artifact NAME or --var NAME.';
  return { file, artifact, variable, keepLineapy, fine, json };
}

export async function run(rawArgs: string[], io: CliIO): Promise<number> {
  const args = parseCommandArgs('slice', rawArgs, USAGE, parseArgs, io);
  if (typeof args === 'number') return args;
  const bytes = await readInputFile('slice', args.file, args.maxBytes, io);
  if (typeof bytes === 'number') return bytes;
  try {
    const file = analyseFile(args.file, bytes);
    warnAboutErrors(file.diagnostics, io);
    const out = file.output;
    const slicer = createSlicer({ sourceCodes: out.sourceCodes, nodes: out.nodes });
    const opts = { keepLineapy: args.keepLineapy, fine: args.fine };
    const local = args.variable !== undefined ? localName(args.variable, out.bindings.map((b) => b.name)) : undefined;
    let slice;
    if (local) slice = slicer.sliceLocal(local.fn, local.name, opts);
    else {
      const target: TargetName = args.artifact !== undefined ? { kind: 'artifact', name: args.artifact } : { kind: 'var', name: args.variable ?? '' };
      const targetId = resolveWithMain(() => resolveTarget(file, target, 'slice'), target, slicer);
      slice = slicer.slice([targetId], { ...opts, ...(target.kind === 'var' ? { names: [target.name] } : {}) });
    }
    for (const d of slice.diagnostics ?? []) if (d.severity === 'warning') io.err(`warning: ${escapeControls(d.message, false)}`);
    if (args.json) await writeChunked(jsonPieces({ code: slice.code, nodeIds: slice.nodeIds, lines: slice.lines, diagnostics: slice.diagnostics ?? [] }), io.write);
    else if (slice.code !== '') await io.write(slice.code.endsWith('\n') ? slice.code : `${slice.code}\n`);
    return 0;
  } catch (e) {
    return reportFailure('slice', e, io);
  }
}

/** `fn.name` for a local of a function, unless the dotted text is a module-level name. */
function localName(variable: string, moduleNames: readonly string[]): { fn: string; name: string } | undefined {
  const m = /^([\p{L}_][\p{L}\p{N}_]*)\.([\p{L}_][\p{L}\p{N}_]*)$/u.exec(variable);
  return m && !moduleNames.includes(variable) ? { fn: m[1], name: m[2] } : undefined;
}

/**
 * A variable that is not bound at module level, in a script that runs its work from
 * `if __name__ == "__main__":`, is probably a local of the function it calls: say so and
 * list that function's locals.
 */
function resolveWithMain(resolve: () => string, target: TargetName, slicer: Slicer): string {
  try {
    return resolve();
  } catch (e) {
    if (!(e instanceof NotFoundError) || target.kind !== 'var') throw e;
    const mains = slicer.mainFunctions();
    if (mains.length === 0) throw e;
    const parts = mains.map((fn) => {
      const locals = slicer.functionLocals(fn) ?? [];
      const has = locals.includes(target.name);
      return `${has ? `"${target.name}" is a local of ${fn}(): use --var ${fn}.${target.name}. ` : ''}The locals of ${fn}(): ${locals.slice(0, 30).join(', ') || 'none'}${locals.length > 30 ? ', …' : ''}.`;
    });
    throw new NotFoundError(`${e.message} This script does its work inside ${mains.map((f) => `${f}()`).join(', ')} (called from \`if __name__ == "__main__":\`). ${parts.join(' ')}`, e.suggestions);
  }
}
