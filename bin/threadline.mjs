#!/usr/bin/env node
// Threadline CLI launcher. It runs the CLI built once by `npm run build:cli` (run by
// `npm run build` and at install): `dist-cli/threadline.mjs`, plain JavaScript that starts at once.
// In a checkout where that build is missing, or older than a file under src/ (a developer
// editing the code), it runs the TypeScript sources through tsx instead and says so on stderr
// (quietly with THREADLINE_CLI_SOURCE=1).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { builtIsFresh } from './cli-freshness.mjs';

// A reader that stops early (`threadline graph big.py --json | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.exit(3);
  });
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist-cli', 'threadline.mjs');

async function load() {
  // THREADLINE_CLI_SOURCE=1 runs the sources on purpose (tests of a checkout being edited): no note.
  const fromSource = process.env.THREADLINE_CLI_SOURCE === '1';
  if (!fromSource && builtIsFresh(root)) return import(pathToFileURL(built).href);
  if (!fromSource) process.stderr.write(
    existsSync(built)
      ? 'threadline: src/ changed since the CLI was built; running from source (slower). `npm run build:cli` rebuilds it.\n'
      : 'threadline: the built CLI is missing; running from source (slower). `npm run build:cli` builds it.\n',
  );
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href);
}

try {
  const { main } = await load();
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`threadline: something went wrong while starting: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 4;
}
