/**
 * Python string literals → values.
 */
import type { LiteralValue } from '../model';

/** Decode a Python string literal: [value, type]. Bytes keep their source text. */
export function decodeString(text: string): [LiteralValue, string] {
  let i = 0;
  let raw = false;
  let bytes = false;
  while (i < text.length && text[i] !== '"' && text[i] !== "'") {
    const ch = text[i].toLowerCase();
    if (ch === 'r') raw = true;
    if (ch === 'b') bytes = true;
    i++;
  }
  if (bytes) return [text, 'bytes'];
  const q = text.startsWith('"""', i) || text.startsWith("'''", i) ? 3 : 1;
  const body = text.slice(i + q, Math.max(i + q, text.length - q));
  if (raw || !body.includes('\\')) return [body, 'str'];
  let out = '';
  for (let k = 0; k < body.length; k++) {
    const ch = body[k];
    if (ch !== '\\' || k + 1 >= body.length) {
      out += ch;
      continue;
    }
    const n = body[++k];
    switch (n) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case '\\': out += '\\'; break;
      case "'": out += "'"; break;
      case '"': out += '"'; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case '\n': break;
      case 'x': out += String.fromCharCode(parseInt(body.slice(k + 1, k + 3), 16) || 0); k += 2; break;
      case 'u': out += String.fromCharCode(parseInt(body.slice(k + 1, k + 5), 16) || 0); k += 4; break;
      case 'U': {
        const cp = parseInt(body.slice(k + 1, k + 9), 16);
        out += Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
        k += 8;
        break;
      }
      default:
        if (n >= '0' && n <= '7') {
          let digits = n;
          while (digits.length < 3 && body[k + 1] >= '0' && body[k + 1] <= '7') digits += body[++k];
          out += String.fromCharCode(parseInt(digits, 8));
        } else out += '\\' + n;
    }
  }
  return [out, 'str'];
}
