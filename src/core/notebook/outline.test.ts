/** Headings of markdown cells: ATX and setext, code fences, plain text only, limits; and the reader carrying them. */
import { describe, expect, it } from 'vitest';
import { markdownHeadings, MAX_HEADING_CHARS, MAX_OUTLINE_HEADINGS, plainHeadingText } from './outline';
import { readSourceFile } from './index';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const nb = (cells: unknown[], nbformat = 4): Uint8Array => enc(JSON.stringify({ nbformat, nbformat_minor: 5, metadata: {}, cells }));
const md = (source: string | string[]): unknown => ({ cell_type: 'markdown', source, metadata: {} });
const code = (source: string): unknown => ({ cell_type: 'code', source, execution_count: null, outputs: [], metadata: {} });

describe('markdownHeadings', () => {
  it('reads ATX headings of every level, with closing hashes and up to three spaces of indent', () => {
    expect(markdownHeadings('# One\n## Two ##\n   ### Three\n#### Four\n##### Five\n###### Six\n####### Seven')).toEqual([
      { level: 1, text: 'One' },
      { level: 2, text: 'Two' },
      { level: 3, text: 'Three' },
      { level: 4, text: 'Four' },
      { level: 5, text: 'Five' },
      { level: 6, text: 'Six' },
    ]);
  });
  it('needs a space after the hashes, and skips empty headings and indented code', () => {
    expect(markdownHeadings('#hashtag\n#\n    # code\n## C# is # a language')).toEqual([{ level: 2, text: 'C# is # a language' }]);
  });
  it('reads setext headings: = is level 1, - is level 2, a paragraph of several lines is one heading', () => {
    expect(markdownHeadings('Title\n=====\n\nPart one\ncontinued\n---\n\ntext\n\n---\n- item\n---')).toEqual([
      { level: 1, text: 'Title' },
      { level: 2, text: 'Part one continued' },
    ]);
  });
  it('ignores headings inside code fences (``` and ~~~, closed by a fence at least as long)', () => {
    const text = ['```python', '# a comment', '```', '## After', '~~~~', '# inside', '~~~', '# still inside', '~~~~', '# Out', '````', 'x', '==='].join('\n');
    expect(markdownHeadings(text)).toEqual([
      { level: 2, text: 'After' },
      { level: 1, text: 'Out' },
    ]);
  });
  it('keeps a heading with Windows line ends', () => {
    expect(markdownHeadings('# A\r\n\r\nB\r\n==\r\n')).toEqual([
      { level: 1, text: 'A' },
      { level: 1, text: 'B' },
    ]);
  });
});

describe('plainHeadingText', () => {
  it('drops HTML tags and markdown marks, keeps link text, decodes entities as text', () => {
    expect(plainHeadingText('<a id="load"></a>1. **Load** the `data` from [the site](http://x.org)')).toBe('1. Load the data from the site');
    expect(plainHeadingText('<img src=x onerror="alert(1)">Intro <script>bad()</script>')).toBe('Intro bad()');
    // An escaped tag stays visible text, never markup.
    expect(plainHeadingText('Use &lt;b&gt; &amp; friends')).toBe('Use <b> & friends');
    expect(plainHeadingText('snake_case_name and a*b*c')).toBe('snake_case_name and abc');
  });
  it('cuts long text to the limit and folds whitespace and control characters', () => {
    const long = plainHeadingText(`A${'b'.repeat(500)}`);
    expect(long).toHaveLength(MAX_HEADING_CHARS);
    expect(long.endsWith('…')).toBe(true);
    expect(plainHeadingText('a\u0007\t b')).toBe('a b');
  });
});

describe('readSourceFile: the outline', () => {
  it('keeps headings with the index of their markdown cell; code cells are unchanged', () => {
    const input = readSourceFile('a.ipynb', nb([md(['# Load\n', 'text\n', '## Clean <i>it</i>']), code('x = 1'), md('Plot\n---'), code('y = x')]));
    expect(input.outline).toEqual([
      { cellIndex: 0, level: 1, text: 'Load' },
      { cellIndex: 0, level: 2, text: 'Clean it' },
      { cellIndex: 2, level: 2, text: 'Plot' },
    ]);
    expect(input.cells.map((c) => c.cellIndex)).toEqual([1, 3]);
  });
  it('has no outline without headings, and skips a malformed markdown source without failing', () => {
    expect(readSourceFile('a.ipynb', nb([md('just text'), code('x = 1')])).outline).toBeUndefined();
    expect(readSourceFile('a.ipynb', nb([{ cell_type: 'markdown', source: 5 }, code('x = 1')])).outline).toBeUndefined();
  });
  it('reads nbformat 3 heading cells', () => {
    const doc = { nbformat: 3, worksheets: [{ cells: [{ cell_type: 'heading', level: 2, source: ['Setup'] }, { cell_type: 'code', input: 'x = 1', outputs: [] }] }] };
    expect(readSourceFile('a.ipynb', enc(JSON.stringify(doc))).outline).toEqual([{ cellIndex: 0, level: 2, text: 'Setup' }]);
  });
  it('reads headings of `# %% [markdown]` cells in scripts', () => {
    const input = readSourceFile('a.py', enc('# %% [markdown]\n# # Load the data\n# some text\n# %%\nx = 1\n'));
    expect(input.outline).toEqual([{ cellIndex: 0, level: 1, text: 'Load the data' }]);
    expect(input.cells.map((c) => c.cellIndex)).toEqual([1]);
  });
  it('keeps at most MAX_OUTLINE_HEADINGS headings', () => {
    const cells = Array.from({ length: MAX_OUTLINE_HEADINGS + 50 }, (_, i) => md(`## Part ${i}`));
    const outline = readSourceFile('a.ipynb', nb([...cells, code('x = 1')])).outline!;
    expect(outline).toHaveLength(MAX_OUTLINE_HEADINGS);
    expect(outline[outline.length - 1].text).toBe(`Part ${MAX_OUTLINE_HEADINGS - 1}`);
  });
});
