import type { CliIO } from './main';

export async function run(_args: string[], io: CliIO): Promise<number> {
  io.err('threadline graph: not built yet.');
  return 2;
}
