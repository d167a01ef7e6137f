/**
 * All rule tables, indexed for lookup by qualified function name or by method name.
 */
import { builtinsRules } from './builtins';
import { dbRules } from './db';
import { ioRules } from './io';
import { matplotlibRules } from './matplotlib';
import { mlRules } from './ml';
import { pandasRules } from './pandas';
import { sklearnRules } from './sklearn';
import type { CallRule, RuleTable } from './types';

export type { ArgRef, CallRule, PseudoValue, RuleTable } from './types';

export const RULE_TABLES: readonly RuleTable[] = [builtinsRules, ioRules, pandasRules, sklearnRules, matplotlibRules, mlRules, dbRules];

/** Qualified-name prefixes rewritten before matching (`tensorflow.keras.x` → `keras.x`). */
export const QUALNAME_ALIASES: ReadonlyArray<[string, string]> = [
  ['tensorflow.keras.', 'keras.'],
  ['tensorflow.python.keras.', 'keras.'],
  ['pandas.core.frame.', 'pandas.'],
  ['matplotlib.pylab.', 'matplotlib.pyplot.'],
  ['pylab.', 'matplotlib.pyplot.'],
  ['PIL.Image.Image.', 'PIL.Image.'],
];

export function normaliseQualname(q: string): string {
  for (const [from, to] of QUALNAME_ALIASES) if (q.startsWith(from)) return to + q.slice(from.length);
  return q;
}

const byFunctionName = new Map<string, CallRule[]>();
const functionPatterns: CallRule[] = [];
const byMethodName = new Map<string, CallRule[]>();
const wildcardMethods: CallRule[] = [];

for (const table of RULE_TABLES) {
  for (const rule of table.functions) {
    for (const n of rule.names) {
      const list = byFunctionName.get(n) ?? [];
      list.push(rule);
      byFunctionName.set(n, list);
    }
    if (rule.pattern) functionPatterns.push(rule);
  }
  for (const rule of table.methods) {
    for (const n of rule.names) {
      if (n === '*') {
        wildcardMethods.push(rule);
        continue;
      }
      const list = byMethodName.get(n) ?? [];
      list.push(rule);
      byMethodName.set(n, list);
    }
  }
}

const EMPTY: CallRule[] = [];

/** Rules for a call to the function with this (normalised) qualified name. */
export function functionRules(qualname: string): CallRule[] {
  const direct = byFunctionName.get(qualname);
  let out: CallRule[] | undefined;
  for (const rule of functionPatterns) {
    if (rule.pattern && rule.pattern.test(qualname)) {
      if (!out) out = direct ? [...direct] : [];
      if (!out.includes(rule)) out.push(rule);
    }
  }
  return out ?? direct ?? EMPTY;
}

/** Rules for `receiver.method(...)` given the receiver's inferred type (undefined = unknown). */
export function methodRules(method: string, receiverType: string | undefined): CallRule[] {
  const out: CallRule[] = [];
  const consider = (rule: CallRule): void => {
    if (rule.except && rule.except.test(method)) return;
    const receivers = rule.receivers ?? [];
    const ok = receiverType === undefined ? rule.unknownReceiver === true : receivers.includes(receiverType) || receivers.includes('*');
    if (ok) out.push(rule);
  };
  const named = byMethodName.get(method);
  if (named) for (const r of named) consider(r);
  for (const r of wildcardMethods) consider(r);
  return out;
}
