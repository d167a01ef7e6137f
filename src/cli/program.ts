/**
 * What every `threadline` command does first: read a file, analyse it, and find the value
 * the user named (a `lineapy.save` artifact or a variable bound at the end).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { analyseProgram } from '../core/analysis/index';
import { NotFoundError, userMessage } from '../core/errors';
import type { AnalysisOutput, Diagnostic, ProgramInput } from '../core/model';
import { closestNames } from '../core/names';
import { readSourceFile } from '../core/notebook/index';
import type { CliIO } from './main';

/**
 * The common start of a command: `--help` prints the usage (exit 0); arguments that do not
 * parse print the reason and the usage (exit 2). Otherwise the parsed arguments.
 */
export function parseCommandArgs<T>(command: string, rawArgs: string[], usage: string, parse: (args: string[]) => T | string, io: CliIO): T | number {
  if (rawArgs.includes('--help') || rawArgs.includes('-h')) {
    io.out(usage);
    return 0;
  }
  const args = parse(rawArgs);
  if (typeof args === 'string') {
    io.err(`threadline ${command}: ${args}\n${usage}`);
    return 2;
  }
  return args;
}

/** The file's bytes, or the exit code after telling the user why it could not be read. */
export async function readInputFile(command: string, path: string, io: CliIO): Promise<Uint8Array | number> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : userMessage(e);
    io.err(`threadline ${command}: cannot read "${path}": ${why}.`);
    return 1;
  }
}

export interface AnalysedFile {
  fileName: string;
  input: ProgramInput;
  output: AnalysisOutput;
  /** The reader's and the analyser's, in that order. */
  diagnostics: Diagnostic[];
}

/** Reads and analyses a file's bytes (throws InputError for files that are not Python). */
export function analyseFile(path: string, bytes: Uint8Array): AnalysedFile {
  const fileName = basename(path);
  const input = readSourceFile(fileName, bytes);
  const output = analyseProgram(input, { sessionId: 'cli', fileName });
  return { fileName, input, output, diagnostics: [...input.diagnostics, ...output.diagnostics] };
}

/** Prints errors among the diagnostics as warnings on stderr (the command still goes on). */
export function warnAboutErrors(diagnostics: Diagnostic[], io: CliIO): void {
  for (const d of diagnostics) if (d.severity === 'error') io.err(`warning: ${d.message}`);
}

export interface TargetName {
  kind: 'artifact' | 'var';
  name: string;
}

function didYouMean(close: string[]): string {
  return close.length > 0 ? `Did you mean ${close.map((n) => `"${n}"`).join(', ')}?` : '';
}

/**
 * The node of a `lineapy.save` artifact (its last save) or of a variable bound at the end.
 * An unknown name is a NotFoundError that suggests the closest names.
 */
export function resolveTarget(file: AnalysedFile, target: TargetName, verb: string): string {
  const { output, fileName } = file;
  if (target.kind === 'artifact') {
    const matches = output.artifacts.filter((a) => a.name === target.name);
    if (matches.length > 0) return matches[matches.length - 1].nodeId;
    const names = [...new Set(output.artifacts.map((a) => a.name))];
    if (names.length === 0) {
      throw new NotFoundError(`No artifact named "${target.name}": ${fileName} has no lineapy.save calls. Use --var NAME to ${verb} a variable.`);
    }
    const close = closestNames(target.name, names, 3);
    throw new NotFoundError(`No artifact named "${target.name}" in ${fileName}. ${didYouMean(close)}${close.length > 0 ? ' ' : ''}Artifacts: ${names.join(', ')}.`, close);
  }
  const binding = output.bindings.find((b) => b.name === target.name);
  if (binding) return binding.nodeId;
  const names = output.bindings.map((b) => b.name);
  const close = closestNames(target.name, names, 3);
  const hint = close.length > 0 ? ` ${didYouMean(close)}` : names.length > 0 ? ` Variables: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', …' : ''}.` : '';
  throw new NotFoundError(`No variable named "${target.name}" is bound at the end of ${fileName}.${hint}`, close);
}
