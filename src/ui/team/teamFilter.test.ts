import { describe, expect, it } from 'vitest';
import { teamListParams } from '../../core/team/api';
import { teamFilter } from './teamFilter';

describe('the Team tab filter', () => {
  it('speaks the local catalog syntax', () => {
    expect(teamFilter('churn')).toEqual({ q: 'churn' });
    expect(teamFilter('tag:stage=prod churn')).toEqual({ q: 'churn', tags: [{ key: 'stage', value: 'prod' }] });
    expect(teamFilter('author:"Ada L"')).toEqual({ author: 'Ada L' });
    expect(teamFilter('tag:stage')).toEqual({ q: 'stage' });
    expect(teamFilter('session:abc')).toEqual({});
    expect(teamFilter('')).toEqual({});
  });

  it('becomes the list parameters the server reads', () => {
    expect(teamListParams({ ...teamFilter('tag:stage=prod model author:ana'), latest: true }).toString()).toBe('q=model&author=ana&tag=stage%3Aprod&latest=1');
  });
});
