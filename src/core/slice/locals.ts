/**
 * Variables that live inside functions (issue 18.2): the locals of a module-level function,
 * and the functions a script's `if __name__ == "__main__":` block calls, so a name that is
 * not bound at module level can be found as `function.variable`.
 */
import type { SyntaxNode } from '@lezer/common';
import { children, isStatement, namesIn } from './fine-facts';
import { functionOf, type ParsedUnit } from './fine';

/** Names bound by a target expression (bare names and unpacking; not item or attribute stores). */
function boundNames(node: SyntaxNode, text: string, out: string[]): void {
  if (node.name === 'VariableName') out.push(text.slice(node.from, node.to));
  else if (/^(TupleExpression|ArrayExpression|ParenthesizedExpression|StarExpression)$/.test(node.name)) {
    for (let c = node.firstChild; c; c = c.nextSibling) boundNames(c, text, out);
  }
}

function bodyLocals(body: SyntaxNode, text: string, out: string[], globals: Set<string>): void {
  for (const s of children(body)) {
    if (!isStatement(s)) continue;
    const kids = children(s);
    switch (s.name) {
      case 'StatementGroup':
        bodyLocals(s, text, out, globals);
        continue;
      case 'AssignStatement': {
        let last = -1;
        kids.forEach((k, i) => {
          if (k.name === 'AssignOp') last = i;
        });
        for (let i = 0; i < last; i++) boundNames(kids[i], text, out);
        break;
      }
      case 'UpdateStatement':
        if (kids[0]) boundNames(kids[0], text, out);
        break;
      case 'ForStatement': {
        const inAt = kids.findIndex((k) => k.name === 'in');
        for (let i = 1; i < inAt; i++) boundNames(kids[i], text, out);
        break;
      }
      case 'WithStatement':
      case 'TryStatement':
        for (let i = 0; i < kids.length; i++) if (kids[i].name === 'as' && kids[i + 1]) boundNames(kids[i + 1], text, out);
        break;
      case 'ImportStatement':
        out.push(...namesIn(s, text));
        break;
      case 'ScopeStatement':
        for (const n of namesIn(s, text)) globals.add(n);
        break;
      case 'FunctionDefinition':
      case 'ClassDefinition': {
        const id = s.getChild('VariableName');
        if (id) out.push(text.slice(id.from, id.to));
        continue;
      }
      case 'DecoratedStatement': {
        const id = (s.getChild('FunctionDefinition') ?? s.getChild('ClassDefinition'))?.getChild('VariableName');
        if (id) out.push(text.slice(id.from, id.to));
        continue;
      }
      default:
    }
    const cursor = s.cursor();
    do {
      if (cursor.name === 'NamedExpression' && cursor.node.firstChild) boundNames(cursor.node.firstChild, text, out);
    } while (cursor.next() && cursor.from < s.to);
    for (const k of kids) {
      if (k.name === 'Body') bodyLocals(k, text, out, globals);
      else if (/Clause$/.test(k.name)) for (const b of k.getChildren('Body')) bodyLocals(b, text, out, globals);
    }
  }
}

/** The parameters and locals of function `name` defined by `unit`, in order of first binding; undefined if it does not define it. */
export function functionLocals(unit: ParsedUnit, name: string): string[] | undefined {
  const def = functionOf(unit, name);
  if (!def) return undefined;
  const out: string[] = [];
  const params = def.getChild('ParamList');
  for (let c = params?.firstChild ?? null; c; c = c.nextSibling) {
    if (c.name === 'VariableName') out.push(unit.text.slice(c.from, c.to));
  }
  const globals = new Set<string>();
  const body = def.getChild('Body');
  if (body) bodyLocals(body, unit.text, out, globals);
  return [...new Set(out)].filter((n) => !globals.has(n));
}

const MAIN_GUARD = /^if\s+(?:__name__\s*==\s*(['"])__main__\1|(['"])__main__\2\s*==\s*__name__)\s*:/;

/** Names the script calls from its `if __name__ == "__main__":` block (`main()`, `sys.exit(main())`). */
export function mainGuardCalls(unit: ParsedUnit): string[] {
  if (!unit.ok || !MAIN_GUARD.test(unit.text.trimStart())) return [];
  const top = children(unit.top).find(isStatement);
  const body = top?.name === 'IfStatement' ? top.getChild('Body') : null;
  if (!body) return [];
  const out: string[] = [];
  const cursor = body.cursor();
  do {
    if (cursor.name === 'CallExpression') {
      const callee = cursor.node.firstChild;
      if (callee?.name === 'VariableName') out.push(unit.text.slice(callee.from, callee.to));
    }
  } while (cursor.next() && cursor.from < body.to);
  return [...new Set(out)];
}
