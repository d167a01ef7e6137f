/**
 * Hand-written Python programs for the slice proof (src/core/slice/proof.test.ts), one
 * file per theme: values, statements, functions and classes, naming and cells, call effects, iterators, helper functions.
 */
import { CALL_EFFECT_PROGRAMS } from './call-effects';
import type { HandProgram } from './define';
import { CLASS_PROGRAMS, FUNCTION_PROGRAMS } from './functions';
import { MULTI_CELL_PROGRAMS, NAMING_PROGRAMS, STAR_IMPORT_PROGRAMS } from './naming';
import { COMPREHENSION_PROGRAMS, LOOP_PROGRAMS, STATEMENT_PROGRAMS, SYNTAX_CORNER_PROGRAMS } from './statements';
import { CONTAINMENT_PROGRAMS, VALUE_PROGRAMS } from './values';
import { ITERATOR_PROGRAMS } from './iterators';
import { HELPER_PROGRAMS } from './helpers';

export type { HandProgram } from './define';

export const HAND_PROGRAMS: HandProgram[] = [
  ...VALUE_PROGRAMS,
  ...LOOP_PROGRAMS,
  ...FUNCTION_PROGRAMS,
  ...CLASS_PROGRAMS,
  ...COMPREHENSION_PROGRAMS,
  ...NAMING_PROGRAMS,
  ...STAR_IMPORT_PROGRAMS,
  ...MULTI_CELL_PROGRAMS,
  ...STATEMENT_PROGRAMS,
  ...CALL_EFFECT_PROGRAMS,
  ...CONTAINMENT_PROGRAMS,
  ...SYNTAX_CORNER_PROGRAMS,
  ...ITERATOR_PROGRAMS,
  ...HELPER_PROGRAMS,
];
