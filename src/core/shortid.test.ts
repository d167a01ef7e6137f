import { describe, expect, it } from 'vitest';
import { AmbiguousIdError, NotFoundError } from './errors';
import { resolvePrefix, shortestUniquePrefixes, shortId } from './shortid';

describe('shortestUniquePrefixes', () => {
  it('is at least 7 characters and unambiguous', () => {
    const ids = ['abcdef0123', 'abcdef0199', 'abcdef1000', '1234567890', 'abc'];
    const m = shortestUniquePrefixes(ids);
    expect(m.get('abcdef0123')).toBe('abcdef012');
    expect(m.get('abcdef0199')).toBe('abcdef019');
    expect(m.get('abcdef1000')).toBe('abcdef1');
    expect(m.get('1234567890')).toBe('1234567');
    expect(m.get('abc')).toBe('abc');
    // 'abc' is a prefix of other ids, so only its whole self names it (resolvePrefix: exact match wins).
    for (const [id, p] of m) {
      if (id !== 'abc') expect(ids.filter((x) => x.startsWith(p))).toEqual([id]);
    }
  });
  it('handles a prefix that is a whole other id, duplicates, case and min', () => {
    const m = shortestUniquePrefixes(['abcdefgh', 'abcdefghij', 'abcdefgh'], 2);
    expect(m.get('abcdefgh')).toBe('abcdefgh');
    expect(m.get('abcdefghij')).toBe('abcdefghi');
    expect(shortestUniquePrefixes(['ABCDEFG1', 'abcdefg2']).get('ABCDEFG1')).toBe('ABCDEFG1');
    expect(shortestUniquePrefixes(['aa', 'bb'], 1).get('aa')).toBe('a');
  });
  it('holds for many random uuids', () => {
    const ids = Array.from({ length: 2000 }, () => crypto.randomUUID());
    const m = shortestUniquePrefixes(ids);
    const prefixes = [...m.values()];
    for (const p of prefixes) expect(p.length).toBeGreaterThanOrEqual(7);
    for (const id of ids) expect(ids.filter((x) => x.startsWith(m.get(id)!))).toEqual([id]);
  });
  it('shortId works whether or not the id is in the list', () => {
    expect(shortId('abcdef0123', ['abcdef0199'])).toBe('abcdef012');
    expect(shortId('abcdef0123', ['abcdef0123', 'ffffffffff'])).toBe('abcdef0');
  });
});

describe('resolvePrefix', () => {
  const records = [{ id: 'abcdef0123' }, { id: 'abcdef0199' }, { id: 'ffff000000' }];
  const getId = (r: { id: string }) => r.id;
  it('returns the one match (case-insensitive, exact match wins)', () => {
    expect(resolvePrefix('ABCDEF012', records, getId)).toBe(records[0]);
    expect(resolvePrefix(' ff ', records, getId)).toBe(records[2]);
    expect(resolvePrefix('ab', [{ id: 'ab' }, { id: 'abc' }], getId)).toEqual({ id: 'ab' });
  });
  it('throws NotFoundError when nothing matches', () => {
    expect(() => resolvePrefix('9999', records, getId)).toThrow(NotFoundError);
  });
  it('throws AmbiguousIdError listing the candidates', () => {
    try {
      resolvePrefix('abcdef', records, getId);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AmbiguousIdError);
      expect((e as AmbiguousIdError).candidates).toEqual(['abcdef0123', 'abcdef0199']);
      expect((e as Error).message).toContain('abcdef012');
      expect((e as Error).message).toContain('abcdef019');
    }
  });
});
