/**
 * File bytes → everything one ingest writes (an IngestPlan). Pure: runs in the
 * analysis Worker and in Node. The store writes the plan in one transaction.
 */
import { analyseProgram, type CancelSignal, type ProgressCallback } from './analysis/index';
import { newId as defaultNewId, sha256Hex } from './digest';
import { InputError } from './errors';
import type { CellOutput, IngestPlan, NodeValue, NodeValueType, ProgramInput, Session } from './model';
import { readSourceFile } from './notebook/index';
import { createSlicer } from './slice/index';
import { untrustedOutputs } from './history/staleness';

export interface BuildIngestOptions {
  /** Clock, for tests. */
  now?: () => number;
  newId?: () => string;
  /** Stored outputs longer than this are truncated (and marked so). Default 100,000 characters. */
  maxOutputChars?: number;
  /** Files larger than this are refused with an InputError. Default 100 MB. */
  maxIngestBytes?: number;
  /** Node budget per file (default DEFAULT_MAX_NODES, 500,000): past it, an InputError and nothing stored. */
  maxNodes?: number;
  /** Analysis progress: cells for a notebook, characters for a script, at a bounded rate. */
  onProgress?: ProgressCallback;
  /** Checked between statements and cells: once aborted, an AnalysisCancelledError. */
  signal?: CancelSignal;
  /** The notebook this file is a version of (a followed file's path); default `notebookKeyOf(name)`. */
  notebookKey?: string;
}

export const DEFAULT_MAX_OUTPUT_CHARS = 100_000;

/** The default ingest size limit (Settings can change it). */
export const DEFAULT_MAX_INGEST_BYTES = 100 * 1024 * 1024;

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024)).toLocaleString('en')} MB`;
  return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en')} KB`;
}

/** Throws an InputError naming the limit when a file is over the ingest size limit. */
export function checkIngestSize(name: string, size: number, limit: number = DEFAULT_MAX_INGEST_BYTES): void {
  if (size > limit) {
    throw new InputError(
      `${name} is ${sizeText(size)}, over the ingest size limit of ${sizeText(limit)}, so it was not read. You can raise the limit in Settings.`,
      'file size',
    );
  }
}

export async function buildIngestPlan(name: string, bytes: Uint8Array, opts: BuildIngestOptions = {}): Promise<IngestPlan> {
  checkIngestSize(name, bytes.byteLength, opts.maxIngestBytes);
  const input = readSourceFile(name, bytes);
  return buildIngestPlanFromInput(name, bytes, input, opts);
}

