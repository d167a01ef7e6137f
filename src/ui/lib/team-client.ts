/**
 * The app's client of the team API (docs/notes/team-api.md). The API is on the page's own
 * origin (`threadline serve` serves both), so the page's `connect-src 'self'` still holds and
 * no address is configured: only the token, which is sent as a bearer header, never in a URL.
 */
import { teamListParams, type TeamArtifact, type TeamListQuery, type TeamRole } from '../../core/team/api';

/** An answer the server gave (status and code as in the contract's error table). */
export class TeamError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: Array<{ path: string; message: string }> = [],
  ) {
    super(message);
    this.name = 'TeamError';
  }

  /** The server is there but cannot answer now (its database is down, or it failed): try later. */
  get retryLater(): boolean {
    return this.status === 503 || this.status === 502 || this.status === 504 || this.status === 500 || this.status === 408 || this.status === 429;
  }
}

/** The server could not be reached at all (offline, stopped, or this page is not served by it). */
export class TeamUnreachableError extends Error {
  constructor(message = 'The team server cannot be reached.') {
    super(message);
    this.name = 'TeamUnreachableError';
  }
}

export const NO_SERVER_MESSAGE =
  'This copy of Threadline is not served by “threadline serve”, so there is no team catalog here. Start one with “npx threadline serve” and open the address it prints.';

export type TeamHealth =
  | { kind: 'ok'; database: string; schemaVersion: number }
  /** A team server whose database is down right now. */
  | { kind: 'database-down'; message: string }
  /** Not served by `threadline serve` (a dev server or static hosting): no team here. */
  | { kind: 'absent' }
  | { kind: 'unreachable' };

export interface TeamClientOptions {
  /** The origin of the API; '' (the default) is this page's own. */
  base?: string;
  token: () => Promise<string | undefined>;
  fetch?: typeof fetch;
}

export interface ShareResult {
  share: TeamArtifact;
  replayed: boolean;
  /** The latest team version of the name already held this content: `share` is that version, no new one. */
  unchanged: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class TeamClient {
  private readonly base: string;
  private readonly doFetch: typeof fetch;
  constructor(private readonly opts: TeamClientOptions) {
    this.base = opts.base ?? '';
    this.doFetch = opts.fetch ?? ((...args) => fetch(...args));
  }

  async health(): Promise<TeamHealth> {
    let res: Response;
    try {
      res = await this.doFetch(`${this.base}/health`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    } catch {
      return { kind: 'unreachable' };
    }
    const body = await res.json().catch(() => undefined);
    if (!isRecord(body) || typeof body.ok !== 'boolean') return { kind: 'absent' };
    if (body.ok && res.ok) return { kind: 'ok', database: String(body.database ?? ''), schemaVersion: Number(body.schemaVersion ?? 0) };
    return { kind: 'database-down', message: 'The team server is up but cannot reach its database right now.' };
  }

  me(): Promise<{ user: string; role: TeamRole }> {
    return this.call('/api/me');
  }

  /** Pushes one share; the same key and body again is a replay (the first version, no new one). */
  async share(idempotencyKey: string, bundle: unknown): Promise<ShareResult> {
    const body = await this.call<{ share: TeamArtifact; replayed?: boolean; unchanged?: boolean }>('/api/shares', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ idempotencyKey, bundle }),
    });
    return { share: body.share, replayed: body.replayed === true, unchanged: body.unchanged === true };
  }

  list(query: TeamListQuery): Promise<{ total: number; items: TeamArtifact[] }> {
    const qs = teamListParams(query).toString();
    return this.call(`/api/artifacts${qs ? `?${qs}` : ''}`);
  }

  /** The bundle as it was pushed, as JSON text (imported locally with the bundle rules). */
  async bundleText(id: string): Promise<string> {
    const res = await this.send(`/api/artifacts/${encodeURIComponent(id)}/bundle`);
    return res.text();
  }

  async remove(id: string): Promise<void> {
    await this.send(`/api/artifacts/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  private async call<T>(path: string, init: RequestInit = {}): Promise<T> {
    const res = await this.send(path, init);
    return (await res.json()) as T;
  }

  private async send(path: string, init: RequestInit = {}): Promise<Response> {
    const token = await this.opts.token();
    if (!token) throw new TeamError(401, 'no_token', 'Add your team token in Settings → Team first.');
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${token}`);
    headers.set('Accept', 'application/json');
    let res: Response;
    try {
      res = await this.doFetch(`${this.base}${path}`, { ...init, headers, cache: 'no-store' });
    } catch {
      throw new TeamUnreachableError();
    }
    if (res.ok) return res;
    const body = await res.json().catch(() => undefined);
    const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
    if (!error) {
      // Not the team server's JSON: a dev server or static host answered (no API here), or a proxy failed.
      if (res.status === 404 || res.status === 405) throw new TeamUnreachableError(NO_SERVER_MESSAGE);
      throw new TeamError(res.status, 'http', `The team server answered ${res.status} ${res.statusText}.`.replace(/ \.$/, '.'));
    }
    const problems = Array.isArray(error.problems) ? (error.problems.filter(isRecord) as Array<{ path: string; message: string }>) : [];
    throw new TeamError(res.status, String(error.code ?? 'error'), String(error.message ?? `The team server answered ${res.status}.`), problems);
  }
}

/** The sentence for a refused or failed team call, with the first problems the server listed. */
export function teamErrorText(error: unknown): string {
  if (error instanceof TeamError) {
    const extra = error.problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`);
    const base = error.status === 401 && error.code !== 'no_token' ? `${error.message} Check the token in Settings → Team.` : error.message;
    return extra.length > 0 ? `${base} (${extra.join('; ')})` : base;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
