// Settings' "Stripe connection" and "Webhooks & relay" cards. They show what is set (the account, the
// mode, where the key comes from) and never any part of a secret: only "set" / "not set".
import { useEffect } from 'react';
import { Modal } from '../../ui/Modal';
import type { T } from '../../ui/translator';
import { useSlice } from '../app-stores-context';
import { PushFields } from './PushForm';
import { modeWord } from './refusal-text';
import { SetupRefusalNote } from './SetupRefusalNote';
import { StripeKeyForm } from './StripeKeyForm';
// oxlint-disable-next-line import/no-unassigned-import
import '../../styles/setup.css';

function RestartRow({ t }: { t: T }) {
  const restartPending = useSlice('setup', (s) => s.status?.restartPending ?? false);
  const restarting = useSlice('setup', (s) => s.restarting);
  const restart = useSlice('setup', (s) => s.restart);
  if (!restartPending && !restarting) return null;
  return (
    <div className="setup-restart info-note" data-testid="setup-restart-row">
      <span>{restarting ? t('setup.conn.restarting') : t('setup.conn.restartPending')}</span>
      <button type="button" className="btn btn--primary btn--sm" data-testid="setup-restart" disabled={restarting} onClick={() => void restart()}>
        {t('setup.conn.restart')}
      </button>
    </div>
  );
}

export function StripeConnectionCard({ t }: { t: T }) {
  const status = useSlice('setup', (s) => s.status);
  const load = useSlice('setup', (s) => s.load);
  const changing = useSlice('setup', (s) => s.changingKey);
  const confirmForget = useSlice('setup', (s) => s.confirmForget);
  const saving = useSlice('setup', (s) => s.saving);
  const note = useSlice('setup', (s) => s.stripeNote);
  const refusal = useSlice('setup', (s) => (s.refusalFor === 'push' ? null : s.refusal));
  const startChange = useSlice('setup', (s) => s.startChangeKey);
  const askForget = useSlice('setup', (s) => s.askForget);
  const forget = useSlice('setup', (s) => s.forgetKey);
  useEffect(() => {
    void load();
  }, [load]);
  const stripe = status?.stripe;
  const fromEnvironment = stripe?.source === 'environment';
  return (
    <div className="card stack" aria-labelledby="setup-conn-title" data-testid="setup-connection">
      <h2 className="section-title" id="setup-conn-title">
        {t('setup.conn.title')}
      </h2>
      {stripe ? (
        <dl className="setup-card__facts">
          <dt>{t('setup.conn.mode')}</dt>
          <dd>
            <span className={`badge badge--${stripe.mode}`} data-testid="setup-conn-mode" data-mode={stripe.mode}>
              {modeWord(t, stripe.mode)}
            </span>
          </dd>
          <dt>{t('setup.conn.account')}</dt>
          <dd data-testid="setup-conn-account">
            {stripe.accountName ? `${stripe.accountName} · ` : ''}
            <span className="mono">{stripe.account ?? '—'}</span>
          </dd>
          <dt>{t('setup.conn.source')}</dt>
          <dd data-testid="setup-conn-source" data-source={stripe.source}>
            {t(`setup.conn.source.${stripe.source}`)}
          </dd>
        </dl>
      ) : (
        <p className="subtle">{t('common.loading')}</p>
      )}
      {status && !status.secureStorage ? <p className="subtle">{t('setup.conn.secureNo')}</p> : null}
      {note ? (
        <p className="success-note" role="status" data-testid="setup-conn-note">
          ✓ {note === 'saved' ? (status?.secureStorage === false ? t('setup.pay.savedThisRun') : t('setup.pay.saved')) : t('setup.conn.forgotten')}
        </p>
      ) : null}
      <RestartRow t={t} />
      {changing ? null : <SetupRefusalNote refusal={refusal} field={['general', 'secretKey']} t={t} />}
      {fromEnvironment || !stripe ? null : changing ? (
        <>
          <StripeKeyForm t={t} idPrefix="settings" />
          <button type="button" className="btn btn--muted-soft btn--sm setup-cancel" data-testid="setup-change-cancel" onClick={() => startChange(false)}>
            {t('setup.conn.cancel')}
          </button>
        </>
      ) : (
        <div className="setup-actions">
          <button type="button" className="btn btn--primary btn--sm" data-testid="setup-change-key" onClick={() => startChange(true)}>
            {stripe.source === 'settings' ? t('setup.conn.change') : t('setup.conn.connect')}
          </button>
          {stripe.source === 'settings' ? (
            <button type="button" className="btn btn--danger-outline btn--sm" data-testid="setup-forget-key" onClick={() => askForget(true)}>
              {t('setup.conn.forget')}
            </button>
          ) : null}
        </div>
      )}
      {confirmForget ? (
        <Modal title={t('setup.conn.forgetTitle')} onClose={() => askForget(false)} closeLabel={t('common.close')} testId="setup-forget-dialog" busy={saving}>
          <div className="stack">
            <p>{t('setup.conn.forgetLead')}</p>
            <div className="modal__actions">
              <button type="button" className="btn btn--muted-soft" onClick={() => askForget(false)} disabled={saving}>
                {t('common.cancel')}
              </button>
              <button type="button" className="btn btn--danger" data-testid="setup-forget-confirm" disabled={saving} onClick={() => void forget()}>
                {t('setup.conn.forgetConfirm')}
              </button>
            </div>
          </div>
        </Modal>
      ) : null}
    </div>
  );
}

export function PushSettingsCard({ t }: { t: T }) {
  const status = useSlice('setup', (s) => s.status);
  const saving = useSlice('setup', (s) => s.pushSaving);
  const saved = useSlice('setup', (s) => s.pushSaved);
  const savePush = useSlice('setup', (s) => s.savePush);
  const removePush = useSlice('setup', (s) => s.removePush);
  const anySet = Boolean(status && (status.webhookSecretSet || status.relay.url || status.relay.tokenSet));
  return (
    <form
      className="card stack"
      aria-labelledby="setup-push-title"
      data-testid="setup-push"
      onSubmit={(event) => {
        event.preventDefault();
        void savePush();
      }}
    >
      <h2 className="section-title" id="setup-push-title">
        {t('setup.push.title')}
      </h2>
      <p className="subtle">{t('setup.push.lead')}</p>
      <PushFields t={t} idPrefix="settings" />
      {saved ? (
        <p className="success-note" role="status" data-testid="setup-push-saved">
          ✓ {t('setup.push.saved')}
        </p>
      ) : null}
      <div className="setup-actions">
        <button type="submit" className="btn btn--primary btn--sm" data-testid="setup-push-save" disabled={saving}>
          {saving ? t('common.saving') : t('setup.push.save')}
        </button>
        {anySet ? (
          <button type="button" className="btn btn--danger-outline btn--sm" data-testid="setup-push-remove" disabled={saving} onClick={() => void removePush()}>
            {t('setup.push.remove')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** "Finish setting up": a quiet line for managers while the wizard was not finished; the till stays usable. */
export function SetupEntry({ t }: { t: T }) {
  const completed = useSlice('setup', (s) => s.status?.completed ?? true);
  const open = useSlice('setup', (s) => s.openWizard);
  if (completed) return null;
  return (
    <div className="setup-entry" data-testid="setup-entry">
      <span className="setup-entry__text">{t('setup.entryHint')}</span>
      <button type="button" className="btn btn--sm btn--outline" data-testid="setup-entry-open" onClick={open}>
        {t('setup.entry')} →
      </button>
    </div>
  );
}
