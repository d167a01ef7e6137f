/**
 * What every `threadline` command does first: read a file, analyse it, and find the value
 * the user named (a `lineapy.save` artifact or a variable bound at the end).
 */
import { basename } from 'node:path';
import { analyseProgram } from '../core/analysis/index';
import { NotFoundError, ThreadlineError, userMessage } from '../core/errors';
import type { AnalysisOutput, Diagnostic, ProgramInput } from '../core/model';
import { closestNames } from '../core/names';
import { readSourceFile } from '../core/notebook/index';
import { CliFileError, DEFAULT_MAX_BYTES, EXIT, parseByteSize, readRegularFile, sizeText } from './files';
import type { CliIO } from './main';
import { escapeControls, quoted } from './output';

/** Options every command takes, besides its own. */
export interface CommonArgs {
  maxBytes: number;
}

/** `--max-bytes N` (or `--max-bytes=N`) taken out of the arguments; a string says why it does not parse. */
function takeCommonArgs(rawArgs: string[]): { rest: string[]; common: CommonArgs } | string {
  const rest: string[] = [];
  let maxBytes = DEFAULT_MAX_BYTES;
  for (let i = 0; i < rawArgs.length; i++) {
    const a = rawArgs[i];
    if (a !== '--max-bytes' && !a.startsWith('--max-bytes=')) {
      rest.push(a);
      continue;
    }
    const value = a === '--max-bytes' ? rawArgs[++i] : a.slice('--max-bytes='.length);
    const n = value === undefined ? undefined : parseByteSize(value);
    if (n === undefined) return `--max-bytes needs a size in bytes, such as 1000000, 500k or 200M${value === undefined ? '' : `, not ${quoted(value)}`}.`;
    maxBytes = n;
  }
  return { rest, common: { maxBytes } };
}

/**
 * The common start of a command: `--help` prints the usage (exit 0); arguments that do not
 * parse print the reason and the usage (exit 2). Otherwise the parsed arguments, with the
 * options every command takes (`--max-bytes`).
 */
export function parseCommandArgs<T>(command: string, rawArgs: string[], usage: string, parse: (args: string[]) => T | string, io: CliIO): (T & CommonArgs) | number {
  if (rawArgs.includes('--help') || rawArgs.includes('-h')) {
    io.out(`${usage}\n${COMMON_USAGE}`);
    return 0;
  }
  const taken = takeCommonArgs(rawArgs);
  const args = typeof taken === 'string' ? taken : parse(taken.rest);
  if (typeof args === 'string') {
    io.err(`threadline ${command}: ${args}\n${usage}`);
    return EXIT.usage;
  }
  return { ...args, ...(taken as { common: CommonArgs }).common };
}

export const COMMON_USAGE = `  --max-bytes N   refuse input files larger than N bytes (500k, 200M, 1G also work; default ${sizeText(DEFAULT_MAX_BYTES)})`;

/** The file's bytes, or the exit code after telling the user why it could not be read. */
export async function readInputFile(command: string, path: string, maxBytes: number, io: CliIO): Promise<Uint8Array | number> {
  try {
    return await readRegularFile(path, maxBytes);
  } catch (e) {
    return reportFailure(command, e, io);
  }
}

/**
 * What a command prints when it fails: the sentence on stderr, and the exit code (1 for
 * refused input, 3 for output that could not be written, 4 for a bug).
 */
export function reportFailure(command: string, error: unknown, io: CliIO): number {
  io.err(`threadline ${command}: ${escapeControls(error instanceof CliFileError ? error.message : userMessage(error), false)}`);
  if (error instanceof CliFileError) return error.exitCode;
  return error instanceof ThreadlineError ? EXIT.input : EXIT.internal;
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

/** How many warnings `warnAboutErrors` prints before it only counts the rest. */
const MAX_WARNINGS = 20;

/** Prints errors among the diagnostics as warnings on stderr, one line each (the command still goes on). */
export function warnAboutErrors(diagnostics: Diagnostic[], io: CliIO): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  for (const d of errors.slice(0, MAX_WARNINGS)) io.err(`warning: ${escapeControls(d.message, false)}`);
  if (errors.length > MAX_WARNINGS) io.err(`warning: … and ${(errors.length - MAX_WARNINGS).toLocaleString('en')} more errors (threadline graph lists them all).`);
}

/** At most `max` names, comma-separated, with `, …` when there are more. */
function someNames(names: string[], max = 20): string {
  return `${names.slice(0, max).join(', ')}${names.length > max ? ', …' : ''}`;
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
    throw new NotFoundError(`No artifact named "${target.name}" in ${fileName}. ${didYouMean(close)}${close.length > 0 ? ' ' : ''}Artifacts: ${someNames(names)}.`, close);
  }
  const binding = output.bindings.find((b) => b.name === target.name);
  if (binding) return binding.nodeId;
  const names = output.bindings.map((b) => b.name);
  const close = closestNames(target.name, names, 3);
  const hint = close.length > 0 ? ` ${didYouMean(close)}` : names.length > 0 ? ` Variables: ${someNames(names)}.` : '';
  throw new NotFoundError(`No variable named "${target.name}" is bound at the end of ${fileName}.${hint}`, close);
}
