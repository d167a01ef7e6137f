/**
 * Bundle validation, record by record: shape (zod, one record at a time), duplicates and
 * references inside the bundle. It stops at MAX_PROBLEMS problems and never recurses over
 * records or spreads big arrays, so a file with a million bad records fails fast with a
 * short list of JSON paths instead of a stack overflow. A bundle of an older format is first
 * brought up to today's by the steps in `migrations/bundle.ts`, in place on the parsed text.
 */
import type { z } from 'zod';
import { InputError } from '../core/errors';
import { DEFAULT_MAX_OUTPUT_CHARS } from '../core/ingest';
import { validateArtifactName } from '../core/names';
import { truncationMarker } from '../core/run';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  artifactSchema,
  executionSchema,
  formatPath,
  nodeSchema,
  nodeValueSchema,
  sessionSchema,
  sourceCodeSchema,
  type BundleInput,
} from './bundle-schema';
import { migrateBundle, type JsonBundle } from './migrations/bundle';

/** Validation stops after this many problems. */
export const MAX_PROBLEMS = 100;

/** Text values longer than this are cut to DEFAULT_MAX_OUTPUT_CHARS and marked (room is left for a marker already there). */
export const MAX_VALUE_CHARS = DEFAULT_MAX_OUTPUT_CHARS + 200;
/** Images (base64) longer than this are not kept: ingest allows the same size. */
export const MAX_IMAGE_CHARS = DEFAULT_MAX_OUTPUT_CHARS * 20;

export interface BundleProblem {
  /** JSON path, e.g. `nodes[3].args[0].id`. */
  path: string;
  /** The problem as a phrase that starts with the path. */
  text: string;
}

/** An invalid bundle: the first problem as the message, and up to MAX_PROBLEMS of them in `problems`. */
export class InvalidBundleError extends InputError {
  constructor(
    readonly problems: BundleProblem[],
    /** True when checking stopped at MAX_PROBLEMS (there may be more). */
    readonly stopped: boolean,
  ) {
    const more =
      problems.length > 1
        ? stopped
          ? ` (and ${problems.length - 1} more problems; checking stopped at ${MAX_PROBLEMS})`
          : ` (and ${problems.length - 1} more ${problems.length === 2 ? 'problem' : 'problems'})`
        : '';
    super(`This bundle cannot be imported: ${problems[0].text}${more}. Nothing was changed.`, problems[0].path);
    this.name = 'InvalidBundleError';
  }
}

export const TABLES = ['sessions', 'sourceCodes', 'nodes', 'executions', 'nodeValues', 'artifacts'] as const;
export type BundleTable = (typeof TABLES)[number];

const SCHEMAS: Record<BundleTable, z.ZodType> = {
  sessions: sessionSchema,
  sourceCodes: sourceCodeSchema,
  nodes: nodeSchema,
  executions: executionSchema,
  nodeValues: nodeValueSchema,
  artifacts: artifactSchema,
};

export type ValidateProgress = (done: number, total: number) => void;

/** Collects problems up to the cap; `full` says when to stop looking. */
class Problems {
  readonly list: BundleProblem[] = [];
  get full(): boolean {
    return this.list.length >= MAX_PROBLEMS;
  }
  add(path: string, text: string): void {
    if (!this.full) this.list.push({ path, text });
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new InvalidBundleError(this.list, this.full);
  }
}

/** A value for a sentence: primitives as JSON, anything else by its type (never stringify a hostile structure). */
function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return Array.isArray(value) ? 'a list' : 'an object';
}

function parseText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError('This file is not valid JSON, so it is not a Threadline bundle. Nothing was changed.', '(top level)');
  }
}

/**
 * Parses (if text), migrates an older format to today's, and validates a bundle completely:
 * shape, types, duplicates and references inside the bundle. Node values over the size cap
 * are cut and marked. Throws InputError (InvalidBundleError with up to MAX_PROBLEMS JSON
 * paths; `where` "version" for a newer or unknown format); returns the parsed bundle.
 */
