import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyseProgram } from '../analysis/index';
import { InputError, NotFoundError } from '../errors';
import { buildPipeline, requirementsFor, slugify, zipFiles, type PipelineArtifactInput } from './index';
import { analyseUnit, indentUnit, lineapyNames, removeLineapy } from './units';

function script(code: string, sessionId = 's'): { artifacts: (names?: string[]) => PipelineArtifactInput[]; variable: (name: string) => PipelineArtifactInput } {
  let k = 0;
  const out = analyseProgram({ kind: 'script', cells: [{ code }], totalCells: 1, diagnostics: [] }, { sessionId, newId: () => `${sessionId}-${k++}` });
  const graph = { sourceCodes: out.sourceCodes, nodes: out.nodes };
  return {
    artifacts: (names) => out.artifacts.filter((a) => !names || names.includes(a.name)).map((a) => ({ name: a.name, nodeId: a.nodeId, sessionId, graph })),
    variable: (name) => ({ name, nodeId: out.bindings.find((b) => b.name === name)?.nodeId ?? '', sessionId, graph }),
  };
}

describe('names and requirements', () => {
  it('slugifies pipeline and artifact names into identifiers', () => {
    expect(slugify('Churn Model v2')).toBe('churn_model_v2');
    expect(slugify('2024 sales')).toBe('_2024_sales');
    expect(slugify('été/ß')).toBe('ete');
    expect(slugify('***')).toBe('pipeline');
    expect(slugify('class')).toBe('class_');
  });

  it('maps import names to distributions and leaves out the stdlib and lineapy', () => {
    expect(requirementsFor(['sklearn', 'cv2', 'PIL', 'yaml', 'os', 'json', 'collections', 'lineapy', 'pandas', 'numpy', 'pandas'])).toEqual([
      'numpy',
      'opencv-python',
      'pandas',
      'pillow',
      'pyyaml',
      'scikit-learn',
    ]);
  });

  it('lists third-party imports of the exported code only', () => {
    const p = script(`import lineapy
import os
import pandas as pd
from sklearn.linear_model import LinearRegression
import requests
df = pd.DataFrame({"a": [1]})
model = LinearRegression()
lineapy.save(df, "df")
lineapy.save(model, "model")
`);
    const pipeline = buildPipeline({ framework: 'script', artifacts: p.artifacts() });
    expect(pipeline.name).toBe('df_model');
    expect(pipeline.files.map((f) => f.path)).toEqual(['df_model_module.py', 'df_model_requirements.txt']);
    expect(pipeline.files[1].content).toBe('pandas\nscikit-learn\n');
    const module = pipeline.files[0].content;
    expect(module.indexOf('import pandas as pd')).toBeLessThan(module.indexOf('def get_df'));
    expect(module.match(/import pandas as pd/g)).toHaveLength(1);
    expect(module).not.toContain('requests');
    expect(module).not.toContain('lineapy');
  });
});

