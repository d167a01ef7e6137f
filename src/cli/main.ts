/**
 * The `threadline` command line, over src/core only.
 * Each command lives in its own module and exports `run(args, io): Promise<number>`.
 */
export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

const commands: Record<string, { summary: string; load: () => Promise<{ run: (args: string[], io: CliIO) => Promise<number> }> }> = {
  graph: { summary: 'graph FILE [--json]                 node counts, diagnostics and variables of a .py or .ipynb', load: () => import('./graph') },
  slice: { summary: 'slice FILE (--artifact NAME | --var NAME) [--keep-lineapy] [--json]   the minimal code for a value', load: () => import('./slice') },
  pipeline: { summary: 'pipeline FILE --artifact A [--artifact B …] [--var NAME] [--framework script|airflow] --out DIR   runnable module, requirements, Airflow DAG', load: () => import('./pipeline') },
};

const defaultIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

export function usage(): string {
  return ['usage: threadline <command> …', '', ...Object.values(commands).map((c) => `  threadline ${c.summary}`)].join('\n');
}

export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`threadline: unknown command "${name}".\n${usage()}`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest, io);
}
