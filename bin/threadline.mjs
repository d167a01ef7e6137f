#!/usr/bin/env node
// Threadline CLI launcher: runs the TypeScript entry point through tsx so that
// `npx threadline …` works straight after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

register();
const here = dirname(fileURLToPath(import.meta.url));
const { main } = await import(join(here, '..', 'src', 'cli', 'main.ts'));
process.exitCode = await main(process.argv.slice(2));
