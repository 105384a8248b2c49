import type { KeypadKey } from '../../../shared/money';
import { displayEntry } from '../../state/amount-entry';
import { REFUND_REASONS, canSubmitRefund, refundAmount, refundNeedsEmail, type RefundReason } from '../../state/refund-form';
import { ErrorNote } from '../../ui/ErrorNote';
import { Modal } from '../../ui/Modal';
import type { T } from '../../ui/translator';
import { useSlice } from '../app-stores-context';
import { Keypad } from '../Keypad';
import { useFormatters } from './use-formatters';

/**
 * Full or partial refund and a reason; for a PromptPay sale through Stripe, the customer's email for
 * Stripe's bank-details request. A cash or hand-confirmed sale is handed back by the shop: no email.
 */
export function RefundDialog({ t }: { t: T }) {
  const detail = useSlice('detail', (s) => s.detail);
  const refund = useSlice('detail', (s) => s.refund);
  const close = useSlice('detail', (s) => s.closeRefund);
  const setMode = useSlice('detail', (s) => s.setRefundMode);
  const press = useSlice('detail', (s) => s.pressRefundKey);
  const setEmail = useSlice('detail', (s) => s.setRefundEmail);
  const setReason = useSlice('detail', (s) => s.setRefundReason);
  const submit = useSlice('detail', (s) => s.submitRefund);
  const f = useFormatters();
  if (!detail || !refund) return null;
  const { form, busy, problem, error } = refund;
  const amount = refundAmount(form, detail.refundable);
  const over = amount !== null && amount > detail.refundable;
  const byStripe = refundNeedsEmail(detail.sale);
  const tender = detail.sale.tender;

  return (
    <Modal title={t('refund.title')} onClose={close} testId="refund-dialog" className="modal--refund" closeLabel={t('common.close')} busy={busy}>
      <form
        className="refund-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="refund-form__left">
          <p className="refund-form__max" data-testid="refund-max">
            {t('refund.max', { amount: f.baht(detail.refundable) })}
            <span className="subtle"> · {t('refund.ofSale', { amount: f.baht(detail.sale.amount) })}</span>
          </p>
          <div className="segmented" role="radiogroup" aria-label={t('refund.amount')}>
            {(['full', 'partial'] as const).map((mode) => (
              <button
                key={mode}
                type="button"
                role="radio"
                aria-checked={form.mode === mode}
                className={`segmented__opt${form.mode === mode ? ' is-active' : ''}`}
                data-testid={`refund-mode-${mode}`}
                onClick={() => setMode(mode)}
              >
                {mode === 'full' ? t('refund.full') : t('refund.partial')}
              </button>
            ))}
          </div>
          <output className={`refund-amount${over || problem?.field === 'amount' ? ' is-invalid' : ''}`} data-testid="refund-amount" aria-live="polite">
            {form.mode === 'full' ? f.baht(detail.refundable) : `฿${displayEntry(form.entry)}`}
          </output>
          {problem?.field === 'amount' ? (
            <p className="field-problem" role="alert" data-testid="refund-problem">
              {t(problem.key)}
            </p>
          ) : over ? (
            <p className="field-problem" role="alert" data-testid="refund-problem">
              {t('refund.error.overRefundable')}
            </p>
          ) : null}
          {byStripe ? (
            <>
              <label className="field">
                <span className="field__label">{t('refund.email')}</span>
                <input
                  className={`field__input${problem?.field === 'email' ? ' is-invalid' : ''}`}
                  type="email"
                  inputMode="email"
                  autoComplete="off"
                  data-testid="refund-email"
                  aria-required="true"
                  aria-invalid={problem?.field === 'email'}
                  maxLength={200}
                  placeholder="customer@example.com"
                  value={form.email}
                  onChange={(event) => setEmail(event.target.value)}
                />
              </label>
              {problem?.field === 'email' ? (
                <p className="field-problem" role="alert" data-testid="refund-problem">
                  {t(problem.key)}
                </p>
              ) : null}
              <p className="info-note">{t('refund.emailHelp')}</p>
            </>
          ) : (
            <div className="info-note" data-testid="refund-hand" data-tender={tender}>
              <strong>{tender === 'cash' ? t('refund.hand.cash.how') : t('refund.hand.manual.how')}</strong>
              <br />
              {tender === 'cash' ? t('refund.hand.cash.help') : t('refund.hand.manual.help')}
            </div>
          )}
          <label className="field">
            <span className="field__label">{t('refund.reason')}</span>
            <select className="field__input" data-testid="refund-reason" value={form.reason} onChange={(event) => setReason(event.target.value as RefundReason)}>
              {REFUND_REASONS.map((reason) => (
                <option key={reason} value={reason}>
                  {t(`refund.reason.${reason}`)}
                </option>
              ))}
            </select>
          </label>
          {problem?.field === 'sale' ? <ErrorNote error={{ key: problem.key, detail: null }} t={t} testId="refund-error" /> : null}
          <ErrorNote error={error} t={t} testId="refund-error" />
        </div>
        <div className="refund-form__right">
          <Keypad t={t} disabled={busy} onPress={(key: KeypadKey) => press(key)} />
          <div className="modal__actions">
            <button type="button" className="btn btn--muted-soft btn--lg" onClick={close} disabled={busy}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn--danger btn--lg" data-testid="refund-submit" disabled={busy || !canSubmitRefund(form, detail.refundable)}>
              {busy
                ? t('refund.sending')
                : amount !== null && amount > 0
                  ? t(byStripe ? 'refund.submitAmount' : 'refund.hand.submit', { amount: f.baht(amount) })
                  : t('refund.submit')}
            </button>
          </div>
        </div>
      </form>
    </Modal>
  );
}
