/**
 * Dispatches key presses on the graph page to the action registry (`actions.ts`). One window
 * listener serves every action; `graph`-scoped actions run only while the focus is inside
 * `pageRef`. The context is read through a ref, so the listener is added once.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { actionFor, GRAPH_ACTIONS, type GraphActionContext } from './actions';

export function useGraphKeyboard(pageRef: RefObject<HTMLElement | null>, ctx: GraphActionContext): void {
  const latest = useRef(ctx);
  useEffect(() => {
    latest.current = ctx;
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const inGraph = e.target instanceof Node && pageRef.current?.contains(e.target) === true;
      const action = actionFor(e, inGraph, latest.current, GRAPH_ACTIONS);
      if (!action) return;
      if (action.preventDefault !== false) e.preventDefault();
      action.perform(latest.current);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [pageRef]);
}
