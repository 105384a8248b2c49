import { isCompletePin } from '../../state/pin-entry';
import { ErrorNote } from '../../ui/ErrorNote';
import { Modal } from '../../ui/Modal';
import type { T } from '../../ui/translator';
import { usePinKeyboard } from '../../ui/use-pin-keyboard';
import { useSlice } from '../app-stores-context';
import { PinDots, PinPad } from './PinPad';

/** "Manager PIN needed": shown when an action needs a manager; on success the action is retried. */
export function ElevateDialog({ t }: { t: T }) {
  const elevation = useSlice('auth', (s) => s.elevation);
  const press = useSlice('auth', (s) => s.pressElevationPin);
  const submit = useSlice('auth', (s) => s.submitElevation);
  const cancel = useSlice('auth', (s) => s.cancelElevation);
  usePinKeyboard(elevation !== null, press, () => void submit(), { escapeClears: false });
  if (!elevation) return null;
  return (
    <Modal title={t('elevate.title')} onClose={cancel} testId="elevate-dialog" className="modal--pin" closeLabel={t('common.close')} busy={elevation.busy}>
      <p className="modal__lead">{t('elevate.lead')}</p>
      <PinDots length={elevation.pin.length} invalid={elevation.error !== null} label={t('auth.pinTyped', { count: elevation.pin.length })} testId="elevate-dots" />
      <ErrorNote error={elevation.error} t={t} testId="elevate-error" />
      <PinPad t={t} disabled={elevation.busy} onPress={press} testPrefix="elevate" />
      <div className="modal__actions">
        <button type="button" className="btn btn--muted-soft btn--lg" data-testid="elevate-cancel" onClick={cancel} disabled={elevation.busy}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="btn btn--primary btn--lg"
          data-testid="elevate-submit"
          disabled={elevation.busy || !isCompletePin(elevation.pin)}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => void submit()}
        >
          {t('elevate.submit')}
        </button>
      </div>
    </Modal>
  );
}
