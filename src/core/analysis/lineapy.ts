/**
 * LineaPy's API in code: `save` (values and the side-effect references `lineapy.file_system`
 * and `lineapy.db`), `get` (reads an artifact saved earlier in the same program, or else from the
 * catalog: `catalogGets`, resolved by the store at ingest), `delete`
 * (drops versions at ingest), and the catalog calls, which are recognised so that no
 * library rule treats their results as mutable containers.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ArtifactDeletion, CallArg, CallKwarg, CallNode } from '../model';
import { type AnalysisContext, placeOf } from './context';
import { nodeById } from './nodes';
import { rootOf } from './values';
import { sideEffectReference, sideEffectVersion } from './effects';
import { stringArg } from './calls';

export const LINEAPY_ARTIFACT = 'lineapy.Artifact';
export const LINEAPY_OBJECT = 'lineapy.object';

/** Catalog and pipeline calls: no effect on the program's values. */
const CATALOG_CALLS = new Set(['artifact_store', 'catalog', 'to_pipeline', 'get_function', 'get_module_definition', 'get_pipeline', 'reload', 'visualize']);

/** Handles a call whose function is `lineapy.<qual>`; false when it is not part of the API modelled here. */
export function lineapyCall(ctx: AnalysisContext, qual: string, call: CallNode, args: CallArg[], kwargs: CallKwarg[], argList: SyntaxNode | null): boolean {
  const fn = qual.slice('lineapy.'.length);
  if (fn === 'save') {
    save(ctx, call, args, kwargs, argList);
    ctx.types.set(call.id, LINEAPY_ARTIFACT);
    return true;
  }
  if (fn === 'get') {
    const name = stringArg(ctx, argList, 0, 'artifact_name');
    const history = name !== undefined ? ctx.saved.get(name) : undefined;
    if (history && history.length > 0) {
      // The artifact is read from the catalog, where the earlier saves put it: the latest save,
      // or (after a delete, or for a chosen version) every save and delete of the name so far.
      const latestOnly = !history.some((h) => h.deletes) && args.length < 2 && !kwargs.some((k) => k.key === 'version');
      const deps = latestOnly ? [history[history.length - 1].callId] : history.map((h) => h.callId);
      call.implicitDeps = [...call.implicitDeps, ...deps.filter((d) => !call.implicitDeps.includes(d))];
    } else if (name !== undefined) {
      // No earlier save in this program: the artifact comes from the catalog (resolved at ingest).
      const version = versionArg(ctx, args, kwargs);
      if (version === undefined || typeof version === 'number') {
        ctx.catalogGets.push({ nodeId: call.id, name, ...(version !== undefined ? { version } : {}), ...(ctx.loc ? { location: ctx.loc } : {}) });
      }
    }
    ctx.types.set(call.id, LINEAPY_ARTIFACT);
    return true;
  }
  if (fn === 'delete') {
    remove(ctx, call, args, kwargs, argList);
    return true;
  }
  if (CATALOG_CALLS.has(fn)) {
    ctx.types.set(call.id, LINEAPY_OBJECT);
    return true;
  }
  return false;
}

function save(ctx: AnalysisContext, call: CallNode, args: CallArg[], kwargs: CallKwarg[], argList: SyntaxNode | null): void {
  const target = args[0]?.id ?? kwargs.find((k) => k.key === 'reference')?.id;
  const name = stringArg(ctx, argList, 1, 'name');
  if (target === undefined || name === undefined) return;
  const which = sideEffectReference(ctx, target);
  let nodeId = target;
  if (which !== undefined) {
    // A side-effect artifact: the outside world as the writes so far left it.
    const version = sideEffectVersion(ctx, which);
    if (version === undefined) {
      ctx.diagnostics.push({
        severity: 'warning',
        code: 'lineapy-save-no-side-effect',
        message: `The lineapy save of "${name}" at ${placeOf(ctx.cell.cellIndex, ctx.loc?.line ?? 1)} names ${which === 'db' ? 'the database' : 'the files written'}, but nothing before it writes ${which === 'db' ? 'to a database' : 'a file'}; no artifact was declared (LineaPy refuses it too).`,
        cellIndex: ctx.cell.cellIndex,
        sourceCodeId: ctx.cell.sourceCodeId,
        line: ctx.loc?.line,
      });
      return;
    }
    nodeId = version;
  }
  ctx.artifacts.push({ name, nodeId, ...(ctx.loc ? { location: ctx.loc } : {}) });
  history(ctx, name).push({ callId: call.id, deletes: false });
}

function history(ctx: AnalysisContext, name: string): Array<{ callId: string; deletes: boolean }> {
  let h = ctx.saved.get(name);
  if (!h) {
    h = [];
    ctx.saved.set(name, h);
  }
  return h;
}

/**
 * The `version` argument (second, or `version=`) of a get or delete: absent when not given,
 * `null` when given but not a literal LineaPy reads (an int, a digit string, "latest", "all").
 */
function versionArg(ctx: AnalysisContext, args: CallArg[], kwargs: CallKwarg[]): ArtifactDeletion['version'] | null | undefined {
  const versionId = kwargs.find((k) => k.key === 'version')?.id ?? (args[1] && !args[1].starred ? args[1].id : undefined);
  if (versionId === undefined) return undefined;
  const node = nodeById(ctx, rootOf(ctx, versionId));
  if (node && node.kind === 'Literal') {
    if (typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= 0) return node.value;
    if (node.value === 'latest' || node.value === 'all') return node.value;
    if (typeof node.value === 'string' && /^\d+$/.test(node.value)) return Number(node.value);
  }
  return null;
}

function remove(ctx: AnalysisContext, call: CallNode, args: CallArg[], kwargs: CallKwarg[], argList: SyntaxNode | null): void {
  const name = stringArg(ctx, argList, 0, 'artifact_name');
  const version = versionArg(ctx, args, kwargs);
  const place = placeOf(ctx.cell.cellIndex, ctx.loc?.line ?? 1);
  if (name === undefined || version === undefined || version === null) {
    ctx.diagnostics.push({
      severity: 'warning',
      code: 'lineapy-delete-unknown',
      message: `The lineapy delete at ${place} does not give its artifact name and version as literals (a version number, "latest" or "all"); it was ignored.`,
      cellIndex: ctx.cell.cellIndex,
      sourceCodeId: ctx.cell.sourceCodeId,
      line: ctx.loc?.line,
    });
    return;
  }
  ctx.artifactDeletions.push({ name, version, after: ctx.artifacts.length, ...(ctx.loc ? { location: ctx.loc } : {}) });
  history(ctx, name).push({ callId: call.id, deletes: true });
}
