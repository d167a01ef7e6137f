// Is the built CLI (dist-cli/threadline.mjs) at least as new as every source it is built from?
// Shared by the launcher (bin/threadline.mjs) and the CLI tests (src/cli/testing.ts).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time of a non-test .ts file under src/cli and src/core (0 if none). */
export function newestSource(root) {
  let newest = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(root, 'src', 'cli'));
  walk(join(root, 'src', 'core'));
  return newest;
}

/** True when dist-cli/threadline.mjs exists and no source is newer. */
export function builtIsFresh(root) {
  const built = join(root, 'dist-cli', 'threadline.mjs');
  return existsSync(built) && statSync(built).mtimeMs >= newestSource(root);
}
