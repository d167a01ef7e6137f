import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InputError } from './errors';
import { MAX_TAGS_PER_ARTIFACT, normaliseTags, parseTagLine, parseTagsText, shownTags, tagLine, tagsToText } from './tags';

describe('tag text: one tag per line', () => {
  it('keeps a comma in a value (it used to split into two tags)', () => {
    expect(parseTagsText('owner=Smith, John')).toEqual([{ key: 'owner', value: 'Smith, John' }]);
  });
  it('splits on the first = only, and trims around it', () => {
    expect(parseTagsText(' expr = a=b \r\nreviewed\r\n\r\n')).toEqual([
      { key: 'expr', value: 'a=b' },
      { key: 'reviewed', value: '' },
    ]);
  });
  it('writes awkward keys and values as JSON strings', () => {
    expect(tagLine({ key: 'note', value: 'line one\nline two' })).toBe('note="line one\\nline two"');
    expect(tagLine({ key: 'a=b', value: 'c' })).toBe('"a=b"=c');
    expect(tagLine({ key: 'q', value: '"quoted"' })).toBe('q="\\"quoted\\""');
    expect(tagLine({ key: 'q', value: 'say "hi"' })).toBe('q=say "hi"');
    expect(tagLine({ key: 'pad', value: '  x ' })).toBe('pad="  x "');
  });
  it('keeps hand-typed text with an unclosed quote as typed', () => {
    expect(parseTagLine('k="abc')).toEqual({ key: 'k', value: '"abc' });
    expect(parseTagLine('"k=v')).toEqual({ key: '"k', value: 'v' });
  });
  it('round-trips tags with commas, equals signs, quotes, spaces and newlines', () => {
    const tags = [
      { key: 'owner', value: 'Smith, John' },
      { key: 'expr', value: 'x = y == z' },
      { key: 'quote', value: '"she said, \\"no\\""' },
      { key: 'spaces', value: '  padded  ' },
      { key: 'lines', value: 'one\ntwo\r\nthree' },
      { key: 'k=with=eq', value: '' },
      { key: '"k"', value: '"' },
      { key: ' sp key ', value: 'v' },
      { key: 'sep', value: 'a\u2028b\u0085c' },
      { key: 'reviewed', value: '' },
    ];
    expect(parseTagsText(tagsToText(tags))).toEqual(tags);
  });
  it('round-trips any tags (property)', () => {
    const text = fc.string({ unit: 'grapheme-ascii', maxLength: 12 }).chain((a) => fc.constantFrom(a, `${a}\n,="\\ `, ` ${a}\t"`));
    fc.assert(
      fc.property(fc.array(fc.record({ key: text.filter((k) => k !== ''), value: text }), { maxLength: 8 }), (tags) => {
        expect(parseTagsText(tagsToText(tags))).toEqual(tags);
      }),
      { numRuns: 500, seed: 20261122 },
    );
  });
});

describe('normaliseTags caps', () => {
  it(`accepts ${MAX_TAGS_PER_ARTIFACT} tags and refuses more with a sentence`, () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: '' }));
    expect(normaliseTags(tags(MAX_TAGS_PER_ARTIFACT))).toHaveLength(MAX_TAGS_PER_ARTIFACT);
    expect(() => normaliseTags(tags(50_000))).toThrow(InputError);
    expect(() => normaliseTags(tags(50_000))).toThrow('An artifact can have at most 100 tags; this list has 50,000. Remove 49,900 and save again.');
  });
  it('counts after dropping duplicates', () => {
    const same = Array.from({ length: 500 }, () => ({ key: 'stage', value: 'prod' }));
    expect(normaliseTags(same)).toEqual([{ key: 'stage', value: 'prod' }]);
  });
  it('says which length cap a tag breaks', () => {
    expect(() => normaliseTags([{ key: 'k'.repeat(201), value: '' }])).toThrow(/key of 201 characters; a key can have at most 200/);
    expect(() => normaliseTags([{ key: 'k', value: 'v'.repeat(1001) }])).toThrow(/value of 1,001 characters; a value can have at most 1,000/);
  });
});

describe('shownTags', () => {
  it('truncates long lists and counts the rest', () => {
    const tags = Array.from({ length: 50_000 }, (_, i) => ({ key: `k${i}`, value: '' }));
    const { shown, hidden } = shownTags(tags, 100);
    expect(shown).toHaveLength(100);
    expect(hidden).toBe(49_900);
    expect(shownTags(tags.slice(0, 3), 100)).toEqual({ shown: tags.slice(0, 3), hidden: 0 });
  });
});
