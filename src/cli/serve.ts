/**
 * `threadline serve`: the team server (src/server) for the built app and the team API, and
 * `threadline serve token create` to make an API token (printed once, stored as sha256),
 * `token list` (ids, users, roles, the first characters) and `token revoke`.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from './files';
import type { CliIO } from './main';
import { quoted } from './output';

const USAGE = [
  'usage: threadline serve [--port N] [--host H] [--data DIR | --database URL] [--dist DIR] [--max-body-mb N]',
  '       threadline serve token create --user NAME --role read|write|admin [--data DIR | --database URL]',
  '       threadline serve token list [--data DIR | --database URL]',
  '       threadline serve token revoke ID|PREFIX [--data DIR | --database URL]',
  '  --port N          port to listen on (default 8080; 0 picks a free one)',
  '  --host H          address to listen on (default 127.0.0.1)',
  '  --data DIR        keep the catalog in PGlite in DIR (default ./threadline-data)',
  '  --database URL    use a PostgreSQL server instead (or set THREADLINE_DATABASE_URL)',
  '  --dist DIR        the built app to serve (default the package’s dist/)',
  '  --max-body-mb N   refuse bodies over N MiB (default 16)',
].join('\n');

interface ServeArgs {
  port: number;
  host: string;
  data: string;
  database?: string;
  dist?: string;
  maxBodyMb: number;
  token?: { user: string; role: string };
  tokens?: { action: 'list' } | { action: 'revoke'; which: string };
}

const VALUED = new Set(['--port', '--host', '--data', '--database', '--dist', '--max-body-mb', '--user', '--role']);

function parseArgs(args: string[]): ServeArgs | string {
  const values = new Map<string, string>();
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    if (VALUED.has(flag)) {
      const v = inline ?? args[++i];
      if (v === undefined) return `${flag} needs a value.`;
      if (values.has(flag)) return `${flag} is given twice.`;
      values.set(flag, v);
    } else if (a.startsWith('-')) return `unknown option ${quoted(a)}.`;
    else words.push(a);
  }
  const port = Number(values.get('--port') ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) return `--port needs a port number from 0 to 65535, not ${quoted(values.get('--port') ?? '')}.`;
  const maxBodyMb = Number(values.get('--max-body-mb') ?? '16');
  if (!Number.isFinite(maxBodyMb) || maxBodyMb <= 0 || maxBodyMb > 1024) return '--max-body-mb needs a size in MiB from 1 to 1024.';
  const database = values.get('--database') ?? (process.env.THREADLINE_DATABASE_URL || undefined);
  if (values.has('--database') && values.has('--data')) return 'give --data or --database, not both.';
  const out: ServeArgs = { port, host: values.get('--host') ?? '127.0.0.1', data: resolve(values.get('--data') ?? 'threadline-data'), database: values.has('--data') ? undefined : database, dist: values.get('--dist'), maxBodyMb };
  if (words.length === 0) {
    if (values.has('--user') || values.has('--role')) return '--user and --role belong to `serve token create`.';
    return out;
  }
  if (words[0] === 'token' && (words[1] === 'list' || words[1] === 'revoke')) {
    if (values.has('--user') || values.has('--role')) return '--user and --role belong to `serve token create`.';
    if (words[1] === 'list') return words.length === 2 ? { ...out, tokens: { action: 'list' } } : 'token list takes no names.';
    if (words.length !== 3) return 'token revoke needs one token id or printed prefix (see `serve token list`).';
    return { ...out, tokens: { action: 'revoke', which: words[2] } };
  }
  if (words.join(' ') !== 'token create') return `unknown subcommand ${quoted(words.join(' '))}; the ones there are \`token create\`, \`token list\` and \`token revoke\`.`;
  const user = values.get('--user');
  const role = values.get('--role');
  if (!user) return 'token create needs --user NAME.';
  if (!role || !['read', 'write', 'admin'].includes(role)) return 'token create needs --role read, write or admin.';
  return { ...out, token: { user, role } };
}

/** The package's own `dist/`: the folder above this module (src/cli or dist-cli) that holds package.json. */
function packageDist(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist');
    dir = dirname(dir);
  }
  return resolve('dist');
}

