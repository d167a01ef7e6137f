import { describe, expect, it } from 'vitest';
import { highlightPython } from './pyhighlight';

const classes = (line: ReturnType<typeof highlightPython>[number]) => line.filter((r) => r.cls).map((r) => `${r.cls}:${r.text}`);

describe('highlightPython', () => {
  it('keeps every character, line by line', () => {
    const code = 'import pandas as pd\r\ndf = pd.read_csv("a.csv")  # load\n\nx = 1';
    const lines = highlightPython(code);
    expect(lines.map((l) => l.map((r) => r.text).join(''))).toEqual(['import pandas as pd', 'df = pd.read_csv("a.csv")  # load', '', 'x = 1']);
  });

  it('classes keywords, strings, numbers, comments, constants and calls', () => {
    const [imp, call, def, ret] = highlightPython('import pandas as pd\ndf = pd.read_csv("a.csv", n=3)  # load\ndef f(a):\n    return a is None or True\n');
    expect(classes(imp)).toEqual(['kw:import', 'kw:as']);
    expect(classes(call)).toEqual(['op:=', 'fn:read_csv', 'str:"a.csv"', 'op:=', 'num:3', 'com:# load']);
    expect(classes(def)).toEqual(['kw:def', 'def:f']);
    expect(classes(ret)).toEqual(['kw:return', 'kw:is', 'const:None', 'kw:or', 'const:True']);
  });

  it('highlights code inside f-string fields over the string', () => {
    const [line] = highlightPython('s = f"{g(x)} and {1}"');
    expect(classes(line)).toContain('fn:g');
    expect(classes(line)).toContain('num:1');
  });

  it('shows `print = …` as a name being assigned, not a Python 2 print keyword', () => {
    const [line] = highlightPython('print = 5');
    expect(classes(line)).toEqual(['op:=', 'num:5']);
  });

  it('returns plain text for empty input', () => {
    expect(highlightPython('')).toEqual([[]]);
  });
});