export async function buildIngestPlanFromInput(
  name: string,
  bytes: Uint8Array,
  input: ProgramInput,
  opts: BuildIngestOptions = {},
): Promise<IngestPlan> {
  const now = opts.now ?? Date.now;
  const makeId = opts.newId ?? defaultNewId;
  const startedAt = now();
  const sessionId = makeId();
  const analysis = analyseProgram(input, {
    sessionId,
    newId: makeId,
    fileName: name,
    ...(opts.maxNodes !== undefined ? { maxNodes: opts.maxNodes } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const graph = { sourceCodes: analysis.sourceCodes, nodes: analysis.nodes };
  const slicer = createSlicer(graph);

  const artifacts = [];
  for (const declaration of analysis.artifacts) {
    const slice = slicer.slice([declaration.nodeId]);
    artifacts.push({ ...declaration, sliceDigest: await sha256Hex(slice.code) });
  }

  const diagnostics = [...input.diagnostics, ...analysis.diagnostics];
  const session: Session = {
    id: sessionId,
    name,
    kind: input.kind,
    createdAt: startedAt,
    sourceDigest: await sha256Hex(bytes),
    fileSize: bytes.byteLength,
    ...(input.pythonVersion ? { pythonVersion: input.pythonVersion } : {}),
    notebookKey: opts.notebookKey ?? notebookKeyOf(name),
    stats: {
      cells: input.kind === 'notebook' ? input.totalCells : input.cells.length,
      nodes: analysis.nodes.length,
      diagnostics: diagnostics.length,
      ...(input.kind === 'notebook' ? { untrustedOutputs: untrustedOutputs(graph).length } : {}),
    },
    diagnostics,
    bindings: analysis.bindings,
    ...(input.outline && input.outline.length > 0 ? { outline: input.outline } : {}),
  };
  const executionId = makeId();
  // nodeId → value, in order (Maps keep it linear for thousands of cells).
  const values = new Map<string, NodeValue>();
  const maxChars = opts.maxOutputChars ?? DEFAULT_MAX_OUTPUT_CHARS;
  const cellsByIndex = new Map<number, ProgramInput['cells'][number]>();
  for (const c of input.cells) if (c.cellIndex !== undefined && !cellsByIndex.has(c.cellIndex)) cellsByIndex.set(c.cellIndex, c);
  analysis.sourceCodes.forEach((sourceCode, index) => {
    const nodeId = analysis.cellResultNodes[sourceCode.id];
    if (!nodeId) return;
    const cell = (sourceCode.cellIndex !== undefined ? cellsByIndex.get(sourceCode.cellIndex) : undefined) ?? input.cells[index];
    if (!cell?.outputs?.length) return;
    const value = outputsToValue(cell.outputs, maxChars);
    if (!value) return;
    // Two cells can end with the same value (e.g. `df` shown twice): one value per node and
    // execution, the later cell's output (the store's key is [nodeId+executionId]).
    values.delete(nodeId);
    values.set(nodeId, { nodeId, executionId, ...value });
  });
  const nodeValues = [...values.values()];

  return {
    session,
    sourceCodes: analysis.sourceCodes,
    nodes: analysis.nodes,
    execution: { id: executionId, sessionId, startedAt, endedAt: now(), mode: 'static', status: 'ok' },
    nodeValues,
    artifacts,
    ...(analysis.artifactDeletions?.length ? { artifactDeletions: analysis.artifactDeletions } : {}),
    ...(analysis.catalogGets?.length ? { catalogGets: analysis.catalogGets } : {}),
  };
}

/** Same file name ⇒ same lineage group, whatever folder it came from. */
export function notebookKeyOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.trim().toLowerCase();
}

/**
 * A cell's stored outputs become one node value (one per node and execution).
 * An image wins (a chart); otherwise streams and results are joined as text.
 * HTML is kept as text only and is never rendered.
 */
export function outputsToValue(
  outputs: CellOutput[],
  maxChars: number,
): Pick<NodeValue, 'value' | 'mime' | 'valueType' | 'truncated'> | undefined {
  // Only well-formed base64 is kept as an image: anything else would become a broken (or hostile) data: URL.
  const image = outputs.find((o) => typeof o.data['image/png'] === 'string' && /^[A-Za-z0-9+/\s]+={0,2}\s*$/.test(o.data['image/png']));
  if (image) {
    const data = image.data['image/png'].replace(/\s+/g, '');
    // An image too big to keep is dropped in favour of its text description.
    if (data.length <= maxChars * 20) return { value: data, mime: 'image/png', valueType: 'chart' };
  }
  const parts: string[] = [];
  let mime = 'text/plain';
  let valueType: NodeValueType = 'value';
  for (const output of outputs) {
    const text = output.data['text/plain'];
    const html = output.data['text/html'];
    if (typeof text === 'string' && text.length > 0) {
      parts.push(text);
      if (/^array\(/.test(text)) valueType = 'array';
    } else if (typeof html === 'string' && html.length > 0) {
      parts.push(html);
      mime = 'text/html';
    }
    if (typeof html === 'string' && /<table/i.test(html)) valueType = 'dataset';
  }
  if (image && valueType === 'value') valueType = 'chart';
  if (parts.length === 0) return undefined;
  let value = parts.join('\n');
  let truncated = false;
  if (value.length > maxChars) {
    value = `${value.slice(0, maxChars)}\n… [truncated: ${value.length.toLocaleString('en')} characters in all]`;
    truncated = true;
  }
  return { value, mime, valueType, ...(truncated ? { truncated } : {}) };
}
