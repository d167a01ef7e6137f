/**
 * Proof of pipeline export (issue 8) by running it with Pyodide (offline, stdlib only):
 * for each multi-artifact program, the generated module's `run_all_sessions()` gives the
 * same repr for every artifact as the original program at its `lineapy.save`, each
 * `get_<artifact>` called alone with its upstream values gives the same value, and the
 * Airflow DAG parses (Python `ast`) with a task graph equal to the artifact dependencies.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseProgram } from '../analysis/index';
import type { ProgramInput } from '../model';
import { createPythonRunner, type PythonRunner } from '../slice/testing/pyodide-harness';
import { buildPipeline, type Pipeline, type PipelineArtifactInput } from './index';
import { FINE_PIPELINE_PROGRAMS, PIPELINE_PROGRAMS, type PipelineProgram } from './testing/programs';

let runner: PythonRunner;
beforeAll(async () => {
  runner = await createPythonRunner();
}, 60_000);

function sessionInput(cells: string[]): ProgramInput {
  return cells.length === 1
    ? { kind: 'script', cells: [{ code: cells[0] }], totalCells: 1, diagnostics: [] }
    : { kind: 'notebook', cells: cells.map((code, i) => ({ code, cellIndex: i, executionCount: i + 1 })), totalCells: cells.length, diagnostics: [] };
}

function artifactsOf(prog: PipelineProgram): PipelineArtifactInput[] {
  const out: PipelineArtifactInput[] = [];
  prog.sessions.forEach((cells, s) => {
    let k = 0;
    const sessionId = `session-${s}`;
    const analysis = analyseProgram(sessionInput(cells), { sessionId, newId: () => `${sessionId}-${k++}` });
    const graph = { sourceCodes: analysis.sourceCodes, nodes: analysis.nodes };
    for (const a of analysis.artifacts) out.push({ name: a.name, nodeId: a.nodeId, sessionId, sessionName: `program${s}.py`, graph });
  });
  return out;
}

/** Python that parses a DAG file and lists its `a >> b` / set_upstream edges as task ids. */
function dagEdgesScript(dag: string): string {
  return `import ast
tree = ast.parse(${JSON.stringify(dag)})
task_of = {}
for node in ast.walk(tree):
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == "PythonOperator":
        kw = {k.arg: k.value for k in node.value.keywords}
        task_of[node.targets[0].id] = kw["task_id"].value
edges = []
for node in ast.walk(tree):
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.RShift):
        edges.append((task_of[node.left.id], task_of[node.right.id]))
    if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("set_upstream", "set_downstream"):
        a, b = task_of[node.args[0].id], task_of[node.func.value.id]
        edges.append((a, b) if node.func.attr == "set_upstream" else (b, a))
tasks = ";".join(sorted(task_of.values()))
edge_text = ";".join(sorted(f"{a}>{b}" for a, b in edges))
`;
}

function unquote(repr: string | undefined): string {
  return (repr ?? '').replace(/^'|'$/g, '');
}

interface Verdict {
  problems: string[];
  artifacts: number;
  module: string;
}