export async function run(rawArgs: string[], io: CliIO): Promise<number> {
  if (rawArgs.includes('--help') || rawArgs.includes('-h')) {
    io.out(USAGE);
    return EXIT.ok;
  }
  const args = parseArgs(rawArgs);
  if (typeof args === 'string') {
    io.err(`threadline serve: ${args}\n${USAGE}`);
    return EXIT.usage;
  }
  const { openDatabase } = await import('../server/db');
  const { migrate } = await import('../server/migrations');
  if (args.token) {
    const { createToken, validUserName } = await import('../server/tokens');
    if (!validUserName(args.token.user)) {
      io.err('threadline serve: --user needs 1–100 characters, no control characters and no spaces at the ends.');
      return EXIT.usage;
    }
    const db = await openDatabase(args);
    try {
      await migrate(db);
      const token = await createToken(db, args.token.user, args.token.role as 'read');
      io.out(token);
      io.err(`A ${args.token.role} token for ${args.token.user}. It is shown only now; the server keeps only its sha256.`);
    } finally {
      await db.close();
    }
    return EXIT.ok;
  }
  if (args.tokens) return tokenAdmin(args, args.tokens, io);
  const { checkDist } = await import('../server/static');
  let dist: string;
  try {
    dist = checkDist(args.dist ?? packageDist());
  } catch (e) {
    io.err(`threadline serve: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.input;
  }
  const { startServer } = await import('../server/server');
  const db = await openDatabase(args);
  let server;
  try {
    server = await startServer({ db, dist, port: args.port, host: args.host, maxBodyBytes: Math.round(args.maxBodyMb * 1024 * 1024), log: (line) => io.out(line) });
  } catch (e) {
    await db.close().catch(() => {});
    throw e;
  }
  const running = server;
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      void running.stop().then(done);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  return EXIT.ok;
}

/** `token list` and `token revoke`, on the database of --data / --database. */
async function tokenAdmin(args: ServeArgs, what: NonNullable<ServeArgs['tokens']>, io: CliIO): Promise<number> {
  const { openDatabase } = await import('../server/db');
  const { migrate } = await import('../server/migrations');
  const { listTokens, revokeToken } = await import('../server/tokens');
  const db = await openDatabase(args);
  try {
    await migrate(db);
    const line = (t: { id: string; user: string; role: string; createdAt: number; prefix: string; revokedAt?: number }) =>
      [t.id, t.prefix ? `${t.prefix}…` : '(no prefix)', quoted(t.user), t.role, new Date(t.createdAt).toISOString(), t.revokedAt ? `revoked ${new Date(t.revokedAt).toISOString()}` : 'active'].join('  ');
    if (what.action === 'list') {
      const tokens = await listTokens(db);
      if (tokens.length === 0) io.err('No tokens yet: make one with `threadline serve token create --user NAME --role write`.');
      for (const t of tokens) io.out(line(t));
      return EXIT.ok;
    }
    const r = await revokeToken(db, what.which);
    if (r.kind === 'none') {
      io.err(`threadline serve: no token matches ${quoted(what.which)} (give an id, at least its first 4 characters, or the tl_… prefix that \`token list\` prints).`);
      return EXIT.input;
    }
    if (r.kind === 'ambiguous') {
      io.err(`threadline serve: ${quoted(what.which)} matches ${r.count} tokens; give more of the id. Nothing was revoked.`);
      return EXIT.input;
    }
    io.out(line(r.token));
    io.err(`Revoked: calls with this token now get 401. Shares already made stay.`);
    return EXIT.ok;
  } finally {
    await db.close();
  }
}
