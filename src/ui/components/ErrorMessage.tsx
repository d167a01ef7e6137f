import { userMessage } from '../../core/errors';

/** An error as a sentence (never a stack trace). */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  return (
    <div className="alert" role="alert">
      {title ? <strong>{title} </strong> : null}
      {userMessage(error)}
    </div>
  );
}
