import type { ShownError } from '../state/auth-error';
import type { T } from './translator';

/** A refusal in the screen's language, with the core's own words underneath. */
export function ErrorNote({ error, t, testId = 'error-note', className }: { error: ShownError | null; t: T; testId?: string; className?: string }) {
  if (!error) return null;
  return (
    <div className={`error-note${className ? ` ${className}` : ''}`} role="alert" data-testid={testId}>
      <strong className="error-note__title">{t(error.key)}</strong>
      {error.detail ? <span className="error-note__detail">{error.detail}</span> : null}
    </div>
  );
}
