import { useSlice } from '../app-stores-context';
import type { T } from '../../ui/translator';
import { SetupRefusalNote } from './SetupRefusalNote';

/**
 * The webhook signing secret and the relay (address, this till's token). Secrets are typed into
 * password fields and never shown back: the status only says whether each is set. No form of its own:
 * the wizard's step and Settings' card each decide what Enter does.
 */
export function PushFields({ t, idPrefix }: { t: T; idPrefix: string }) {
  const status = useSlice('setup', (s) => s.status);
  const webhookSecret = useSlice('setup', (s) => s.webhookSecret);
  const relayUrl = useSlice('setup', (s) => s.relayUrl);
  const relayToken = useSlice('setup', (s) => s.relayToken);
  const refusal = useSlice('setup', (s) => (s.refusalFor === 'push' ? s.refusal : null));
  const setPush = useSlice('setup', (s) => s.setPush);
  const stateWord = (set: boolean | undefined) => (set ? t('setup.push.set') : t('setup.push.notSet'));
  const invalid = (field: string) => refusal?.field === field;
  return (
    <div className="stack">
      <label className="field">
        <span className="field__label">
          {t('setup.push.webhookSecret')} <span className="subtle">({stateWord(status?.webhookSecretSet)})</span>
        </span>
        <input
          className={`field__input mono${invalid('webhookSecret') ? ' is-invalid' : ''}`}
          data-testid="setup-webhook-secret"
          type="password"
          autoComplete="off"
          spellCheck={false}
          maxLength={300}
          placeholder="whsec_…"
          aria-invalid={invalid('webhookSecret')}
          aria-describedby={`${idPrefix}-webhook-help`}
          value={webhookSecret}
          onChange={(event) => setPush({ webhookSecret: event.target.value })}
        />
      </label>
      <SetupRefusalNote refusal={refusal} field="webhookSecret" t={t} />
      <p className="subtle" id={`${idPrefix}-webhook-help`}>
        {t('setup.push.webhookHelp')}
      </p>
      <p className="subtle">{t('setup.push.relayWhy')}</p>
      <label className="field">
        <span className="field__label">{t('setup.push.relayUrl')}</span>
        <input
          className={`field__input mono${invalid('relayUrl') ? ' is-invalid' : ''}`}
          data-testid="setup-relay-url"
          type="url"
          autoComplete="off"
          spellCheck={false}
          maxLength={500}
          placeholder="https://relay.example.com"
          aria-invalid={invalid('relayUrl')}
          value={relayUrl}
          onChange={(event) => setPush({ relayUrl: event.target.value })}
        />
      </label>
      <SetupRefusalNote refusal={refusal} field="relayUrl" t={t} />
      <label className="field">
        <span className="field__label">
          {t('setup.push.relayToken')} <span className="subtle">({stateWord(status?.relay.tokenSet)})</span>
        </span>
        <input
          className={`field__input mono${invalid('relayToken') ? ' is-invalid' : ''}`}
          data-testid="setup-relay-token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          maxLength={500}
          aria-invalid={invalid('relayToken')}
          aria-describedby={`${idPrefix}-token-help`}
          value={relayToken}
          onChange={(event) => setPush({ relayToken: event.target.value })}
        />
      </label>
      <SetupRefusalNote refusal={refusal} field="relayToken" t={t} />
      <p className="subtle" id={`${idPrefix}-token-help`}>
        {t('setup.push.relayTokenHelp')} {t('setup.push.keepHint')}
      </p>
      <SetupRefusalNote refusal={refusal} field="general" t={t} />
    </div>
  );
}
