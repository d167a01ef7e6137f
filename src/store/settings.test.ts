import { afterEach, describe, expect, it } from 'vitest';
import { getSettings, NUMBER_SETTINGS, parseNumberSetting, rangeText, updateSettings } from './settings';
import { freshDb, trackDatabases } from './test-fixtures';

const track = trackDatabases(afterEach);
const { maxIngestMB, maxNodes } = NUMBER_SETTINGS;

describe('parseNumberSetting', () => {
  it.each(['0', '-1', '1e400', 'abc', '', '   ', '1.5', '0x10', '+5', '1,00', 'Infinity', 'NaN', '5000'])('refuses %j for the size limit with a sentence naming the range', (text) => {
    const parsed = parseNumberSetting(maxIngestMB, text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toContain('The ingest size limit must be a whole number of MB from 1 to 4,096.');
    expect(parsed.message).toMatch(/Nothing was saved\.$/);
  });

  it('says why: empty, not digits, too small, too large', () => {
    expect(parseNumberSetting(maxIngestMB, '')).toEqual({ ok: false, message: 'Enter a value. The ingest size limit must be a whole number of MB from 1 to 4,096. Nothing was saved.' });
    expect(parseNumberSetting(maxIngestMB, 'abc')).toMatchObject({ message: expect.stringMatching(/^“abc” is not a whole number written in digits\./) });
    expect(parseNumberSetting(maxIngestMB, '1e400')).toMatchObject({ message: expect.stringMatching(/^“1e400” is not a whole number/) });
    expect(parseNumberSetting(maxIngestMB, '-1')).toMatchObject({ message: expect.stringMatching(/^“-1” is not a whole number/) });
    expect(parseNumberSetting(maxIngestMB, '0')).toMatchObject({ message: expect.stringMatching(/^0 is too small\./) });
    expect(parseNumberSetting(maxNodes, '999')).toMatchObject({ message: expect.stringMatching(/^999 is too small\. The node limit per file must be a whole number of nodes from 1,000 to 5,000,000\./) });
    expect(parseNumberSetting(maxNodes, '9'.repeat(400))).toMatchObject({ message: expect.stringMatching(/^9{24}… is too large\./) });
  });

  it('accepts whole numbers in range, with thousands grouped or not', () => {
    expect(parseNumberSetting(maxIngestMB, ' 250 ')).toEqual({ ok: true, value: 250 });
    expect(parseNumberSetting(maxIngestMB, '1')).toEqual({ ok: true, value: 1 });
    expect(parseNumberSetting(maxIngestMB, '4,096')).toEqual({ ok: true, value: 4096 });
    expect(parseNumberSetting(maxNodes, '500,000')).toEqual({ ok: true, value: 500_000 });
    expect(parseNumberSetting(maxNodes, '2_000_000')).toEqual({ ok: true, value: 2_000_000 });
    expect(parseNumberSetting(maxNodes, '1000')).toEqual({ ok: true, value: 1000 });
  });

  it('names the range', () => {
    expect(rangeText(maxNodes)).toBe('a whole number of nodes from 1,000 to 5,000,000');
  });
});

describe('numeric settings in the store', () => {
  it('the node budget defaults to 500,000, stores a valid value, refuses others and keeps the old one', async () => {
    const db = track(freshDb('node-budget'));
    expect((await getSettings(db)).maxNodes).toBe(500_000);
    expect((await updateSettings(db, { maxNodes: 20_000 })).maxNodes).toBe(20_000);
    for (const bad of [0, -1, 999, 5_000_001, 1.5, Number.POSITIVE_INFINITY, Number.NaN]) {
      await expect(updateSettings(db, { maxNodes: bad })).rejects.toMatchObject({ kind: 'input', where: 'maxNodes' });
    }
    expect((await getSettings(db)).maxNodes).toBe(20_000);
  });

  it('a refused field in a patch stores nothing from that patch', async () => {
    const db = track(freshDb('patch'));
    await expect(updateSettings(db, { author: 'ada', maxNodes: 0 })).rejects.toMatchObject({ kind: 'input' });
    expect((await getSettings(db)).author).toBe('me');
  });
});

describe('the fine slice setting', () => {
  it('is off by default, stores on and off, and refuses anything but a boolean', async () => {
    const db = track(freshDb('fine-slices'));
    expect((await getSettings(db)).fineSlices).toBe(false);
    expect((await updateSettings(db, { fineSlices: true })).fineSlices).toBe(true);
    expect((await getSettings(db)).fineSlices).toBe(true);
    await expect(updateSettings(db, { fineSlices: 'yes' as unknown as boolean })).rejects.toMatchObject({ kind: 'input', where: 'fineSlices' });
    expect((await getSettings(db)).fineSlices).toBe(true);
    expect((await updateSettings(db, { fineSlices: false })).fineSlices).toBe(false);
  });

  it('a stored value that is not a boolean reads as off', async () => {
    const db = track(freshDb('fine-slices-bad'));
    await db.settings.put({ key: 'fineSlices', value: 'true' });
    expect((await getSettings(db)).fineSlices).toBe(false);
  });
});
