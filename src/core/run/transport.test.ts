import { describe, expect, it } from 'vitest';
import { nextTask, parseCellResult } from './run';

const meta = (values: Array<{ name: string; repr: string | number }>, saves: Array<{ name: string; repr: string | number }> = []) =>
  JSON.stringify({
    started: 1,
    ended: 2,
    error: null,
    values: values.map((v) => ({ ...v, len: 3, type: 'int' })),
    saves: saves.map((v) => ({ ...v, len: 3, type: 'int' })),
  });

describe('parseCellResult', () => {
  it('reads plain JSON (no raw section)', () => {
    expect(parseCellResult(meta([{ name: 'a', repr: '1' }])).values[0].repr).toBe('1');
  });

  it('takes numbered reprs from after the NUL, saves first, keeping JSON-escaped ones in place', () => {
    const text = `${meta([{ name: 'a', repr: 3 }, { name: 'u', repr: "'é'" }, { name: 'b', repr: 2 }], [{ name: 's', repr: 4 }])}\u0000'x'{1:2[1`;
    const parsed = parseCellResult(text);
    expect(parsed.saves.map((r) => r.repr)).toEqual(["'x'{"]);
    expect(parsed.values.map((r) => r.repr)).toEqual(['1:2', "'é'", '[1']);
  });

  it('refuses a raw section that does not match the announced lengths', () => {
    expect(() => parseCellResult(`${meta([{ name: 'a', repr: 5 }])}\u0000abc`)).toThrow(/fewer/);
    expect(() => parseCellResult(`${meta([{ name: 'a', repr: 1 }])}\u0000abc`)).toThrow(/more/);
  });
});

describe('nextTask', () => {
  it('lets a due timer run before it resolves', async () => {
    let fired = false;
    setTimeout(() => (fired = true), 0);
    for (let i = 0; i < 50 && !fired; i++) await nextTask();
    expect(fired).toBe(true);
  });
});
