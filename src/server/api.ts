/** The `/api` routes of docs/notes/team-api.md: auth by bearer token, role checks, then the share store. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InputError } from '../core/errors';
import { validateBundle, InvalidBundleError } from '../store/bundle-validate';
import type { Database } from './db';
import { HttpError, isJson, parseJson, readBody, sendJson, type Problem } from './http';
import { bodyDigest, deleteShare, getShare, getShareBundle, listShares, pushShare, SORTS, type ListQuery } from './shares';
import { findCaller, roleAtLeast, type Caller, type Role } from './tokens';

export interface ApiContext {
  db: Database;
  maxBodyBytes: number;
}

const KEY = /^[A-Za-z0-9_-]{8,100}$/;
const MAX_LIMIT = 200;

async function authenticate(req: IncomingMessage, db: Database): Promise<Caller> {
  const header = req.headers.authorization;
  if (!header) throw new HttpError('unauthorized', 'This call needs an Authorization: Bearer <token> header.');
  const m = /^Bearer ([A-Za-z0-9._~+/=-]{1,200})$/.exec(header);
  if (!m) throw new HttpError('unauthorized', 'The Authorization header should be "Bearer <token>".');
  const caller = await findCaller(db, m[1]);
  if (!caller) throw new HttpError('unauthorized', 'This token is not known to the server.');
  return caller;
}

function need(caller: Caller, role: Role): void {
  if (!roleAtLeast(caller.role, role)) throw new HttpError('forbidden', `This needs the ${role} role; your token has ${caller.role}.`);
}

/** The share rules on top of the bundle format: one artifact and the one session it belongs to. */
function checkShareBundle(raw: unknown): ReturnType<typeof validateBundle> {
  let bundle;
  try {
    bundle = validateBundle(raw);
  } catch (e) {
    if (e instanceof InvalidBundleError) throw new HttpError('invalid', e.message, e.problems.map((p) => ({ path: `bundle.${p.path}`, message: p.text })));
    if (e instanceof InputError) throw new HttpError('invalid', e.message, [{ path: `bundle.${e.where ?? ''}`, message: e.message }]);
    throw e;
  }
  const problems: Problem[] = [];
  if (bundle.artifacts.length !== 1) problems.push({ path: 'bundle.artifacts', message: `a share holds exactly one artifact (this bundle has ${bundle.artifacts.length})` });
  if (bundle.sessions.length !== 1) problems.push({ path: 'bundle.sessions', message: `a share holds exactly one session (this bundle has ${bundle.sessions.length})` });
  else if (bundle.artifacts.length === 1 && bundle.artifacts[0].sessionId !== bundle.sessions[0].id) {
    problems.push({ path: 'bundle.artifacts[0].sessionId', message: 'the artifact must belong to the bundle’s session' });
  }
  // PostgreSQL text cannot hold NUL: the fields stored in their own columns must not have one.
  const a = bundle.artifacts[0];
  const s = bundle.sessions[0];
  const columns: Array<[string, string | undefined]> = [
    ['artifacts[0].name', a?.name],
    ['artifacts[0].author', a?.author],
    ['artifacts[0].description', a?.description],
    ['artifacts[0].sliceDigest', a?.sliceDigest],
    ['sessions[0].name', s?.name],
    ['sessions[0].notebookKey', s?.notebookKey],
    ...(a?.tags ?? []).flatMap((t, i): Array<[string, string]> => [[`artifacts[0].tags[${i}].key`, t.key], [`artifacts[0].tags[${i}].value`, t.value]]),
  ];
  for (const [path, value] of columns) if (value?.includes('\0')) problems.push({ path: `bundle.${path}`, message: 'has a NUL character' });
  if (problems.length > 0) throw new HttpError('invalid', `This share cannot be stored: ${problems[0].path}: ${problems[0].message}.`, problems);
  return bundle;
}

async function push(req: IncomingMessage, res: ServerResponse, ctx: ApiContext, caller: Caller): Promise<void> {
  need(caller, 'write');
  if (!isJson(req)) throw new HttpError('unsupported_media_type', 'Send the body as application/json.');
  const body = parseJson(await readBody(req, ctx.maxBodyBytes));
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError('invalid', 'The body should be an object {idempotencyKey, bundle}.', [{ path: '(top level)', message: 'expected an object' }]);
  const { idempotencyKey, bundle: raw } = body as { idempotencyKey?: unknown; bundle?: unknown };
  if (typeof idempotencyKey !== 'string' || !KEY.test(idempotencyKey)) {
    throw new HttpError('invalid', 'idempotencyKey should be 8–100 characters of A–Z, a–z, 0–9, _ and -.', [{ path: 'idempotencyKey', message: 'expected 8–100 characters of [A-Za-z0-9_-]' }]);
  }
  const digest = bodyDigest(raw);
  const bundle = checkShareBundle(raw);
  const result = await pushShare(ctx.db, caller.user, idempotencyKey, digest, bundle);
  if (result.kind === 'conflict') throw new HttpError('conflict', result.message);
  if (result.kind === 'replayed') sendJson(res, 200, { share: result.share, replayed: true });
  else if (result.kind === 'unchanged') sendJson(res, 200, { share: result.share, unchanged: true });
  else sendJson(res, 201, { share: result.share });
}

