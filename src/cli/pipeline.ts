/**
 * `threadline pipeline FILE --artifact A [--artifact B …] [--var NAME …] [--framework script|airflow] [--name NAME] [--fine] --out DIR`
 *
 * Writes `<name>_module.py`, `<name>_requirements.txt` and, for Airflow, `<name>_dag.py`
 * for `lineapy.save` artifacts of FILE (`--artifact`) and variables bound at its end (`--var`).
 * `--fine` exports fine slices (issue 18): `if`/`for`/`while` blocks trimmed to what the artifacts need.
 */
import { join } from 'node:path';
import { buildPipeline, type PipelineArtifactInput, type PipelineFramework } from '../core/export/index';
import { escapeControls } from './output';
import { prepareOutputDir, writeOutputFiles } from './files';
import type { CliIO } from './main';
import { analyseFile, parseCommandArgs, readInputFile, reportFailure, resolveTarget, warnAboutErrors } from './program';

const USAGE =
  'usage: threadline pipeline FILE --artifact NAME [--artifact NAME …] [--var NAME …] [--framework script|airflow] [--name NAME] [--fine] [--max-bytes N] --out DIR';

interface PipelineArgs {
  file: string;
  targets: Array<{ kind: 'artifact' | 'var'; name: string }>;
  framework: PipelineFramework;
  name?: string;
  out: string;
  fine: boolean;
}

function parseArgs(args: string[]): PipelineArgs | string {
  let file: string | undefined;
  let out: string | undefined;
  let name: string | undefined;
  let framework: PipelineFramework = 'script';
  let fine = false;
  const targets: PipelineArgs['targets'] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    if (a === '--fine') fine = true;
    else if (['--artifact', '--var', '--framework', '--out', '--name'].includes(flag)) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') return `${flag} needs a value.`;
      if (flag === '--artifact') targets.push({ kind: 'artifact', name: value });
      else if (flag === '--var') targets.push({ kind: 'var', name: value });
      else if (flag === '--out') out = value;
      else if (flag === '--name') name = value;
      else if (value === 'script' || value === 'airflow') framework = value;
      else return `--framework must be "script" or "airflow", not "${value}".`;
    } else if (a.startsWith('-') && a !== '-') return `unknown option "${a}".`;
    else if (file === undefined) file = a;
    else return `unexpected argument "${a}".`;
  }
  if (!file) return 'give a .py or .ipynb file.';
  if (targets.length === 0) return 'give at least one --artifact NAME (or --var NAME).';
  if (!out) return 'give an output folder with --out DIR.';
  return { file, targets, framework, out, fine, ...(name !== undefined ? { name } : {}) };
}

export async function run(rawArgs: string[], io: CliIO): Promise<number> {
  const args = parseCommandArgs('pipeline', rawArgs, USAGE, parseArgs, io);
  if (typeof args === 'number') return args;
  const bytes = await readInputFile('pipeline', args.file, args.maxBytes, io);
  if (typeof bytes === 'number') return bytes;
  try {
    const file = analyseFile(args.file, bytes);
    warnAboutErrors(file.diagnostics, io);
    const graph = { sourceCodes: file.output.sourceCodes, nodes: file.output.nodes };
    const artifacts: PipelineArtifactInput[] = args.targets.map((t) => ({
      name: t.name,
      graph,
      sessionId: 'cli',
      sessionName: file.fileName,
      nodeId: resolveTarget(file, t, 'export'),
    }));
    const pipeline = buildPipeline({ framework: args.framework, artifacts, fine: args.fine, ...(args.name !== undefined ? { name: args.name } : {}) });
    await prepareOutputDir(args.out);
    const files = pipeline.files.map((f) => ({ path: join(args.out, f.path), content: f.content }));
    await writeOutputFiles(files);
    for (const f of files) io.out(escapeControls(f.path, false));
    return 0;
  } catch (e) {
    return reportFailure('pipeline', e, io);
  }
}
