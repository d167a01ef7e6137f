import { describe, expect, it } from 'vitest';
import { InputError } from './errors';
import { closestNames, editDistance, validateArtifactName } from './names';

describe('validateArtifactName', () => {
  it('trims and accepts 1–200 characters', () => {
    expect(validateArtifactName('  churn model v2 ')).toBe('churn model v2');
    expect(validateArtifactName('x'.repeat(200))).toHaveLength(200);
    expect(validateArtifactName('模型')).toBe('模型');
    expect(validateArtifactName('😀'.repeat(200))).toHaveLength(400); // 200 code points
  });
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['x'.repeat(201), /at most 200.*201/],
    ['a\nb', /control characters.*U\+000A/],
    ['a\tb', /control/],
    ['a\u0000b', /control/],
    ['a\u007fb', /control/],
    ['a\u2028b', /control/],
  ])('rejects %j', (raw, message) => {
    expect(() => validateArtifactName(raw)).toThrow(InputError);
    expect(() => validateArtifactName(raw)).toThrow(message);
  });
  it('rejects non-text', () => {
    expect(() => validateArtifactName(42)).toThrow(InputError);
  });
});

describe('closestNames', () => {
  it('orders by edit distance, case-insensitive, ties alphabetical, at most n', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    const names = ['churn_model', 'churn_modal', 'Churn_Model2', 'revenue', 'chart'];
    expect(closestNames('churn_modle', names)).toEqual(['churn_modal', 'churn_model', 'Churn_Model2']);
    expect(closestNames('churn_modle', names, 1)).toEqual(['churn_modal']);
    expect(closestNames('zzzzzzzzzzzz', names)).toEqual([]);
    expect(closestNames('model', ['churn_model_final'])).toEqual(['churn_model_final']);
  });
});