function parseList(params: URLSearchParams): ListQuery {
  const problems: Problem[] = [];
  const one = (name: string) => {
    const all = params.getAll(name);
    if (all.length > 1) problems.push({ path: name, message: 'give it at most once' });
    return all[0];
  };
  const int = (name: string, fallback: number, max: number) => {
    const v = one(name);
    if (v === undefined || v === '') return fallback;
    if (!/^\d{1,9}$/.test(v) || Number(v) > max) {
      problems.push({ path: name, message: `expected a whole number from 0 to ${max}` });
      return fallback;
    }
    return Number(v);
  };
  const tags = params.getAll('tag').map((t, i) => {
    const at = t.indexOf(':');
    if (at < 1) problems.push({ path: `tag[${i}]`, message: 'expected KEY:VALUE' });
    return { key: t.slice(0, at), value: t.slice(at + 1) };
  });
  const sort = one('sort') ?? 'sharedAt';
  if (!Object.hasOwn(SORTS, sort)) problems.push({ path: 'sort', message: `expected one of ${Object.keys(SORTS).join(', ')}` });
  const dir = one('dir') ?? 'desc';
  if (dir !== 'asc' && dir !== 'desc') problems.push({ path: 'dir', message: 'expected asc or desc' });
  const latest = one('latest');
  if (latest !== undefined && latest !== '0' && latest !== '1') problems.push({ path: 'latest', message: 'expected 0 or 1' });
  const query: ListQuery = {
    q: one('q') || undefined,
    name: one('name'),
    sharedBy: one('sharedBy'),
    author: one('author'),
    tags,
    latest: latest === '1',
    sort: sort as ListQuery['sort'],
    dir: dir as ListQuery['dir'],
    offset: int('offset', 0, 1_000_000_000),
    limit: int('limit', 50, MAX_LIMIT),
  };
  for (const [k, v] of params) {
    if (v.length > 1000) problems.push({ path: k, message: 'at most 1,000 characters' });
    if (v.includes('\0')) problems.push({ path: k, message: 'has a NUL character' });
  }
  if (problems.length > 0) throw new HttpError('invalid', `The query is not valid: ${problems[0].path}: ${problems[0].message}.`, problems);
  return query;
}

/** Handles one `/api/…` request (the caller sends any HttpError as the JSON error). */
export async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, ctx: ApiContext): Promise<string | undefined> {
  const caller = await authenticate(req, ctx.db);
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const only = (...methods: string[]) => {
    if (!methods.includes(method)) throw new HttpError('method_not_allowed', `${path} takes ${methods.join(', ')}.`);
  };
  if (path === '/api/me') {
    only('GET');
    sendJson(res, 200, { user: caller.user, role: caller.role });
  } else if (path === '/api/shares') {
    only('POST');
    await push(req, res, ctx, caller);
  } else if (path === '/api/artifacts') {
    only('GET');
    sendJson(res, 200, await listShares(ctx.db, parseList(url.searchParams)));
  } else {
    const m = /^\/api\/artifacts\/([A-Za-z0-9-]{1,64})(\/bundle)?$/.exec(path);
    if (!m) throw new HttpError('not_found', 'No such API route.');
    const [, id, bundle] = m;
    if (bundle) {
      only('GET');
      const text = await getShareBundle(ctx.db, id);
      if (text === undefined) throw new HttpError('not_found', 'No such artifact.');
      sendJson(res, 200, undefined, {}, text);
    } else if (method === 'DELETE') {
      need(caller, 'admin');
      if (!(await deleteShare(ctx.db, id))) throw new HttpError('not_found', 'No such artifact.');
      res.writeHead(204, { 'Cache-Control': 'no-store' }).end();
    } else {
      only('GET', 'DELETE');
      const share = await getShare(ctx.db, id);
      if (!share) throw new HttpError('not_found', 'No such artifact.');
      sendJson(res, 200, { share });
    }
  }
  return caller.user;
}
