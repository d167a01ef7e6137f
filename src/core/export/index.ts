/**
 * Pipeline export (issue 8): artifacts → a runnable Python module, a requirements file and,
 * for Airflow, a DAG. Pure: plain data in, file texts out; runs in a page, a Worker or Node.
 *
 * How the module is cut (the LineaPy approach, on the slicer's statement units):
 * - Each artifact's slice is taken with its upstream artifacts cut off (their nodes become
 *   inputs), so `get_<artifact>(upstream…)` holds only the code that artifact adds. Artifact
 *   B is upstream of A when A's full slice contains B's node.
 * - A unit that several artifacts need (same set of users) goes into one shared function
 *   that each of them calls; shared functions never depend on an artifact's own code, and a
 *   shared function only depends on shared functions with strictly more users, so calling
 *   them by decreasing number of users is a valid order.
 * - Values cross function boundaries only as parameters and return values (names read by
 *   later code), never as hidden globals; names that user functions declare `global` stay
 *   module globals and every generated function that touches them declares them too.
 * - Top-level imports are hoisted and deduplicated; lineapy imports and `save` calls go.
 *
 * Steps, one file each: `plan.ts` (per session: slices, variables, unit texts),
 * `functions.ts` (shared groups, hoisted definitions, signatures), `render-module.ts`,
 * `render-dag.ts`, `requirements.ts`, `zip.ts`; `units.ts` analyses one unit's names.
 */
import { InputError } from '../errors';
import { hoistDefinitions, finishSession, groupSession } from './functions';
import { planSession } from './plan';
import { slugify } from './python-text';
import { renderDag } from './render-dag';
import { renderModule } from './render-module';
import { requirementsText } from './requirements';
import type { Pipeline, PipelineArtifactInput, PipelineArtifactPlan, PipelineInput, SessionWork } from './types';
import type { GeneratedFile } from './zip';

export { zipFiles, type GeneratedFile } from './zip';
export { requirementsFor, DISTRIBUTION_NAMES } from './requirements';
export { slugify, pyString } from './python-text';
export type { Pipeline, PipelineArtifactInput, PipelineArtifactPlan, PipelineFramework, PipelineInput } from './types';

export function buildPipeline(input: PipelineInput): Pipeline {
  if (input.artifacts.length === 0) throw new InputError('Choose at least one artifact to export.');
  if (input.framework !== 'script' && input.framework !== 'airflow') {
    throw new InputError(`Unknown pipeline framework "${String(input.framework)}": use "script" or "airflow".`, 'framework');
  }
  const name = slugify(input.name?.trim() ? input.name : input.artifacts.map((a) => a.name).join('_'));

  // Unique identifiers per artifact (function names, task ids, pickle files).
  const taken = new Set<string>();
  const idents = input.artifacts.map((a) => {
    const base = slugify(a.name, 'artifact');
    let ident = base;
    for (let k = 2; taken.has(ident); k++) ident = `${base}_${k}`;
    taken.add(ident);
    return ident;
  });

  const bySession = new Map<string, Array<{ input: PipelineArtifactInput; index: number }>>();
  input.artifacts.forEach((a, index) => {
    const list = bySession.get(a.sessionId) ?? [];
    list.push({ input: a, index });
    bySession.set(a.sessionId, list);
  });

  const hoisted: string[] = [];
  const hoistedSet = new Set<string>();
  const moduleNames = new Set<string>();
  const modules = new Set<string>();
  const globals = new Set<string>();
  const sessions: SessionWork[] = [];
  for (const [sessionId, list] of bySession) {
    sessions.push(planSession(sessionId, list, idents, { hoisted, hoistedSet, moduleNames, modules, globals }, input.fine === true));
  }
  const definitions = hoistDefinitions(sessions, { hoisted, hoistedSet, moduleNames, modules, globals });
  for (const s of sessions) {
    groupSession(s);
    finishSession(s, moduleNames, globals);
  }

  const moduleName = `${name}_module`;
  const files: GeneratedFile[] = [
    { path: `${moduleName}.py`, content: renderModule(name, sessions, hoisted, definitions, globals) },
    { path: `${name}_requirements.txt`, content: requirementsText(modules) },
  ];
  if (input.framework === 'airflow') files.push({ path: `${name}_dag.py`, content: renderDag(name, sessions) });

  const artifacts: PipelineArtifactPlan[] = [];
  for (const s of sessions) {
    for (const a of s.artifacts) {
      artifacts.push({
        name: a.input.name,
        functionName: `get_${a.ident}`,
        sessionId: s.sessionId,
        upstream: a.direct.map((d) => d.input.name),
        params: a.params,
        taskId: `${a.ident}_task`,
        ...(a.diagnostics ? { diagnostics: a.diagnostics } : {}),
      });
    }
  }
  artifacts.sort((x, y) => input.artifacts.findIndex((a) => a.name === x.name) - input.artifacts.findIndex((a) => a.name === y.name));
  return {
    name,
    files,
    artifacts,
    sessions: sessions.map((s) => ({ sessionId: s.sessionId, functionName: `run_session_including_${s.artifacts[0].ident}`, artifacts: s.artifacts.map((a) => a.input.name) })),
    shared: sessions.flatMap((s) => s.shared.map((g) => ({ functionName: g.functionName, artifacts: g.members.map((m) => m.input.name) }))),
  };
}
