#!/usr/bin/env node
// Threadline CLI launcher: runs the TypeScript entry point through tsx so that
// `npx threadline …` works straight after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

// A reader that stops early (`threadline graph big.py --json | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.exit(3);
  });
}

register();
const here = dirname(fileURLToPath(import.meta.url));
try {
  const { main } = await import(join(here, '..', 'src', 'cli', 'main.ts'));
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`threadline: something went wrong while starting: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 4;
}
