// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { toDot, toMermaid, toSvg, visibleControls } from './export';
import { readPalette } from './kinds';
import type { GraphView } from '../../core/graph/view';
import { statementView } from '../../core/graph/view';
import { sample } from '../../core/graph/testing/sample';

const palette = readPalette({ getPropertyValue: () => '' });
const NASTY = 'x = "\u000b\u000c\u001b[31m\u0007\u0000\u007f\u0085\ud800" # <&>\ttab\r\nnext';

function view(label: string): GraphView {
  const node = (id: string, l: string) => ({ id, kind: 'Call' as const, label: l, title: l, memberIds: [id], names: [], where: '', isBlock: false, seq: 0 });
  return { mode: 'statement', nodes: [node('a', label), node('b', 'y')], edges: [{ id: 'e', source: 'a', target: 'b' }], groupOf: new Map() };
}

/** XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
function badXmlChars(text: string): string[] {
  const bad: string[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const ok = c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000;
    if (!ok) bad.push(`U+${c.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return bad;
}

describe('exports with control characters in labels', () => {
  const placed = new Map([
    ['a', { id: 'a', x: 0, y: 0, width: 300, height: 40 }],
    ['b', { id: 'b', x: 0, y: 100, width: 300, height: 40 }],
  ]);

  it('SVG holds only XML characters and parses as XML, with the controls shown as pictures', () => {
    const svg = toSvg(view(NASTY), placed, palette);
    expect(badXmlChars(svg)).toEqual([]);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const text = doc.getElementsByTagName('text')[0].textContent;
    expect(text).toContain('"␋␌␛[31m␇␀␡\ufffd\ufffd" # <&>');
  });

  it('DOT and Mermaid have no raw control characters, and line breaks stay inside the label', () => {
    const dot = toDot(view(NASTY), palette, 'title\u001b');
    const mermaid = toMermaid(view(NASTY), palette);
    for (const out of [dot, mermaid]) {
      // eslint-disable-next-line no-control-regex
      expect(out.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
    expect(dot).toContain('label="x = \\"␋␌␛[31m␇␀␡\ufffd\ufffd\\" # <&> tab\\nnext"');
    expect(dot).toContain('digraph "title␛"');
    expect(mermaid).toContain('n0["x = #quot;␋␌␛[31m␇␀␡\ufffd\ufffd#quot; #35; #lt;&#gt; tab<br>next"]');
    // One line per statement: the label's CRLF did not split the node line.
    expect(mermaid.split('\n').filter((l) => l.startsWith('  n0['))).toHaveLength(1);
  });

  it('keeps ordinary text and surrogate pairs as they are', () => {
    expect(visibleControls('df = pd.read_csv("😀.csv")\n')).toBe('df = pd.read_csv("😀.csv")\n');
  });
});

const TEST_PALETTE = readPalette({ getPropertyValue: (name: string) => (name === '--k-call-fill' ? ' #c0ffee ' : '') });

describe('exports', () => {
  it('take their colours from the CSS variables, with fallbacks', () => {
    expect(TEST_PALETTE.kinds.Call.fill).toBe('#c0ffee');
    expect(TEST_PALETTE.kinds.Import.fill).toBe('white');
    expect(TEST_PALETTE.background).toBe('white');
  });

  it('writes DOT, Mermaid and SVG with escaped labels', () => {
    const { graph } = sample();
    const view = statementView(graph);
    const dot = toDot(view, TEST_PALETTE, 'a "b"');
    expect(dot).toMatch(/^digraph "a \\"b\\"" \{/);
    expect(dot).toContain('label="df = pd.read_csv(\\"train.csv\\")"');
    expect(dot.match(/->/g)).toHaveLength(view.edges.length);
    const mermaid = toMermaid(view, TEST_PALETTE);
    expect(mermaid.startsWith('flowchart TD')).toBe(true);
    expect(mermaid).toContain('n1["df = pd.read_csv(#quot;train.csv#quot;)"]');
    const placed = new Map(view.nodes.map((n, i) => [n.id, { id: n.id, x: 0, y: i * 80, width: 200, height: 50 }]));
    const svg = toSvg(view, placed, TEST_PALETTE);
    expect(svg).toContain('&quot;train.csv&quot;');
    expect(svg).not.toContain('"train.csv"');
  });
});
