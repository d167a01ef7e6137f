import { useEffect, useRef } from 'react';
import { EditorState } from '@codemirror/state';
import { EditorView, lineNumbers, highlightActiveLineGutter } from '@codemirror/view';
import { python } from '@codemirror/lang-python';
import { oneDark } from '@codemirror/theme-one-dark';
// @codemirror/language comes with @codemirror/lang-python (the `codemirror` package here is the v5 line).
import { syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';

/** Read-only Python code (CodeMirror 6). Loaded lazily: keep it out of the first chunk. */
export default function CodeView({ code, dark, label }: { code: string; dark: boolean; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: code,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          python(),
          dark ? oneDark : syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          EditorState.readOnly.of(true),
          EditorView.editable.of(false),
          EditorView.contentAttributes.of({ 'aria-label': label }),
        ],
      }),
    });
    return () => view.destroy();
  }, [code, dark, label]);
  return <div ref={host} className="code-view" data-testid="slice-code" />;
}
