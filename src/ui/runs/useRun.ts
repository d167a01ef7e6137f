/**
 * Run and verify as TanStack mutations: Pyodide in the worker, results into the store through
 * the hooks layer's run writes. The change feed invalidates what they touch (hooks/sync.ts).
 * Both check the code's imports first (./preflight.ts): when a package cannot load now, the
 * mutation resolves at once with the preflight's sentence and nothing is run or stored (the run
 * would stop there anyway: it loads every package before its first cell).
 */
import { useMutation, useMutationState } from '@tanstack/react-query';
import type { Artifact, Execution, NodeValue, Session, SessionGraph } from '../../core/model';
import type { RunResult, VerifyResult } from '../../core/run/types';
import type { Preflight } from '../../core/run/preflight';
import { runToRecords } from '../../core/run/records';
import { verdictOf, verificationTexts } from '../../core/run/verdict';
import { keys } from '../hooks/keys';
import { runWrites } from '../hooks/mutations';
import { synced } from '../hooks/sync';
import { createRunClient, type RunClient } from '../../workers/run-client';
import { preflightRun } from './preflight';
import { setRunProgress } from './progress';
import { tabLease } from './lease';
import { artifactVariable, planRun, runCellsOf } from './targets';

let client: RunClient | undefined;
/** The app's one run client (one sandbox, opened on the first run or verify). */
function runs(): RunClient {
  client ??= createRunClient();
  return client;
}

/** Stops whatever the sandbox is running (a run or a verify). */
export function cancelRun(): void {
  client?.cancel();
}

export interface RunInput {
  session: Session;
  graph: SessionGraph;
  artifacts: ReadonlyArray<Pick<Artifact, 'name' | 'nodeId'>>;
  saveCalls?: ReadonlyArray<{ callId: string; savedId: string }>;
  allowPackageDownloads: boolean;
}

export type RunOutcome =
  | { kind: 'ran'; result: RunResult; execution: Execution; nodeValues: NodeValue[] }
  /** Not started: an import cannot load now (nothing stored). */
  | { kind: 'blocked'; preflight: Extract<Preflight, { ok: false }> };

/** Runs the whole session in the worker and saves the run (also a failed or cancelled one). */
export async function runAndSave(input: RunInput): Promise<RunOutcome> {
  const { session, graph } = input;
  const plan = planRun(session, graph, input.artifacts, input.saveCalls);
  const preflight = await preflightRun(plan.cells, input.allowPackageDownloads);
  if (!preflight.ok) return { kind: 'blocked', preflight };
  setRunProgress(session.id, { done: 0, total: plan.cells.length });
  try {
    const started = await runWrites.start(session.id, Date.now(), await tabLease());
    let result: RunResult;
    try {
      result = await runs().run(plan.cells, plan.targets, (done, total) => setRunProgress(session.id, { done, total }), {
        allowPackageDownloads: input.allowPackageDownloads,
      });
    } catch (e) {
      const now = Date.now();
      result = {
        status: 'error',
        startedAt: started.startedAt,
        endedAt: now,
        values: [],
        cells: [],
        loadedPackages: [],
        error: { kind: 'internal', cellIndex: 0, message: `The run stopped: ${e instanceof Error ? e.message : String(e)}`, traceback: '' },
      };
    }
    const records = runToRecords({ ...result, values: plan.resolve(result.values) }, { executionId: started.id, sessionId: session.id });
    await runWrites.save(records);
    return { kind: 'ran', result, ...records };
  } finally {
    setRunProgress(session.id, undefined);
  }
}

export function useRunSession(sessionId: string) {
  return useMutation({ mutationKey: keys.runMutation(sessionId), mutationFn: synced(runAndSave) });
}

/** True while a run of this session is in flight (from any component). */
export function useRunPending(sessionId: string): boolean {
  return useMutationState({ filters: { mutationKey: keys.runMutation(sessionId), status: 'pending' } }).length > 0;
}

export interface VerifyInput {
  artifact: Artifact;
  graph: SessionGraph;
  sliceCode: string;
  allowPackageDownloads: boolean;
  /** Which slice `sliceCode` is (stored with the result). */
  mode?: 'fine' | 'whole';
}

/**
 * Verify result plus whether it was stored. A cancelled verify is not stored; nor is one that
 * could not run when the version already holds a real comparison (it would hide that result).
 */
export interface VerifyOutcome {
  result: VerifyResult;
  stored?: Artifact;
  /** The import check stopped it before anything ran. */
  preflight?: Extract<Preflight, { ok: false }>;
}

export async function verifyAndSave(input: VerifyInput): Promise<VerifyOutcome> {
  const node = input.graph.nodes.find((n) => n.id === input.artifact.nodeId);
  const variable = artifactVariable(input.graph, node);
  if (!variable) throw new Error('This artifact is not held by a variable, so its value cannot be compared.');
  const cells = runCellsOf(input.graph);
  const upTo = cells.findIndex((c) => c.sourceCodeId === variable.sourceCodeId);
  const checked = [...(upTo >= 0 ? cells.slice(0, upTo + 1) : cells), { sourceCodeId: 'slice', code: input.sliceCode, label: 'slice' }];
  const preflight = await preflightRun(checked, input.allowPackageDownloads);
  const result: VerifyResult = preflight.ok
    ? await runs().verify(cells, input.sliceCode, variable.name, { sourceCodeId: variable.sourceCodeId, allowPackageDownloads: input.allowPackageDownloads })
    : { verified: false, original: '', slice: '', problem: preflight.message, couldNotRun: preflight.message };
  const blocked = preflight.ok ? {} : { preflight };
  if (/cancelled/i.test(result.problem ?? '') && !result.verified) return { result, ...blocked };
  const previous = input.artifact.verification;
  if (result.couldNotRun !== undefined && previous && verdictOf(previous).kind !== 'could-not-run') return { result, ...blocked };
  const stored = await runWrites.verification(input.artifact.id, { ...verificationTexts(result), ...(input.mode ? { mode: input.mode } : {}) });
  return { result, stored, ...blocked };
}

export function useVerifySlice(artifactId: string) {
  return useMutation({ mutationKey: keys.verifyMutation(artifactId), mutationFn: synced(verifyAndSave) });
}
