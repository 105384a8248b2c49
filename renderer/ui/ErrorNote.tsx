import type { ShownError } from '../state/auth-error';
import type { T } from './translator';

/** A refusal in the screen's language; underneath, the fact it carries, or the core's English words on English screens. */
export function ErrorNote({ error, t, testId = 'error-note', className }: { error: ShownError | null; t: T; testId?: string; className?: string }) {
  if (!error) return null;
  return (
    <div className={`error-note${className ? ` ${className}` : ''}`} role="alert" data-testid={testId}>
      <strong className="error-note__title">{t(error.key)}</strong>
      {error.fact ? (
        <span className="error-note__detail">{t(error.fact.key, error.fact.vars)}</span>
      ) : error.detail && t.lang !== 'th' ? (
        <span className="error-note__detail">{error.detail}</span>
      ) : null}
    </div>
  );
}