const codeLines = (module: string): number => module.split('\n').filter((l) => l.trim() !== '' && !/^\s*#/.test(l)).length;

function prove(prog: PipelineProgram, fine = false): Verdict {
  const problems: string[] = [];
  const expected: Record<string, string> = {};
  for (const cells of prog.sessions) {
    const ran = runner.run(cells.join('\n'));
    if (ran.error) problems.push(`original raised ${ran.error}`);
    Object.assign(expected, ran.saved);
  }
  const inputs = artifactsOf(prog);
  expect(inputs.map((a) => a.name).sort()).toEqual(Object.keys(prog.deps).sort());
  const pipeline: Pipeline = buildPipeline({ framework: 'airflow', artifacts: inputs, fine });
  const module = pipeline.files.find((f) => f.path.endsWith('_module.py'))?.content ?? '';
  const dag = pipeline.files.find((f) => f.path.endsWith('_dag.py'))?.content ?? '';
  if (/lineapy/.test(module)) problems.push('module mentions lineapy');

  // Dependencies: get_ parameters and the DAG's edges.
  for (const a of pipeline.artifacts) {
    const want = [...(prog.deps[a.name] ?? [])].sort();
    if (JSON.stringify([...a.upstream].sort()) !== JSON.stringify(want)) problems.push(`${a.name} takes ${a.upstream.join(', ') || 'nothing'}, expected ${want.join(', ') || 'nothing'}`);
  }
  const taskOf = new Map(pipeline.artifacts.map((a) => [a.name, a.taskId]));
  const wantEdges = Object.entries(prog.deps)
    .flatMap(([a, ups]) => ups.map((u) => `${taskOf.get(u)}>${taskOf.get(a)}`))
    .sort()
    .join(';');
  const parsed = runner.run(dagEdgesScript(dag), ['edge_text', 'tasks']);
  if (parsed.error) problems.push(`DAG does not parse: ${parsed.error}`);
  else {
    if (unquote(parsed.reprs.edge_text) !== wantEdges) problems.push(`DAG edges ${parsed.reprs.edge_text}, expected ${wantEdges}`);
    const wantTasks = [...taskOf.values()].sort().join(';');
    if (unquote(parsed.reprs.tasks) !== wantTasks) problems.push(`DAG tasks ${parsed.reprs.tasks}, expected ${wantTasks}`);
  }

  // run_all_sessions(), then each get_ alone with its upstream values.
  const exprs: string[] = [];
  for (const a of pipeline.artifacts) {
    exprs.push(`_tl_all[${JSON.stringify(a.name)}]`);
    exprs.push(`${a.functionName}(${a.upstream.map((u) => `_tl_all[${JSON.stringify(u)}]`).join(', ')})`);
  }
  const got = runner.run(`${module}\n_tl_all = run_all_sessions()\n`, exprs);
  if (got.error) problems.push(`module raised ${got.error}`);
  else {
    for (const a of pipeline.artifacts) {
      const want = expected[a.name];
      const all = got.reprs[`_tl_all[${JSON.stringify(a.name)}]`];
      const alone = got.reprs[`${a.functionName}(${a.upstream.map((u) => `_tl_all[${JSON.stringify(u)}]`).join(', ')})`];
      if (all !== want) problems.push(`run_all_sessions()[${a.name}] = ${all}, original ${want}`);
      if (alone !== want) problems.push(`${a.functionName} alone = ${alone}, original ${want}`);
    }
  }
  if (problems.length > 0) problems.push(`--- module ---\n${module}`);
  return { problems, artifacts: pipeline.artifacts.length, module };
}

describe('generated pipelines run like the original programs', () => {
  it('has at least 20 multi-artifact programs, with shared code, dependencies and two sessions', () => {
    expect(PIPELINE_PROGRAMS.length).toBeGreaterThanOrEqual(20);
    expect(PIPELINE_PROGRAMS.every((p) => Object.keys(p.deps).length >= 2)).toBe(true);
    expect(PIPELINE_PROGRAMS.some((p) => p.sessions.length >= 2)).toBe(true);
    expect(PIPELINE_PROGRAMS.some((p) => Object.values(p.deps).some((d) => d.length > 0))).toBe(true);
  });
  for (const prog of PIPELINE_PROGRAMS) {
    it(prog.name, () => {
      const verdict = prove(prog);
      expect(verdict.problems.join('\n'), verdict.problems.join('\n')).toBe('');
    });
  }

  it('shares code through one function that both artifacts call', () => {
    const prog = PIPELINE_PROGRAMS[0];
    const pipeline = buildPipeline({ framework: 'script', artifacts: artifactsOf(prog) });
    const module = pipeline.files[0].content;
    expect(pipeline.shared).toEqual([{ functionName: 'get_shared_for_total_and_biggest', artifacts: ['total', 'biggest'] }]);
    expect(module.match(/nums = \[3, 1, 2\]/g)).toHaveLength(1);
    expect(module.match(/get_shared_for_total_and_biggest\(\)/g)).toHaveLength(3);
  });
});

describe('fine pipelines (issue 18) run like the original programs, and are never longer', () => {
  for (const prog of [...PIPELINE_PROGRAMS, ...FINE_PIPELINE_PROGRAMS]) {
    it(prog.name, () => {
      const fine = prove(prog, true);
      expect(fine.problems.join('\n'), fine.problems.join('\n')).toBe('');
      const whole = prove(prog, false);
      expect(whole.problems.join('\n'), whole.problems.join('\n')).toBe('');
      expect(codeLines(fine.module)).toBeLessThanOrEqual(codeLines(whole.module));
    });
  }

  it('trims the blocks a fine export does not need', () => {
    const [accumulators, prices] = FINE_PIPELINE_PROGRAMS;
    const whole = prove(accumulators, false).module;
    const fine = prove(accumulators, true).module;
    expect(whole).toContain('squares += i * i');
    expect(fine).not.toContain('squares');
    expect(fine).not.toContain('print("step"');
    expect(fine).toContain('for i in range(n):');
    // A loop over a list only iterated is cut too; the unused log goes.
    expect(prove(prices, true).module).not.toContain('log');
  });
});
