// Stripe's emailed receipt, offered where a PromptPay sale through Stripe is paid (the till's paid
// screen) and in its detail (History): the cashier types the customer's address, the till checks it
// with the same schema the core uses, and the core asks Stripe to email its receipt. The address lives
// only in this form until it is sent; the answer shows it masked.
import { useEffect, useRef, useState } from 'react';
import type { MessageKey } from '../../../shared/i18n/translate';
import type { PosErrorBody } from '../../../shared/pos-error';
import { receiptEmailSchema } from '../../../shared/receipt-email';
import type { Sale } from '../../../shared/sale';
import { shownError, type ShownError } from '../../state/auth-error';
import type { TransportErrorBody } from '../../transport/renderer-transport';
import { ErrorNote } from '../../ui/ErrorNote';
import { Modal } from '../../ui/Modal';
import type { T } from '../../ui/translator';
import { useAppStores } from '../app-stores-context';

/** Only a paid PromptPay sale through Stripe has a Stripe payment whose receipt Stripe can email. */
export function canEmailReceipt(sale: Pick<Sale, 'status' | 'tender' | 'paymentIntentId'>): boolean {
  return sale.status === 'succeeded' && sale.tender === 'promptpay' && sale.paymentIntentId !== null;
}

/** The key of what the typed address lacks, or null when the schema takes it. */
export function emailProblem(typed: string): MessageKey | null {
  if (typed.trim() === '') return 'receipts.email.error.empty';
  return receiptEmailSchema.safeParse(typed).success ? null : 'receipts.email.error.invalid';
}

function refusal(error: PosErrorBody | TransportErrorBody): ShownError {
  if (error.code === 'invalid_input' && error.field === 'email') return { key: 'receipts.email.error.refused', detail: null };
  if (error.code === 'conflict') return { key: 'receipts.email.error.notStripe', detail: error.message };
  if (error.code === 'stripe_unreachable' || error.code === 'stripe_error') return { key: 'receipts.email.error.failed', detail: error.message };
  return shownError(error);
}

function EmailDialog({ t, saleId, onClose, onSent }: { t: T; saleId: string; onClose: () => void; onSent: (to: string) => void }) {
  const stores = useAppStores();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const send = async (): Promise<void> => {
    const wrong = emailProblem(typed);
    setProblem(wrong);
    setError(null);
    if (wrong) {
      input.current?.focus();
      return;
    }
    setBusy(true);
    const result = await stores.transport.call('receipts.email', { saleId, email: typed.trim() });
    setBusy(false);
    if (!result.ok) {
      setError(refusal(result.error));
      if (result.error.field === 'email') input.current?.focus();
      return;
    }
    onSent(result.value.sentTo);
  };

  return (
    <Modal title={t('receipts.email.title')} onClose={onClose} testId="receipt-email-dialog" className="modal--email-receipt" closeLabel={t('common.close')} busy={busy}>
      <form
        className="email-receipt"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <label className="field">
          <span className="field__label">{t('receipts.email.label')}</span>
          <input
            ref={input}
            className={`field__input${problem ? ' is-invalid' : ''}`}
            type="email"
            inputMode="email"
            autoComplete="off"
            spellCheck={false}
            data-testid="receipt-email-input"
            aria-required="true"
            aria-invalid={problem !== null}
            aria-describedby="receipt-email-help"
            maxLength={200}
            placeholder="customer@example.com"
            value={typed}
            disabled={busy}
            onChange={(event) => {
              setTyped(event.target.value);
              setProblem(null);
            }}
          />
        </label>
        {problem ? (
          <p className="field-problem" role="alert" data-testid="receipt-email-problem">
            {t(problem)}
          </p>
        ) : null}
        <p className="info-note" id="receipt-email-help">
          {t('receipts.email.help')}
        </p>
        <ErrorNote error={error} t={t} testId="receipt-email-error" />
        <div className="modal__actions">
          <button type="button" className="btn btn--muted-soft btn--lg" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn--primary btn--lg" data-testid="receipt-email-send" disabled={busy}>
            ✉ {busy ? t('receipts.email.sending') : t('receipts.email.send')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement || target instanceof HTMLSelectElement;
}

/**
 * The Email receipt button, its dialog, and what came of it. Renders nothing for a sale Stripe did not
 * take. `hotkey`: the key E opens it (by physical key, so a Thai layout works too), as P prints: on the
 * paid screen Enter belongs to the till (the next sale), so a key of its own keeps it keyboard-operable.
 */
export function EmailReceiptButton({ t, sale, small = false, hotkey = false }: { t: T; sale: Sale; small?: boolean; hotkey?: boolean }) {
  const [open, setOpen] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const offered = canEmailReceipt(sale);
  useEffect(() => {
    if (!hotkey || !offered) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.repeat || event.code !== 'KeyE' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTextField(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [hotkey, offered]);
  if (!offered) return null;
  return (
    <div className="receipt-actions">
      <button
        type="button"
        className={`btn btn--outline${small ? ' btn--sm' : ''}`}
        data-testid="receipt-email-open"
        aria-keyshortcuts={hotkey ? t('receipts.email.key') : undefined}
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true">✉ </span>
        {t('receipts.email.open')}
        {hotkey ? <kbd className="receipt-actions__key">{t('receipts.email.key')}</kbd> : null}
      </button>
      {sentTo ? (
        <span className="success-note" role="status" data-testid="receipt-email-sent">
          {t('receipts.email.sent', { to: sentTo })}
        </span>
      ) : null}
      {open ? (
        <EmailDialog
          t={t}
          saleId={sale.id}
          onClose={() => setOpen(false)}
          onSent={(to) => {
            setSentTo(to);
            setOpen(false);
          }}
        />
      ) : null}
    </div>
  );
}
