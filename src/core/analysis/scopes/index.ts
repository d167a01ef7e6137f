/**
 * Free-variable analysis for opaque units (blocks, defs, classes, lambdas,
 * comprehensions …): which module-level names a unit reads before it writes them,
 * which it binds, and which it mutates in place. Also the facts about each function
 * defined at the unit's level: its free globals, the globals it mutates or rebinds,
 * and which of its parameters it mutates. *
 * The query API is here; the walk is one class built in layers, one file each:
 * `scope.ts` (scopes and syntax tables), `names.ts` (state and name events: read, write,
 * mutate), `definitions.ts` (function, class, lambda and comprehension scopes), `calls.ts`
 * (calls and arguments), `statements.ts` (the dispatch and one rule per statement kind);
 * `facts.ts` holds the result types, `imports.ts` reads import statements.
 */
import type { SyntaxNode } from '@lezer/common';
import type { UnitFacts } from './facts';
import { UnitWalker } from './statements';

export type { CallEffect, EffectName, FunctionFacts, UnitFacts } from './facts';
export { importParts, type ImportParts } from './imports';
export { PURE_METHODS } from './scope';

/** Free-variable analysis of one unit (a statement, or any subtree). */
export function analyseUnit(node: SyntaxNode, text: string): UnitFacts {
  const w = new UnitWalker(text);
  w.walk(node);
  return { reads: w.reads, writes: w.writes, mutated: w.mutated, mutatedElements: w.mutatedElements, functions: w.functions, lambda: w.lambda, effects: w.effects(), holds: w.holds, definite: w.definiteWrites(), ...w.freeNames() };
}

/** Free-variable analysis of the elements between `first` and `end` (a generator argument). */
export function analyseComprehensionRange(first: SyntaxNode, end: SyntaxNode, text: string): UnitFacts {
  const w = new UnitWalker(text);
  w.comprehension(first, first, end);
  return { reads: w.reads, writes: w.writes, mutated: w.mutated, mutatedElements: w.mutatedElements, functions: w.functions, effects: w.effects(), holds: w.holds, definite: NO_NAMES, ...w.freeNames() };
}

const NO_NAMES: ReadonlySet<string> = new Set();
