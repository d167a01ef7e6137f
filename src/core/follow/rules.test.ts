import { describe, expect, it } from 'vitest';
import { agoText, followedNotebookKey, isFollowableFile, isIncompleteSave, isSkippedFolder, joinPath, nextPollDelay, stampChanged } from './rules';

describe('folder walk rules', () => {
  it('skips tool folders and hidden folders, enters the rest', () => {
    for (const name of ['.ipynb_checkpoints', '.git', 'node_modules', '__pycache__', '.venv']) expect(isSkippedFolder(name)).toBe(true);
    for (const name of ['notebooks', 'src', 'checkpoints', 'my.git.stuff']) expect(isSkippedFolder(name)).toBe(false);
  });
  it('follows .ipynb and .py files only, not hidden ones', () => {
    expect(isFollowableFile('Analysis.IPYNB')).toBe(true);
    expect(isFollowableFile('train.py')).toBe(true);
    expect(isFollowableFile('notes.md')).toBe(false);
    expect(isFollowableFile('train.pyc')).toBe(false);
    expect(isFollowableFile('.scratch.py')).toBe(false);
  });
  it('joins paths relative to the followed folder', () => {
    expect(joinPath('', 'a.ipynb')).toBe('a.ipynb');
    expect(joinPath('reports/q1', 'a.ipynb')).toBe('reports/q1/a.ipynb');
  });
});

describe('change detection and polling', () => {
  it('a file is changed when new, or when its time or size moved', () => {
    expect(stampChanged(undefined, { lastModified: 1, size: 1 })).toBe(true);
    expect(stampChanged({ lastModified: 1, size: 10 }, { lastModified: 1, size: 10 })).toBe(false);
    expect(stampChanged({ lastModified: 1, size: 10 }, { lastModified: 2, size: 10 })).toBe(true);
    expect(stampChanged({ lastModified: 1, size: 10 }, { lastModified: 1, size: 11 })).toBe(true);
  });
  it('polls every 2 s while visible and backs off to a minute while hidden', () => {
    expect(nextPollDelay(false, 0)).toBe(2000);
    expect(nextPollDelay(false, 50)).toBe(2000);
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => nextPollDelay(true, n))).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect(nextPollDelay(true, 1000)).toBe(60000);
  });
});

describe('notebook keys of followed paths', () => {
  it('keeps the path within the folder, normalised', () => {
    expect(followedNotebookKey('Reports/Q1.ipynb')).toBe('reports/q1.ipynb');
    expect(followedNotebookKey('reports\\q1.ipynb')).toBe('reports/q1.ipynb');
    expect(followedNotebookKey('./reports//q1.ipynb')).toBe('reports/q1.ipynb');
  });
  it('a top-level file has the same key as the same file dropped by name', () => {
    expect(followedNotebookKey('Churn.ipynb')).toBe('churn.ipynb');
  });
});

describe('half-written saves', () => {
  it('an empty file or a notebook whose JSON does not parse is waiting, other refusals are not', () => {
    expect(isIncompleteSave('a.ipynb', 0, {})).toBe(true);
    expect(isIncompleteSave('a.py', 0, {})).toBe(true);
    expect(isIncompleteSave('a.ipynb', 120, { kind: 'input', where: 'JSON line 3, column 7' })).toBe(true);
    expect(isIncompleteSave('a.ipynb', 120, { kind: 'input', where: '(top level)' })).toBe(false);
    expect(isIncompleteSave('a.py', 120, { kind: 'input', where: 'JSON' })).toBe(false);
    expect(isIncompleteSave('a.ipynb', 120, { kind: 'storage' })).toBe(false);
  });
});

describe('agoText', () => {
  it('says how long ago in one short phrase', () => {
    expect(agoText(0)).toBe('just now');
    expect(agoText(10_000)).toBe('10 s ago');
    expect(agoText(3 * 60_000)).toBe('3 min ago');
    expect(agoText(2 * 3600_000)).toBe('2 h ago');
    expect(agoText(5 * 86400_000)).toBe('5 days ago');
    expect(agoText(-5)).toBe('just now');
  });
});
