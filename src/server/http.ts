/** Small HTTP helpers of the team server: JSON answers, the error shape of docs/notes/team-api.md, capped bodies. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type ErrorCode =
  | 'bad_json'
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'too_large'
  | 'unsupported_media_type'
  | 'invalid'
  | 'unavailable'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  bad_json: 400,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  invalid: 422,
  unavailable: 503,
  internal: 500,
};

export interface Problem {
  path: string;
  message: string;
}

/** An error answer; thrown by handlers and turned into the JSON error shape. */
export class HttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems?: Problem[],
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

/** Headers on every API answer: never cached, never sniffed, never framed, nothing loaded. */
export const API_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/** Sends `body` as JSON (or `raw`, JSON text already made, such as a stored bundle). */
export function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}, raw?: string): void {
  const text = raw ?? JSON.stringify(body);
  res.writeHead(status, { ...API_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...extra });
  res.end(text);
}

export function sendError(res: ServerResponse, e: HttpError, extra: Record<string, string> = {}): void {
  sendJson(res, e.status, { error: { code: e.code, message: e.message, ...(e.problems ? { problems: e.problems } : {}) } }, extra);
}

/** True for `application/json` with or without parameters (charset). */
export function isJson(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json';
}

/** The body as text, refused with 413 once it passes `maxBytes` (by Content-Length or as it streams). */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (e) => {
      if (!done) reject(e);
      done = true;
    });
  });
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError('too_large', `The body is over the limit of ${(maxBytes / 1024 / 1024).toLocaleString('en')} MiB.`);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError('bad_json', 'The body is not valid JSON.');
  }
}
