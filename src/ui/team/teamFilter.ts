/**
 * The Team tab's filter box speaks the local catalog's syntax (`tag:key=value`, `author:name`,
 * words for the name, description and tag text), turned into the team API's list parameters.
 * `tag:key` without a value becomes text (the API matches tags by key and value); `session:`
 * has no meaning across workspaces and is left out.
 */
import type { TeamListQuery } from '../../core/team/api';
import { parseArtifactFilter } from '../../store';

export function teamFilter(input: string): Pick<TeamListQuery, 'q' | 'author' | 'tags'> {
  const parsed = parseArtifactFilter(input);
  const words: string[] = [];
  if (parsed.text) words.push(parsed.text);
  const out: Pick<TeamListQuery, 'q' | 'author' | 'tags'> = {};
  if (parsed.tag) {
    if (parsed.tag.value !== undefined) out.tags = [{ key: parsed.tag.key, value: parsed.tag.value }];
    else words.push(parsed.tag.key);
  }
  if (parsed.author) out.author = parsed.author;
  if (words.length > 0) out.q = words.join(' ');
  return out;
}
