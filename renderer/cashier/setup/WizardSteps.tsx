// The wizard's four steps. Each step that saves something is a form with the id STEP_FORM_ID, so the
// wizard's Next button and Enter in any of its fields do the same thing.
import type { ReactNode } from 'react';
import { timeZoneOptions } from '../../state/business-date';
import type { T } from '../../ui/translator';
import { useSlice } from '../app-stores-context';
import { useCashier } from '../store-context';
import { LogoPicker } from './LogoPicker';
import { PushFields } from './PushForm';
import { SetupRefusalNote } from './SetupRefusalNote';
import { StripeKeyForm } from './StripeKeyForm';
import { ThisComputerSection } from './ThisComputerSection';

export const STEP_FORM_ID = 'setup-step-form';

function StepForm({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      id={STEP_FORM_ID}
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

/** A settings field's refusal from the settings store (the same wording as Settings). */
function SettingsProblem({ field, t }: { field: string; t: T }) {
  const problem = useSlice('settings', (s) => s.problem);
  if (problem?.field !== field) return null;
  return (
    <p className="setup-refusal" role="alert" data-testid="setup-problem" data-problem={`settings:${field}`}>
      {t(problem.key)}
    </p>
  );
}

export function ShopStep({ t, onSubmit }: { t: T; onSubmit: () => void }) {
  const draft = useSlice('settings', (s) => s.draft);
  const setDraft = useSlice('settings', (s) => s.setDraft);
  if (!draft) return <p className="subtle">{t('common.loading')}</p>;
  return (
    <StepForm onSubmit={onSubmit}>
      <p className="setup-lead">{t('setup.shop.lead')}</p>
      <label className="field">
        <span className="field__label">{t('setup.shop.name')}</span>
        <input className="field__input" data-testid="setup-shop-name-input" maxLength={80} value={draft.shopName} onChange={(event) => setDraft({ shopName: event.target.value })} />
      </label>
      <SettingsProblem field="shopName" t={t} />
      <label className="field">
        <span className="field__label">{t('setup.shop.address')}</span>
        <textarea
          className="field__input"
          data-testid="setup-shop-address"
          rows={2}
          maxLength={300}
          value={draft.shopAddress}
          onChange={(event) => setDraft({ shopAddress: event.target.value })}
          onKeyDown={(event) => {
            // Enter goes on, as in every other field; Shift+Enter starts a new line of the address.
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault();
              event.currentTarget.form?.requestSubmit();
            }
          }}
        />
      </label>
      <SettingsProblem field="shopAddress" t={t} />
      <LogoPicker t={t} />
    </StepForm>
  );
}

export function PaymentsStep({ t }: { t: T }) {
  const status = useSlice('setup', (s) => s.status);
  const payments = useSlice('setup', (s) => s.payments);
  const choose = useSlice('setup', (s) => s.choosePayments);
  const note = useSlice('setup', (s) => s.stripeNote);
  const refusal = useSlice('setup', (s) => s.refusal);
  if (status?.stripe.source === 'environment') {
    return (
      <div className="stack">
        <p className="setup-lead">{t('setup.pay.lead')}</p>
        <p className="info-note" data-testid="setup-key-environment">
          {t('setup.conn.source')}: {t('setup.conn.source.environment')}
        </p>
      </div>
    );
  }
  return (
    <div className="stack">
      <p className="setup-lead">{t('setup.pay.lead')}</p>
      <div className="setup-choices" role="radiogroup" aria-label={t('setup.step.payments')}>
        {(['demo', 'stripe'] as const).map((choice) => (
          <button
            key={choice}
            type="button"
            role="radio"
            aria-checked={payments === choice}
            className={`setup-choice${payments === choice ? ' is-on' : ''}`}
            data-testid={`setup-choose-${choice}`}
            onClick={() => choose(choice)}
          >
            <strong>{choice === 'demo' ? t('setup.pay.demo') : t('setup.pay.connect')}</strong>
            <span className="subtle">{choice === 'demo' ? t('setup.pay.demoHint') : t('setup.pay.connectHint')}</span>
          </button>
        ))}
      </div>
      {payments === 'demo' ? (
        <p className="info-note" data-testid="setup-demo-chosen">
          {t('setup.pay.demoChosen')}
        </p>
      ) : null}
      {payments === 'stripe' ? <StripeKeyForm t={t} idPrefix="wizard" /> : null}
      {note === 'saved' ? (
        <p className="success-note" role="status" data-testid="setup-key-saved">
          ✓ {status?.secureStorage === false ? t('setup.pay.savedThisRun') : t('setup.pay.saved')}
        </p>
      ) : null}
      {payments === 'stripe' ? null : <SetupRefusalNote refusal={refusal} field="general" t={t} />}
    </div>
  );
}

export function PushStep({ t, onSubmit }: { t: T; onSubmit: () => void }) {
  const saved = useSlice('setup', (s) => s.pushSaved);
  return (
    <StepForm onSubmit={onSubmit}>
      <p className="setup-lead">{t('setup.push.lead')}</p>
      <PushFields t={t} idPrefix="wizard" />
      {saved ? (
        <p className="success-note" role="status" data-testid="setup-push-saved">
          ✓ {t('setup.push.saved')}
        </p>
      ) : null}
    </StepForm>
  );
}

export function TillStep({ t, onSubmit }: { t: T; onSubmit: () => void }) {
  const draft = useSlice('settings', (s) => s.draft);
  const setDraft = useSlice('settings', (s) => s.setDraft);
  const printers = useSlice('settings', (s) => s.printers);
  const lang = useCashier((s) => s.lang);
  const setLang = useCashier((s) => s.setLang);
  const restartPending = useSlice('setup', (s) => s.status?.restartPending ?? false);
  if (!draft) return <p className="subtle">{t('common.loading')}</p>;
  return (
    <StepForm onSubmit={onSubmit}>
      <p className="setup-lead">{t('setup.till.lead')}</p>
      <div className="setup-two">
        <label className="field">
          <span className="field__label">{t('setup.till.qrTimeout')}</span>
          <input
            className="field__input field__input--short"
            data-testid="setup-qr-timeout"
            type="number"
            min={0.5}
            max={60}
            step={0.5}
            value={draft.qrTimeoutMinutes}
            onChange={(event) => setDraft({ qrTimeoutMinutes: event.target.value })}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('setup.till.timeZone')}</span>
          <select className="field__input" data-testid="setup-time-zone" value={draft.timeZone} onChange={(event) => setDraft({ timeZone: event.target.value })}>
            {timeZoneOptions(draft.timeZone).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </label>
      </div>
      <SettingsProblem field="qrTimeoutMinutes" t={t} />
      <fieldset className="setup-modes">
        <legend className="field__label">{t('setup.till.language')}</legend>
        {(['th', 'en'] as const).map((value) => (
          <label key={value} className={`setup-mode${lang === value ? ' is-on' : ''}`}>
            <input type="radio" name="setup-lang" value={value} data-testid={`setup-lang-${value}`} checked={lang === value} onChange={() => setLang(value)} />
            <span lang={value}>{value === 'th' ? 'ภาษาไทย' : 'English'}</span>
          </label>
        ))}
      </fieldset>
      {printers.length > 0 ? (
        <label className="field">
          <span className="field__label">{t('setup.till.printer')}</span>
          <select className="field__input" data-testid="setup-printer" value={draft.receiptPrinter} onChange={(event) => setDraft({ receiptPrinter: event.target.value })}>
            <option value="">{t('setup.till.printerDefault')}</option>
            {printers.map((printer) => (
              <option key={printer.name} value={printer.name}>
                {printer.displayName}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <div className="field">
          <span className="field__label">{t('setup.till.printer')}</span>
          <p className="subtle" data-testid="setup-no-printers">
            {t('setup.till.noPrinters')}
          </p>
        </div>
      )}
      <div className="field">
        <span className="field__label">{t('setup.till.customerDisplay')}</span>
        <ThisComputerSection t={t} />
      </div>
      {restartPending ? (
        <p className="info-note" data-testid="setup-restart-pending">
          {t('setup.conn.restartPending')}
        </p>
      ) : null}
    </StepForm>
  );
}