describe('unit analysis', () => {
  it('finds reads, writes and global declarations', () => {
    const info = analyseUnit('a, b[i] = f(x, key=y)\nc += d');
    expect([...info.writes].sort()).toEqual(['a', 'c']);
    expect([...info.reads].sort()).toEqual(['b', 'c', 'd', 'f', 'i', 'x', 'y']);
    const fn = analyseUnit('def g(p):\n    global total\n    total = p + k\n    return total');
    expect([...fn.writes]).toEqual(['g']);
    expect([...fn.globals]).toEqual(['total']);
    expect(fn.reads.has('k')).toBe(true);
    expect(fn.definitionOnly).toBe(true);
    const imp = analyseUnit('import a.b as c, d\nfrom e.f import g as h, i');
    expect(imp.importOnly).toBe(true);
    expect([...imp.writes].sort()).toEqual(['c', 'd', 'h', 'i']);
    expect([...imp.modules].sort()).toEqual(['a', 'd', 'e']);
  });

  it('reads `print = …` as a Python 3 assignment, not a Python 2 print statement', () => {
    const info = analyseUnit('print = log.info\nprint, n = f(x)');
    expect([...info.writes].sort()).toEqual(['n', 'print']);
    expect([...info.reads].sort()).toEqual(['f', 'log', 'x']);
  });

  it('removes lineapy imports and save calls', () => {
    const names = lineapyNames(['import lineapy as lp\nfrom lineapy import save']);
    expect(removeLineapy('import lineapy as lp', names, () => undefined).text).toBe('');
    expect(removeLineapy('x = 1; lp.save(x, "x")', names, () => undefined).text).not.toContain('lp');
    const expr = removeLineapy('save(x * 2, name="dbl")', names, (n) => (n === 'dbl' ? 'dbl_value' : undefined));
    expect(expr.text).toBe('dbl_value = x * 2');
    expect(expr.saves).toEqual([{ expr: 'x * 2', name: 'dbl' }]);
    expect(removeLineapy('for v in vs:\n    out.append(lp.save(v, "v"))', names, () => undefined).text).toBe('for v in vs:\n    out.append((v))');
  });

  it('indents code but not the inside of multi-line strings', () => {
    expect(indentUnit('s = """a\nb"""\nif s:\n    t = 1', '    ')).toBe('    s = """a\nb"""\n    if s:\n        t = 1');
  });
});

describe('buildPipeline', () => {
  const p = script(`import lineapy
base = [1, 2, 3]
total = sum(base)
lineapy.save(total, "total")
scaled = [b * total for b in base]
lineapy.save(scaled, "scaled")
top = max(base)
lineapy.save(top, "top")
`);

  it('gives each artifact a get_ function taking its upstream artifacts', () => {
    const pipeline = buildPipeline({ framework: 'airflow', artifacts: p.artifacts() });
    expect(pipeline.artifacts.map((a) => [a.functionName, a.upstream])).toEqual([
      ['get_total', []],
      ['get_scaled', ['total']],
      ['get_top', []],
    ]);
    const module = pipeline.files[0].content;
    expect(module).toContain('def get_scaled(total):');
    expect(module).toContain('def run_session_including_total():');
    expect(module).toContain('def run_all_sessions():');
    expect(module).toContain('if __name__ == "__main__":');
    // base is shared by all three: computed in one function, never duplicated.
    expect(module.match(/base = \[1, 2, 3\]/g)).toHaveLength(1);
    const dag = pipeline.files[2].content;
    expect(pipeline.files[2].path).toBe('total_scaled_top_dag.py');
    expect(dag).toContain('total_task >> scaled_task');
    expect(dag).toContain('PythonOperator(task_id="top_task"');
  });

  it('uses the given name, slugified', () => {
    expect(buildPipeline({ name: 'Sales Q1!', framework: 'script', artifacts: p.artifacts(['top']) }).files.map((f) => f.path)).toEqual([
      'sales_q1_module.py',
      'sales_q1_requirements.txt',
    ]);
  });

  it('exports variables named in the UI, and bare expressions', () => {
    const q = script('xs = [1, 2]\nn = len(xs)\nxs[0] + n\n');
    const pipeline = buildPipeline({ framework: 'script', artifacts: [q.variable('n')] });
    expect(pipeline.files[0].content).toContain('def get_n():\n    xs = [1, 2]\n    n = len(xs)\n    return n');
  });

  it('rejects bad input with clear errors', () => {
    expect(() => buildPipeline({ framework: 'script', artifacts: [] })).toThrow(InputError);
    const bad = { ...p.artifacts(['top'])[0], nodeId: 'missing' };
    expect(() => buildPipeline({ framework: 'script', artifacts: [bad] })).toThrow(NotFoundError);
  });

  it('zips the files', () => {
    const pipeline = buildPipeline({ framework: 'airflow', artifacts: p.artifacts() });
    const unzipped = unzipSync(zipFiles(pipeline.files));
    expect(Object.keys(unzipped).sort()).toEqual(pipeline.files.map((f) => f.path).sort());
    expect(strFromU8(unzipped[pipeline.files[0].path])).toBe(pipeline.files[0].content);
  });
});
