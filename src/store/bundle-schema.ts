/** The bundle file format (docs/DESIGN.md "Bundles"), as a zod schema: the whole file is validated before import. */
import { z } from 'zod';
import { MAX_HEADING_CHARS, MAX_OUTLINE_HEADINGS } from '../core/notebook/outline';

export const BUNDLE_FORMAT = 'threadline-bundle';
/**
 * Today's bundle format, the one this schema validates and export writes. It must be the last
 * entry of `BUNDLE_MIGRATIONS` (migrations/bundle.ts checks at load); older formats are
 * migrated up to it before validation.
 */
export const BUNDLE_VERSION = 1;

const id = z.string().min(1, 'must be a non-empty id');
const time = z.number().finite().nonnegative();
const count = z.number().int().nonnegative();

const location = z.object({
  sourceCodeId: id,
  line: z.number().int().positive(),
  col: count,
  endLine: z.number().int().positive(),
  endCol: count,
});

/** An artifact's anchor in its notebook (src/core/history/anchor.ts). */
const anchor = z.object({ variable: z.string(), statement: z.string(), occurrence: count, cellIndex: count.optional() });

const candidate = z.object({ nodeId: id, variable: z.string(), statement: z.string(), cellIndex: count.optional(), similarity: z.number().finite() });

/** How one artifact of the previous version was re-derived on a session (Session.followed). */
const followOutcome = z.object({
  name: z.string(),
  outcome: z.enum(['new-version', 'same-code', 'not-found']),
  version: count.optional(),
  sameAs: count.optional(),
  candidates: z.array(candidate).optional(),
  sentence: z.string(),
});

const diagnostic = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
  cellIndex: count.optional(),
  sourceCodeId: z.string().optional(),
  line: z.number().int().optional(),
  col: z.number().int().optional(),
});

export const sessionSchema = z.object({
  id,
  name: z.string(),
  kind: z.enum(['notebook', 'script']),
  createdAt: time,
  sourceDigest: z.string().min(1),
  fileSize: count,
  pythonVersion: z.string().optional(),
  notebookKey: z.string(),
  stats: z.object({ cells: count, nodes: count, diagnostics: count, untrustedOutputs: count.optional() }),
  diagnostics: z.array(diagnostic),
  bindings: z.array(z.object({ name: z.string(), nodeId: id })),
  catalogReads: z.array(z.object({ nodeId: id, name: z.string(), version: count, artifactId: id })).optional(),
  // Optional (sessions and bundles from before it lack it): no bundle or database migration.
  outline: z
    .array(z.object({ cellIndex: count, level: z.number().int().min(1).max(6), text: z.string().max(MAX_HEADING_CHARS) }))
    .max(MAX_OUTLINE_HEADINGS)
    .optional(),
  followed: z.array(followOutcome).optional(),
});

export const sourceCodeSchema = z.object({
  id,
  sessionId: id,
  code: z.string(),
  cellIndex: count.optional(),
  executionCount: z.number().int().nullable().optional(),
  path: z.string().optional(),
  order: count.optional(),
});

const nodeBase = {
  id,
  sessionId: id,
  seq: count,
  location: location.optional(),
  names: z.array(z.string()),
};

export const nodeSchema = z.discriminatedUnion('kind', [
  z.object({ ...nodeBase, kind: z.literal('Import'), name: z.string(), packageName: z.string() }),
  z.object({
    ...nodeBase,
    kind: z.literal('Call'),
    functionId: id,
    args: z.array(z.object({ id, starred: z.boolean() })),
    kwargs: z.array(z.object({ key: z.string(), id, starred: z.boolean() })),
    globalReads: z.record(z.string(), id),
    implicitDeps: z.array(id),
    blackBox: z.string().optional(),
  }),
  z.object({
    ...nodeBase,
    kind: z.literal('Literal'),
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
    valueType: z.string(),
  }),
  z.object({ ...nodeBase, kind: z.literal('Lookup'), name: z.string() }),
  z.object({ ...nodeBase, kind: z.literal('Mutate'), sourceId: id, callId: id }),
  z.object({ ...nodeBase, kind: z.literal('Global'), name: z.string(), callId: id }),
]);

export const executionSchema = z.object({
  id,
  sessionId: id,
  startedAt: time,
  endedAt: time.optional(),
  mode: z.enum(['static', 'run']),
  status: z.enum(['ok', 'error', 'cancelled', 'running', 'interrupted']),
  error: z.string().optional(),
  lease: z.string().max(200).optional(),
});

export const nodeValueSchema = z.object({
  nodeId: id,
  executionId: id,
  value: z.string(),
  mime: z.string(),
  valueType: z.enum(['value', 'dataset', 'chart', 'array', 'code']),
  typeName: z.string().optional(),
  truncated: z.boolean().optional(),
  startedAt: time.optional(),
  endedAt: time.optional(),
});

const tag = z.object({ key: z.string().min(1), value: z.string() });

export const artifactSchema = z.object({
  id,
  name: z.string(),
  version: count,
  nodeId: id,
  executionId: id,
  sessionId: id,
  createdAt: time,
  author: z.string(),
  description: z.string(),
  tags: z.array(tag),
  /** Recomputed from `tags` on import; optional in files. */
  tagKeys: z.array(z.string()).optional(),
  sliceDigest: z.string(),
  verification: z
    .object({ verified: z.boolean(), original: z.string(), slice: z.string(), at: time, mode: z.enum(['fine', 'whole']).optional() })
    .optional(),
  origin: z.enum(['save', 'named']).optional(),
  anchor: anchor.optional(),
  fromTeam: z
    .object({ teamId: z.string(), name: z.string(), version: count, sharedBy: z.string(), sharedAt: time, importedAt: time })
    .optional(),
});

export const bundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  exportedAt: time.optional(),
  sessions: z.array(sessionSchema),
  sourceCodes: z.array(sourceCodeSchema),
  nodes: z.array(nodeSchema),
  executions: z.array(executionSchema),
  nodeValues: z.array(nodeValueSchema),
  artifacts: z.array(artifactSchema),
});

export type BundleInput = z.infer<typeof bundleSchema>;

/** `["nodes", 3, "args", 0, "id"]` → `nodes[3].args[0].id`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out || '(top level)';
}
