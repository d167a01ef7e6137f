// @vitest-environment happy-dom
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { LatestVersionNotice } from './LatestVersionNotice';
import type { LatestCheck } from '../../core/graph/versions';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
let host: HTMLElement | undefined;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
});

const CHECK: LatestCheck = {
  name: 'model',
  where: 'line 9',
  changes: [{ where: 'line 10', code: 'model.fit(X, y)' }],
  moreChanges: 0,
  latestId: 'fitted',
  latestWhere: 'line 10',
  latestCode: 'model.fit(X, y)',
};

/** The dialog's part of the contract: a target, and a check that is silent on the latest. */
function Harness({ start }: { start: string }) {
  const [target, setTarget] = useState(start);
  return (
    <>
      <output data-testid="target">{target}</output>
      <LatestVersionNotice nodeId={target} check={target === 'unfitted' ? CHECK : undefined} onSwitch={setTarget} />
    </>
  );
}

function render(start: string) {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(<Harness start={start} />));
}
const q = (id: string) => host!.querySelector(`[data-testid="${id}"]`);
const click = (el: Element | null) => act(() => (el as HTMLElement).click());

describe('LatestVersionNotice', () => {
  it('warns about an earlier version, switches to the latest in one click, and can go back', () => {
    render('unfitted');
    expect(q('latest-warning')?.textContent).toBe('model changes after this: line 10 model.fit(X, y). Name the latest instead?Name the latest (line 10)');
    click(q('name-latest'));
    expect(q('target')?.textContent).toBe('fitted');
    expect(q('latest-warning')).toBeNull();
    expect(q('latest-switched')?.textContent).toContain('Naming the latest version of model: line 10 model.fit(X, y).');
    click(q('latest-switched')!.querySelector('button'));
    expect(q('target')?.textContent).toBe('unfitted');
    expect(q('latest-warning')).not.toBeNull();
    expect(q('latest-switched')).toBeNull();
  });

  it('says nothing when the node is the latest version', () => {
    render('fitted');
    expect(host!.textContent).toBe('fitted');
  });
});
