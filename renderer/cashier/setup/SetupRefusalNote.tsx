import type { SetupField, SetupRefusal } from '../../state/setup-store';
import type { T } from '../../ui/translator';
import { refusalText } from './refusal-text';

/**
 * The refusal beside the field it is about, announced (role="alert"). Renders nothing when the
 * refusal belongs to another field, so each field can host its own.
 */
export function SetupRefusalNote({ refusal, field, t, id }: { refusal: SetupRefusal | null; field: SetupField | readonly SetupField[]; t: T; id?: string }) {
  const fields: readonly SetupField[] = typeof field === 'string' ? [field] : field;
  if (!refusal || !fields.includes(refusal.field)) return null;
  const problem = refusal.kind === 'problem' ? refusal.problem : 'error';
  return (
    <p className="setup-refusal" role="alert" id={id} data-testid="setup-problem" data-problem={problem}>
      {refusalText(t, refusal)}
    </p>
  );
}
