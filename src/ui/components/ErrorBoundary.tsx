import { Component, type ReactNode } from 'react';
import { userMessage } from '../../core/errors';

interface State {
  error: unknown;
}

/** Catches render errors in a page and shows them as a sentence. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override render() {
    if (this.state.error !== undefined) {
      return (
        <div className="page">
          <div className="alert" role="alert">
            This page could not be shown. {userMessage(this.state.error)}
          </div>
          <p>
            <a href="/">Back to the sessions</a>
          </p>
        </div>
      );
    }
    return this.props.children;
  }
}
