/** Reads of runs (no Pyodide here: the side panel imports this eagerly). They live in the hooks layer, keyed by keys.ts. */
export { useLatestRun, useRunExecutionIds } from '../hooks/queries';