export function validateBundle(data: unknown, onProgress?: ValidateProgress): BundleInput {
  /** Text is parsed here, so the parsed object is ours to migrate in place (no second copy of a big file). */
  const owned = typeof data === 'string';
  if (typeof data === 'string') data = parseText(data);
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError('This file is not a Threadline bundle (expected a JSON object). Nothing was changed.', '(top level)');
  }
  const format = (data as JsonBundle).format;
  if (format !== BUNDLE_FORMAT) {
    throw new InputError(`This file is not a Threadline bundle: format is ${shown(format)}, expected "${BUNDLE_FORMAT}". Nothing was changed.`, 'format');
  }
  // An older format is brought up to today's (migrations/bundle.ts); a newer one is refused.
  const head = migrateBundle(data as JsonBundle, { owned });
  const problems = new Problems();
  if (head.exportedAt !== undefined && !(typeof head.exportedAt === 'number' && Number.isFinite(head.exportedAt) && head.exportedAt >= 0)) {
    problems.add('exportedAt', 'exportedAt should be a time (a non-negative number)');
  }
  let total = 0;
  for (const table of TABLES) if (Array.isArray(head[table])) total += (head[table] as unknown[]).length;
  let done = 0;
  const out = { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, ...(head.exportedAt !== undefined ? { exportedAt: head.exportedAt } : {}) } as Record<string, unknown>;
  for (const table of TABLES) {
    const rows = head[table];
    if (!Array.isArray(rows)) {
      problems.add(table, `${table} should be a list (it is ${shown(rows)})`);
      continue;
    }
    const schema = SCHEMAS[table];
    const parsed: unknown[] = new Array<unknown>(rows.length);
    for (let i = 0; i < rows.length && !problems.full; i++) {
      const r = schema.safeParse(rows[i]);
      if (r.success) parsed[i] = r.data;
      else {
        for (const issue of r.error.issues) {
          const path = formatPath([table, i, ...issue.path]);
          problems.add(path, `${path}: ${issue.message}`);
        }
      }
      if (++done % 5000 === 0) onProgress?.(done, total);
    }
    out[table] = parsed;
    if (problems.full) break;
  }
  problems.throwIfAny();
  onProgress?.(total, total);
  const b = out as unknown as BundleInput;
  for (const v of b.nodeValues) capValue(v);
  checkReferences(b, problems);
  problems.throwIfAny();
  return b;
}

/** Cuts a node value over the cap and marks it, as ingest does for stored outputs. */
function capValue(v: BundleInput['nodeValues'][number]): void {
  const n = v.value.length;
  if (v.mime === 'image/png') {
    if (n <= MAX_IMAGE_CHARS) return;
    v.value = `[image not kept: ${n.toLocaleString('en-US')} characters of PNG data, over the limit of ${MAX_IMAGE_CHARS.toLocaleString('en-US')}]`;
    v.mime = 'text/plain';
  } else {
    if (n <= MAX_VALUE_CHARS) return;
    v.value = v.value.slice(0, DEFAULT_MAX_OUTPUT_CHARS) + truncationMarker(n, DEFAULT_MAX_OUTPUT_CHARS);
  }
  v.truncated = true;
}

