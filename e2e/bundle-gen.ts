/** Generates Threadline bundle files for the e2e tests (Node side): a session with N nodes, one value, one artifact. */
import { writeFileSync } from 'node:fs';

export interface GeneratedBundle {
  sessionId: string;
  nodes: number;
  artifact: string;
  /** The bundle as data (small ones are edited by the tests). */
  data: Record<string, unknown> & { sessions: Array<Record<string, unknown>>; nodes: Array<Record<string, unknown>>; artifacts: Array<Record<string, unknown>> };
}

/** A valid bundle: Import, Lookup, then Literals and Calls (each Call reads the Literal before it). */
export function generateBundle(opts: { nodes: number; prefix?: string; artifact?: string }): GeneratedBundle {
  const p = opts.prefix ?? 'g';
  const sessionId = `${p}-session`;
  const codeId = `${p}-code`;
  const execId = `${p}-exec`;
  const id = (i: number) => `${p}-n${i}`;
  const loc = (i: number) => ({ sourceCodeId: codeId, line: 1 + (i % 1000), col: 0, endLine: 1 + (i % 1000), endCol: 12 });
  const nodes: Array<Record<string, unknown>> = [
    { id: id(0), sessionId, seq: 0, kind: 'Import', names: ['pd'], name: 'pandas', packageName: 'pandas', location: loc(0) },
    { id: id(1), sessionId, seq: 1, kind: 'Lookup', names: [], name: 'print' },
  ];
  for (let i = 2; i < opts.nodes; i++) {
    nodes.push(
      i % 2 === 0
        ? { id: id(i), sessionId, seq: i, kind: 'Literal', names: [`x${i}`], value: i, valueType: 'int', location: loc(i) }
        : { id: id(i), sessionId, seq: i, kind: 'Call', names: [`y${i}`], functionId: id(1), args: [{ id: id(i - 1), starred: false }], kwargs: [], globalReads: {}, implicitDeps: [], location: loc(i) },
    );
  }
  const last = opts.nodes - 1 - ((opts.nodes - 1) % 2 === 0 ? 1 : 0); // a Call
  const artifact = opts.artifact ?? `${p}_model`;
  const data = {
    format: 'threadline-bundle',
    version: 1,
    exportedAt: 1_700_000_000_000,
    sessions: [
      {
        id: sessionId, name: `${p}_big.py`, kind: 'script', createdAt: 1_700_000_000_000, sourceDigest: `${p}-digest`.padEnd(64, '0'),
        fileSize: 1000, notebookKey: `${p}_big.py`, stats: { cells: 1, nodes: opts.nodes, diagnostics: 0 }, diagnostics: [],
        bindings: [{ name: `y${last}`, nodeId: id(last) }],
      },
    ],
    sourceCodes: [{ id: codeId, sessionId, code: Array.from({ length: 1000 }, (_, i) => `x${i} = ${i}`).join('\n'), path: `${p}_big.py` }],
    nodes,
    executions: [{ id: execId, sessionId, startedAt: 1_700_000_000_000, endedAt: 1_700_000_000_005, mode: 'static', status: 'ok' }],
    nodeValues: [{ nodeId: id(last), executionId: execId, value: '42', mime: 'text/plain', valueType: 'value' }],
    artifacts: [
      { id: `${p}-art`, name: artifact, version: 0, nodeId: id(last), executionId: execId, sessionId, createdAt: 1_700_000_000_000,
        author: 'gen', description: 'generated', tags: [], sliceDigest: 'x' },
    ],
  };
  return { sessionId, nodes: opts.nodes, artifact, data };
}

export function writeBundle(path: string, bundle: GeneratedBundle): string {
  writeFileSync(path, JSON.stringify(bundle.data));
  return path;
}
