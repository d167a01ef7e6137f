/**
 * The `threadline` command line, over src/core only.
 * Each command lives in its own module and exports `run(args, io): Promise<number>`.
 * Everything a command prints goes through `safeIO`, which escapes control characters, so no
 * byte of a hostile input reaches the terminal raw.
 */
import { EXIT } from './files';
import { escapeControls } from './output';
import { COMMON_USAGE, reportFailure } from './program';

export interface CliIO {
  /** One line (or lines) on stdout; a final newline is added when missing. */
  out: (text: string) => void;
  /** One line (or lines) on stderr; a final newline is added when missing. */
  err: (text: string) => void;
  /** A chunk of stdout as is (no newline added); resolves when stdout can take more. */
  write: (chunk: string) => Promise<void>;
}

const commands: Record<string, { summary: string; load: () => Promise<{ run: (args: string[], io: CliIO) => Promise<number> }> }> = {
  graph: { summary: 'graph FILE [--json]                 node counts, diagnostics and variables of a .py or .ipynb', load: () => import('./graph') },
  slice: { summary: 'slice FILE (--artifact NAME | --var NAME) [--keep-lineapy] [--json]   the minimal code for a value', load: () => import('./slice') },
  pipeline: { summary: 'pipeline FILE --artifact A [--artifact B …] [--var NAME] [--framework script|airflow] [--fine] --out DIR   runnable module, requirements, Airflow DAG', load: () => import('./pipeline') },
  serve: { summary: 'serve [--port N] [--host H] [--data DIR | --database URL] [--dist DIR]   the team server (app + API); `serve token create --user NAME --role read|write|admin` makes a token', load: () => import('./serve') },
};

const withNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/** Writes to a stream, waiting for 'drain' when its buffer is full. */
function writeStream(stream: NodeJS.WritableStream, chunk: string): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(chunk)) resolve();
    else stream.once('drain', resolve);
  });
}

export const defaultIO: CliIO = {
  out: (text) => void process.stdout.write(withNewline(text)),
  err: (text) => void process.stderr.write(withNewline(text)),
  write: (chunk) => writeStream(process.stdout, chunk),
};

/** `io` with every control character from the input escaped (line breaks and tabs are kept as layout). */
export function safeIO(io: CliIO): CliIO {
  return {
    out: (text) => io.out(escapeControls(text)),
    err: (text) => io.err(escapeControls(text)),
    write: (chunk) => io.write(escapeControls(chunk)),
  };
}

export const EXIT_CODES = [
  `exit codes:`,
  `  ${EXIT.ok}  done`,
  `  ${EXIT.input}  the input was refused or not found (missing, unreadable, not a regular file, over --max-bytes, not Python, no such artifact or variable)`,
  `  ${EXIT.usage}  the command line is wrong (unknown command or option, missing argument)`,
  `  ${EXIT.output}  the output could not be written (a file-system error, or --out or a file in it is a link, a file or a device)`,
  `  ${EXIT.internal}  something went wrong inside Threadline (a bug; please report it)`,
].join('\n');

export function usage(): string {
  return [
    'usage: threadline <command> …',
    '',
    ...Object.values(commands).map((c) => `  threadline ${c.summary}`),
    '',
    'options of every command:',
    COMMON_USAGE,
    '',
    EXIT_CODES,
  ].join('\n');
}

export async function main(argv: string[], rawIO: CliIO = defaultIO): Promise<number> {
  const io = safeIO(rawIO);
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.err(`threadline: unknown command "${escapeControls(name, false)}".\n${usage()}`);
    return EXIT.usage;
  }
  try {
    const mod = await command.load();
    return await mod.run(rest, io);
  } catch (e) {
    return reportFailure(name, e, io);
  }
}