/** Duplicates and references: every reference must name a record in the bundle, of the same session. */
function checkReferences(b: BundleInput, problems: Problems): void {
  const bad = (path: string, phrase: string) => problems.add(path, `${path} ${phrase}`);
  const unique = <T>(table: string, rows: T[], key: (row: T) => string, field = 'id') => {
    const seen = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      const k = key(rows[i]);
      if (seen.has(k)) bad(`${table}[${i}].${field}`, 'repeats an earlier record');
      seen.add(k);
    }
    return seen;
  };
  const sessions = unique('sessions', b.sessions, (s) => s.id);
  unique('sourceCodes', b.sourceCodes, (s) => s.id);
  unique('nodes', b.nodes, (n) => n.id);
  unique('executions', b.executions, (e) => e.id);
  unique('nodeValues', b.nodeValues, (v) => JSON.stringify([v.nodeId, v.executionId]), 'nodeId');
  unique('artifacts', b.artifacts, (a) => a.id);
  unique('artifacts', b.artifacts, (a) => JSON.stringify([a.name, a.version]), 'version');
  if (problems.full) return;

  const sessionOf = <T extends { id: string; sessionId: string }>(rows: T[]) => {
    const m = new Map<string, string>();
    for (const r of rows) m.set(r.id, r.sessionId);
    return m;
  };
  const sessionOfNode = sessionOf(b.nodes);
  const sessionOfCode = sessionOf(b.sourceCodes);
  const sessionOfExecution = sessionOf(b.executions);
  const session = (value: string, path: string) => {
    if (!sessions.has(value)) bad(path, `refers to session ${shown(value)}, which is not in the bundle`);
  };
  /** A reference to a record of `what` (looked up in `owners`) that must belong to `sessionId`. */
  const ref = (owners: Map<string, string>, what: string, value: string, sessionId: string, path: string) => {
    const owner = owners.get(value);
    if (owner === undefined) bad(path, `refers to ${what} ${shown(value)}, which is not in the bundle`);
    else if (owner !== sessionId) bad(path, `refers to a ${what} of another session`);
  };

  for (let i = 0; i < b.sessions.length && !problems.full; i++) {
    const s = b.sessions[i];
    for (let j = 0; j < s.bindings.length; j++) ref(sessionOfNode, 'node', s.bindings[j].nodeId, s.id, `sessions[${i}].bindings[${j}].nodeId`);
  }
  for (let i = 0; i < b.sourceCodes.length && !problems.full; i++) session(b.sourceCodes[i].sessionId, `sourceCodes[${i}].sessionId`);
  for (let i = 0; i < b.executions.length && !problems.full; i++) session(b.executions[i].sessionId, `executions[${i}].sessionId`);
  for (let i = 0; i < b.nodes.length && !problems.full; i++) {
    const n = b.nodes[i];
    const at = `nodes[${i}]`;
    session(n.sessionId, `${at}.sessionId`);
    if (n.location) ref(sessionOfCode, 'source code', n.location.sourceCodeId, n.sessionId, `${at}.location.sourceCodeId`);
    const node = (value: string, path: string) => ref(sessionOfNode, 'node', value, n.sessionId, `${at}.${path}`);
    switch (n.kind) {
      case 'Call':
        node(n.functionId, 'functionId');
        for (let j = 0; j < n.args.length; j++) node(n.args[j].id, `args[${j}].id`);
        for (let j = 0; j < n.kwargs.length; j++) node(n.kwargs[j].id, `kwargs[${j}].id`);
        for (const [k, v] of Object.entries(n.globalReads)) node(v, formatPath(['globalReads', k]));
        for (let j = 0; j < n.implicitDeps.length; j++) node(n.implicitDeps[j], `implicitDeps[${j}]`);
        break;
      case 'Mutate':
        node(n.sourceId, 'sourceId');
        node(n.callId, 'callId');
        break;
      case 'Global':
        node(n.callId, 'callId');
        break;
      default:
        break;
    }
  }
  for (let i = 0; i < b.nodeValues.length && !problems.full; i++) {
    const v = b.nodeValues[i];
    const execSession = sessionOfExecution.get(v.executionId);
    if (execSession === undefined) bad(`nodeValues[${i}].executionId`, `refers to execution ${shown(v.executionId)}, which is not in the bundle`);
    else ref(sessionOfNode, 'node', v.nodeId, execSession, `nodeValues[${i}].nodeId`);
  }
  for (let i = 0; i < b.artifacts.length && !problems.full; i++) {
    const a = b.artifacts[i];
    const at = `artifacts[${i}]`;
    try {
      validateArtifactName(a.name);
      if (a.name !== a.name.trim()) bad(`${at}.name`, 'has spaces at the start or end');
    } catch (e) {
      bad(`${at}.name`, `is not a usable name (${(e as Error).message})`);
    }
    session(a.sessionId, `${at}.sessionId`);
    ref(sessionOfNode, 'node', a.nodeId, a.sessionId, `${at}.nodeId`);
    ref(sessionOfExecution, 'execution', a.executionId, a.sessionId, `${at}.executionId`);
  }
}
