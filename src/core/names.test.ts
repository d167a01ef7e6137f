import { describe, expect, it } from 'vitest';
import { InputError } from './errors';
import { ArtifactNameError, closestNames, editDistance, nameSkeleton, resolveArtifactName, validateArtifactName, visibleText } from './names';

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

const composed = 'caf\u00e9_model';
const decomposed = 'cafe\u0301_model';

describe('name rules (issue 13)', () => {
  it('NFC-normalises', () => {
    expect(validateArtifactName(decomposed)).toBe(composed);
  });
  it.each([
    ['\u200b', 'invisible'],
    ['\u200b\u200c\u200d\u2060\ufeff', 'invisible'],
    ['\u3164', 'invisible'],
    ['\u115f\u1160', 'invisible'],
    ['\u00ad \u034f', 'invisible'],
    ['model\u202egnp.exe', 'bidi'],
    ['a\u202ab', 'bidi'],
    ['a\u2066b\u2069', 'bidi'],
    ['a\u200fb', 'bidi'],
    ['a\u200eb', 'bidi'],
    ['a\u061cb', 'bidi'],
    ['.', 'dot-segment'],
    [' .. ', 'dot-segment'],
  ])('refuses %j (%s) with a sentence', (raw, problem) => {
    let error: unknown;
    try {
      validateArtifactName(raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ArtifactNameError);
    expect(error).toBeInstanceOf(InputError);
    expect((error as ArtifactNameError).problem).toBe(problem);
    expect((error as Error).message).toMatch(/^An artifact (name|cannot)/);
  });
  it('keeps names that merely contain a joiner or variation selector', () => {
    expect(validateArtifactName('\u2764\ufe0f_model')).toBe('\u2764\ufe0f_model');
    expect(validateArtifactName('...')).toBe('...');
    expect(validateArtifactName('.hidden')).toBe('.hidden');
  });
  it('skeleton folds case, width, invisibles and normalisation', () => {
    expect(nameSkeleton('Churn_Model')).toBe(nameSkeleton('churn_model\u200b'));
    expect(nameSkeleton('\uff43hurn')).toBe('churn');
    expect(nameSkeleton(decomposed)).toBe(nameSkeleton(composed));
    expect(nameSkeleton('churn_model')).not.toBe(nameSkeleton('churn_model2'));
  });
});

describe('resolveArtifactName', () => {
  it('returns an exact existing name, and a new name as NFC', () => {
    expect(resolveArtifactName('churn_model', ['churn_model'])).toBe('churn_model');
    expect(resolveArtifactName(decomposed, ['other'])).toBe(composed);
  });
  it.each([
    ['churn_model\u200b', 'churn_model'],
    ['Churn_Model', 'churn_model'],
    ['CHURN_MODEL', 'churn_model'],
    ['\uff43hurn_model', 'churn_model'],
    [decomposed, 'Caf\u00e9_Model'],
  ])('refuses %j as looking like %j', (raw, existing) => {
    expect(() => resolveArtifactName(raw, ['x', existing])).toThrow(ArtifactNameError);
    expect(() => resolveArtifactName(raw, ['x', existing])).toThrow(`looks like the existing artifact "${existing}"`);
  });
  it('reuses an old, un-normalised stored spelling instead of refusing it (no migration)', () => {
    expect(resolveArtifactName(composed, [decomposed])).toBe(decomposed);
    expect(resolveArtifactName(decomposed, [decomposed])).toBe(decomposed);
  });
  it('an exact match wins when old data already holds two look-alikes', () => {
    expect(resolveArtifactName('Model', ['model', 'Model'])).toBe('Model');
  });
  it('shows invisible characters of the existing name in the message', () => {
    expect(() => resolveArtifactName('churn_model', ['churn_model\u200b'])).toThrow('"churn_model⟨U+200B⟩"');
  });
});

describe('visibleText', () => {
  it('marks bidi controls, invisible spaces and controls, and keeps emoji joiners', () => {
    expect(visibleText('report\u202Efdp.exe.py')).toBe('report⟨U+202E⟩fdp.exe.py');
    expect(visibleText('a\u200bb\u2066c\u001bd')).toBe('a⟨U+200B⟩b⟨U+2066⟩c⟨U+001B⟩d');
    expect(visibleText('\u{1F468}\u200d\u{1F469} \u2764\ufe0f')).toBe('\u{1F468}\u200d\u{1F469} \u2764\ufe0f');
    expect(visibleText('plain.ipynb')).toBe('plain.ipynb');
  });
});

describe('look-alike message', () => {
  it('shows the invisible characters of the refused name too', () => {
    expect(() => resolveArtifactName('churn_model\u200b', ['churn_model'])).toThrow('"churn_model⟨U+200B⟩" looks like the existing artifact "churn_model"');
  });
});
