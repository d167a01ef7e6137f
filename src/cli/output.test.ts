import { describe, expect, it } from 'vitest';
import { parseByteSize, sizeText } from './files';
import { escapeControls, jsonPieces, quoted, writeChunked } from './output';

describe('escapeControls', () => {
  it('escapes C0 (but layout), DEL, C1, line separators and bidi controls as \\uXXXX', () => {
    const raw = 'a\u0000b\u0007\u001b[31m\r\u007f\u0085\u009b\u061c\u200e\u200f\u2028\u2029\u202a\u202e\u2066\u2069\n\tz';
    expect(escapeControls(raw)).toBe(
      'a\\u0000b\\u0007\\u001b[31m\\u000d\\u007f\\u0085\\u009b\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a\\u202e\\u2066\\u2069\n\tz',
    );
    expect(escapeControls('a\nb\tc', false)).toBe('a\\u000ab\\u0009c');
    expect(quoted('x\ny')).toBe('"x\\u000ay"');
  });
  it('leaves ordinary text, non-ASCII letters and emoji alone, and is idempotent', () => {
    const text = 'naïve π = 3.14 🎉 "quoted" \\u001b\n';
    expect(escapeControls(text)).toBe(text);
    const once = escapeControls('\u001b\u202e\n', false);
    expect(escapeControls(once, false)).toBe(once);
  });
  it('keeps JSON valid: the escaped JSON parses to the same value', () => {
    const value = { s: 'a\u007f\u009b\u202e\\\u009b"' };
    const escaped = escapeControls(JSON.stringify(value, null, 2));
    expect(escaped).not.toMatch(/[\u007f-\u009f\u202e]/);
    expect(JSON.parse(escaped)).toEqual(value);
  });
});

describe('jsonPieces', () => {
  const sample = {
    file: 'a.py',
    nothing: undefined,
    fn: () => 1,
    empty: [],
    emptyObject: {},
    nested: { deep: { deeper: [1, { x: 'y\nz' }] }, list: [] },
    nodes: [{ id: 'n1', kind: 'Call', args: ['a', 'b'], extra: undefined }, null, 3, 'text', [[]], { a: { b: { c: [1, 2] } } }],
    holes: [undefined, () => 1],
    when: new Date(0),
    n: 0,
  };
  it('joins to exactly JSON.stringify(value, null, 2) plus a newline', () => {
    expect([...jsonPieces(sample)].join('')).toBe(`${JSON.stringify(sample, null, 2)}\n`);
    for (const v of [1, 'x', null, [], {}, [1, [2, [3]]], { a: [] }]) expect([...jsonPieces(v)].join('')).toBe(`${JSON.stringify(v, null, 2)}\n`);
  });
  it('never builds one giant string: a 50,000-node graph comes in small pieces and 64 KB chunks', async () => {
    const nodes = Array.from({ length: 50_000 }, (_, i) => ({ id: `node-${i}`, kind: 'Call', inputs: [`node-${i - 1}`] }));
    const graph = { file: 'big.py', nodes, bindings: nodes.map((n) => ({ name: n.id, nodeId: n.id })) };
    let biggestPiece = 0;
    for (const p of jsonPieces(graph)) biggestPiece = Math.max(biggestPiece, p.length);
    expect(biggestPiece).toBeLessThan(64 * 1024);
    const chunks: string[] = [];
    await writeChunked(jsonPieces(graph), async (c) => void chunks.push(c));
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(64 * 1024 + biggestPiece);
    expect(chunks.length).toBeGreaterThan(50);
    expect(chunks.join('')).toBe(`${JSON.stringify(graph, null, 2)}\n`);
  });
});

describe('--max-bytes sizes', () => {
  it('parses bytes and k/M/G suffixes, and refuses the rest', () => {
    expect(parseByteSize('1000')).toBe(1000);
    expect(parseByteSize('64k')).toBe(65536);
    expect(parseByteSize('200M')).toBe(200 * 1024 * 1024);
    expect(parseByteSize('1GB')).toBe(1024 ** 3);
    for (const bad of ['', '0', '-5', '1.5M', 'lots', '1T', '99999999999999999999']) expect(parseByteSize(bad)).toBeUndefined();
  });
  it('prints sizes for a sentence', () => {
    expect(sizeText(1)).toBe('1 byte');
    expect(sizeText(2400)).toBe('2,400 bytes');
    expect(sizeText(100 * 1024 * 1024)).toBe('100 MB');
    expect(sizeText(50_000)).toBe('49 KB');
  });
});
