// @vitest-environment happy-dom
/** The variables explorer with thousands of variables: paged, searchable, keyboard-navigable. */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { analyseCode } from '../../core/analysis/testing';
import { createSlicer } from '../../core/slice';
import { versionsOf } from '../../core/graph/versions';
import { VARIABLES_PAGE, VariablesPanel } from './VariablesPanel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
let host: HTMLElement | undefined;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
});

const analysed = new Map<string, ReturnType<typeof analyseCode>>();

function render(code: string, chosen: string[] = []) {
  let g = analysed.get(code);
  if (!g) analysed.set(code, (g = analyseCode(code)));
  const graph = { sourceCodes: g.out.sourceCodes, nodes: g.out.nodes };
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  act(() =>
    root!.render(
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <VariablesPanel
            sessionId="s"
            graph={graph}
            bindings={g.out.bindings}
            nodesById={new Map(graph.nodes.map((n) => [n.id, n]))}
            slicer={createSlicer(graph)}
            versions={versionsOf(graph, g.out.bindings)}
            selectedId={undefined}
            onSelect={(id) => chosen.push(id)}
            viewIdOf={() => undefined}
            centreOn={() => undefined}
            onNamed={() => undefined}
            onClose={() => undefined}
          />
        </MemoryRouter>
      </QueryClientProvider>,
    ),
  );
  return { g, rows: () => host!.querySelectorAll('[data-testid="variable"]') };
}

function type(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('VariablesPanel', () => {
  const many = Array.from({ length: 2500 }, (_, i) => `v${i} = ${i}`).join('\n');

  it('pages thousands of variables, 100 at a time', () => {
    const { rows } = render(many);
    expect(host!.querySelector('[data-testid="variables-count"]')!.textContent).toBe('2,500 variables');
    expect(rows().length).toBe(VARIABLES_PAGE);
    const more = host!.querySelector<HTMLButtonElement>('[data-testid="variables-more"]')!;
    expect(more.textContent).toContain('2,400 not shown');
    act(() => more.click());
    expect(rows().length).toBe(2 * VARIABLES_PAGE);
  });

  it('searches by substring, any case, and resets the pages', () => {
    const { rows } = render(many);
    const search = host!.querySelector<HTMLInputElement>('[data-testid="variables-search"]')!;
    type(search, 'V249');
    expect([...rows()].map((r) => r.getAttribute('data-name'))).toEqual(['v249', 'v2490', 'v2491', 'v2492', 'v2493', 'v2494', 'v2495', 'v2496', 'v2497', 'v2498', 'v2499']);
    expect(host!.querySelector('[data-testid="variables-count"]')!.textContent).toBe('11 of 2,500 variables');
    type(search, 'nothing like it');
    expect(rows().length).toBe(0);
    expect(host!.textContent).toContain('No variable matches “nothing like it”.');
  });

  it('moves between rows with the arrow keys and selects a binding on click', () => {
    const chosen: string[] = [];
    const { g } = render('a = 1\nb = [a]\nb.append(2)', chosen);
    const search = host!.querySelector<HTMLInputElement>('[data-testid="variables-search"]')!;
    act(() => search.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })));
    const rowButtons = host!.querySelectorAll<HTMLButtonElement>('button.var-row');
    expect(document.activeElement).toBe(rowButtons[0]);
    act(() => rowButtons[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })));
    expect(document.activeElement).toBe(rowButtons[1]);
    act(() => rowButtons[1].click());
    expect(rowButtons[1].getAttribute('aria-expanded')).toBe('true');
    const places = host!.querySelectorAll<HTMLButtonElement>('[data-testid="variable-binding"]');
    expect([...places].map((p) => p.textContent)).toEqual(['line 2b = [a]', 'line 3mutatedlatestb.append(2)']);
    act(() => places[0].click());
    expect(chosen).toEqual([places[0].getAttribute('data-node-id')]);
    expect(places[1].getAttribute('data-node-id')).toBe(g.binding('b').id);
  });
});
