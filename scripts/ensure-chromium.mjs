#!/usr/bin/env node
// Makes sure a Chromium for the e2e tests exists. Playwright cannot download its own
// browsers on this network, so we use Debian's `chromium` package.
//  - CHROMIUM_PATH set: use it (it must exist).
//  - /usr/bin/chromium present: use it.
//  - otherwise, as root: apt-get install -y chromium.
//  - otherwise: explain what to do and fail.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { DEFAULT_CHROMIUM_PATH } from './chromium.mjs';

const wanted = process.env.CHROMIUM_PATH;
if (wanted) {
  if (existsSync(wanted)) process.exit(0);
  console.error(`CHROMIUM_PATH is set to ${wanted}, but no file is there.`);
  process.exit(1);
}
if (existsSync(DEFAULT_CHROMIUM_PATH)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(
    'Chromium is missing. Install Debian\'s package (sudo apt-get install -y chromium), ' +
      'or set CHROMIUM_PATH to a Chromium or Chrome binary, then run the tests again.',
  );
  process.exit(1);
}
console.log('Chromium is missing: installing Debian\'s chromium package (about 30 s)…');
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) {
    console.error(`"${cmd} ${args.join(' ')}" failed (exit ${r.status}). Install chromium by hand or set CHROMIUM_PATH.`);
    process.exit(1);
  }
};
run('apt-get', ['update', '-qq']);
run('apt-get', ['install', '-y', '-qq', 'chromium']);
if (!existsSync(DEFAULT_CHROMIUM_PATH)) {
  console.error(`apt-get finished, but ${DEFAULT_CHROMIUM_PATH} is still missing. Set CHROMIUM_PATH.`);
  process.exit(1);
}
