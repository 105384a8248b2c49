// "Pair a customer display": the till shows a six-digit code big, with its countdown, to type on a
// tablet's customer display. Browser mode only (the desktop app's customer window needs no pairing).
import { formatCountdown, isCountdownUrgent, remainingMs } from '../state/countdown';
import { formatPairingCode } from '../state/display-pairing';
import { isCodeExpired } from '../state/displays-store';
import { ErrorNote } from '../ui/ErrorNote';
import { Modal } from '../ui/Modal';
import type { T } from '../ui/translator';
import { useNow } from '../ui/use-now';
import { useSlice } from './app-stores-context';

export function PairDisplayDialog({ t }: { t: T }) {
  const open = useSlice('displays', (s) => s.codeOpen);
  if (!open) return null;
  return <PairDisplayDialogBody t={t} />;
}

function PairDisplayDialogBody({ t }: { t: T }) {
  const code = useSlice('displays', (s) => s.code);
  const loading = useSlice('displays', (s) => s.codeLoading);
  const error = useSlice('displays', (s) => s.codeError);
  const newCode = useSlice('displays', (s) => s.newCode);
  const close = useSlice('displays', (s) => s.closeCode);
  const now = useNow(250);
  const expired = isCodeExpired(code, now);
  const left = code ? remainingMs(code.expiresAt, now) : null;
  return (
    <Modal title={t('displays.codeTitle')} onClose={close} closeLabel={t('common.close')} testId="pair-display-dialog" className="pair-dialog">
      <div className="pair-dialog__body">
        <p className="pair-dialog__lead">{t('displays.codeLead')}</p>
        <ErrorNote error={error} t={t} testId="pair-code-error" />
        <div className={`pair-dialog__code${expired ? ' is-expired' : ''}`} data-testid="pair-code" data-code={code?.code ?? ''} aria-live="polite">
          {code ? formatPairingCode(code.code) : loading ? '··· ···' : ''}
        </div>
        {code && left !== null ? (
          expired ? (
            <p className="pair-dialog__countdown is-expired" data-testid="pair-code-expired">
              {t('displays.codeExpired')}
            </p>
          ) : (
            <p className={`pair-dialog__countdown${isCountdownUrgent(left) ? ' is-urgent' : ''}`} data-testid="pair-code-countdown">
              {t('displays.codeExpiresIn', { time: formatCountdown(left) })}
            </p>
          )
        ) : null}
        <p className="subtle">{t('displays.codeSingleUse')}</p>
        <div className="modal__actions">
          <button type="button" className="btn btn--muted-soft" data-testid="pair-new-code" disabled={loading} onClick={() => void newCode()}>
            {t('displays.newCode')}
          </button>
          <button type="button" className="btn btn--primary" onClick={close}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
