// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NameArtifactDialog } from './NameArtifactDialog';

// React's act() environment flag for a non-Jest runner.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
let host: HTMLElement | undefined;

beforeAll(() => {
  // happy-dom may lack the modal API; a minimal stand-in keeps `open` in step.
  const proto = HTMLDialogElement.prototype as unknown as { showModal?: () => void; close?: () => void };
  proto.showModal ??= function (this: HTMLDialogElement) { this.setAttribute('open', ''); };
  proto.close ??= function (this: HTMLDialogElement) { this.removeAttribute('open'); };
});

afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
});

function renderDialog(props: { open: boolean; suggestedName: string; nodeId: string; dialogKey: number }, client: QueryClient) {
  const tree = (
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <NameArtifactDialog
          key={props.dialogKey}
          open={props.open}
          onClose={() => undefined}
          nodeId={props.nodeId}
          sessionId="s"
          suggestedName={props.suggestedName}
          author="me"
          sliceCode={() => ''}
        />
      </MemoryRouter>
    </QueryClientProvider>
  );
  act(() => root!.render(tree));
}

function nameInput(): HTMLInputElement {
  const input = host!.querySelector('input[type="text"], input:not([type])');
  if (!(input instanceof HTMLInputElement)) throw new Error('no name input');
  return input;
}

function type(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('NameArtifactDialog', () => {
  it('keeps what the user typed when the selection props change while it is open, and starts fresh on the next opening', () => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    const client = new QueryClient({ defaultOptions: { queries: { enabled: false, retry: false } } });

    renderDialog({ open: true, suggestedName: 'model', nodeId: 'n1', dialogKey: 1 }, client);
    expect(nameInput().value).toBe('model');
    type(nameInput(), 'churn_model');
    // Another tab's write refreshes the graph: the same dialog gets new props while open.
    renderDialog({ open: true, suggestedName: 'model_v2', nodeId: 'n1', dialogKey: 1 }, client);
    expect(nameInput().value).toBe('churn_model');

    // Closing and opening again (a new key from the page) starts from the suggestion.
    renderDialog({ open: false, suggestedName: 'model_v2', nodeId: 'n1', dialogKey: 1 }, client);
    renderDialog({ open: true, suggestedName: 'scores', nodeId: 'n2', dialogKey: 2 }, client);
    expect(nameInput().value).toBe('scores');
  });
});

describe('NameArtifactDialog refusals', () => {
  it.each([
    ['model\u202egnp.exe', 'change the text direction'],
    ['\u200b\u200b', 'needs at least one visible character'],
    ['..', 'cannot be named ".."'],
  ])('shows a sentence for %j and does not save', (name, sentence) => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    const client = new QueryClient({ defaultOptions: { queries: { enabled: false, retry: false } } });
    renderDialog({ open: true, suggestedName: 'model', nodeId: 'n1', dialogKey: 1 }, client);
    type(nameInput(), name);
    expect(host.querySelector('[data-testid="name-refusal"]')?.textContent).toContain(sentence);
    expect(nameInput().getAttribute('aria-invalid')).toBe('true');
  });
});
