/**
 * In-page measuring helpers shared by the app page and the baseline page (imported by
 * URL in the app page, so the app itself carries no bench code).
 */

/** Resolves after the next frame has been painted (a task queued from rAF runs after paint). */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Resolves once `selector` matches inside `root`, then after that frame is painted. */
export async function whenPainted(root: ParentNode, selector: string): Promise<void> {
  if (!root.querySelector(selector)) {
    await new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (root.querySelector(selector)) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(root as Node, { childList: true, subtree: true, attributes: true });
    });
  }
  await afterPaint();
}

/** A point on the empty pane of the React Flow canvas inside `root` (panning starts there). */
export function panePoint(root: Element): { x: number; y: number } {
  const box = root.querySelector('.react-flow')!.getBoundingClientRect();
  for (let fy = 0.5; fy < 0.95; fy += 0.03) {
    for (let fx = 0.5; fx < 0.95; fx += 0.03) {
      for (const [x, y] of [[box.left + box.width * fx, box.top + box.height * fy], [box.left + box.width * (1 - fx), box.top + box.height * (1 - fy)]]) {
        const el = document.elementFromPoint(x, y);
        if (el?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
  }
  throw new Error('no empty pane point to start panning from');
}

/**
 * Pans the canvas like a user dragging the pane at 60 Hz: one mouse move per animation frame
 * (d3-zoom handles synthetic mouse events like real ones), and returns the rAF deltas.
 */
export async function panFrames(root: Element, frames: number, step: { dx: number; dy: number }): Promise<number[]> {
  const start = panePoint(root);
  const pane = document.elementFromPoint(start.x, start.y)!;
  const init = (x: number, y: number): MouseEventInit => ({ bubbles: true, cancelable: true, view: window, clientX: x, clientY: y, button: 0, buttons: 1 });
  pane.dispatchEvent(new MouseEvent('mousedown', init(start.x, start.y)));
  const deltas: number[] = [];
  await new Promise<void>((resolve) => {
    let last: number | undefined;
    let i = 0;
    const tick = (t: number) => {
      if (last !== undefined) deltas.push(t - last);
      last = t;
      if (i >= frames) return resolve();
      i++;
      // Back and forth, so the view stays over the graph.
      const phase = Math.floor(i / 60) % 2 === 0 ? i % 60 : 60 - (i % 60);
      window.dispatchEvent(new MouseEvent('mousemove', init(start.x + step.dx * phase, start.y + step.dy * phase)));
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  window.dispatchEvent(new MouseEvent('mouseup', init(start.x, start.y)));
  return deltas;
}

/** The canvas viewport `{x, y, zoom}` from React Flow's transform. */
export function viewportOf(root: Element): { x: number; y: number; zoom: number } {
  const el = root.querySelector<HTMLElement>('.react-flow__viewport')!;
  const m = new DOMMatrixReadOnly(getComputedStyle(el).transform);
  return { x: m.e, y: m.f, zoom: m.a };
}
