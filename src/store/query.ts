/** Parsing of the catalog's filter box into an ArtifactQuery. Pure. */
import type { ArtifactQuery } from './artifacts';

/**
 * `tag:key=value`, `tag:key`, `author:name`, `session:id`; any other words are the text
 * filter (name substring or id / digest prefix). Quotes group words: `author:"Ada L"`.
 */
export function parseArtifactFilter(input: string): ArtifactQuery {
  const query: ArtifactQuery = {};
  const text: string[] = [];
  const tokens = input.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
  for (const raw of tokens) {
    const token = raw.replace(/"/g, '');
    const m = /^(tag|author|session):(.*)$/i.exec(token);
    if (!m || m[2] === '') {
      text.push(token);
      continue;
    }
    const [, field, value] = m;
    switch (field.toLowerCase()) {
      case 'tag': {
        const eq = value.indexOf('=');
        query.tag = eq < 0 ? { key: value } : { key: value.slice(0, eq), value: value.slice(eq + 1) };
        break;
      }
      case 'author':
        query.author = value;
        break;
      default:
        query.sessionId = value;
    }
  }
  if (text.length > 0) query.text = text.join(' ');
  return query;
}
