import { useSlice } from '../app-stores-context';
import type { T } from '../../ui/translator';
import { ConnectionCard } from './ConnectionCard';
import { SetupRefusalNote } from './SetupRefusalNote';

/**
 * Mode, the pasted key (a password field: never shown back, cleared once saved), Test connection and
 * Save. Enter tests a new key, or saves one already tested. Used by the wizard and by Settings.
 */
export function StripeKeyForm({ t, idPrefix, onSaved }: { t: T; idPrefix: string; onSaved?: () => void }) {
  const mode = useSlice('setup', (s) => s.mode);
  const secretKey = useSlice('setup', (s) => s.secretKey);
  const testing = useSlice('setup', (s) => s.testing);
  const saving = useSlice('setup', (s) => s.saving);
  const tested = useSlice('setup', (s) => s.tested);
  const refusal = useSlice('setup', (s) => (s.refusalFor === 'push' ? null : s.refusal));
  const setMode = useSlice('setup', (s) => s.setMode);
  const setSecretKey = useSlice('setup', (s) => s.setSecretKey);
  const testKey = useSlice('setup', (s) => s.testKey);
  const saveKey = useSlice('setup', (s) => s.saveKey);
  const busy = testing || saving;
  const problemId = `${idPrefix}-key-problem`;
  const keyRefused = refusal?.field === 'secretKey';
  const save = async () => {
    if (await saveKey()) onSaved?.();
  };

  return (
    <form
      className="stack setup-key-form"
      data-testid="setup-key-form"
      onSubmit={(event) => {
        event.preventDefault();
        // Enter in a nested form must not also submit the wizard's step.
        event.stopPropagation();
        if (busy) return;
        void (tested ? save() : testKey());
      }}
    >
      <fieldset className="setup-modes">
        <legend className="field__label">{t('setup.pay.mode')}</legend>
        {(['test', 'live'] as const).map((value) => (
          <label key={value} className={`setup-mode${mode === value ? ' is-on' : ''}`}>
            <input type="radio" name={`${idPrefix}-mode`} value={value} data-testid={`setup-mode-${value}`} checked={mode === value} onChange={() => setMode(value)} />
            <span>{value === 'test' ? t('setup.pay.modeTest') : t('setup.pay.modeLive')}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field__label">{t('setup.pay.key')}</span>
        <input
          className={`field__input mono${keyRefused ? ' is-invalid' : ''}`}
          data-testid="setup-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          maxLength={300}
          placeholder="sk_test_… / rk_live_…"
          aria-invalid={keyRefused}
          aria-describedby={`${idPrefix}-key-help${keyRefused ? ` ${problemId}` : ''}`}
          value={secretKey}
          onChange={(event) => setSecretKey(event.target.value)}
        />
      </label>
      <SetupRefusalNote refusal={refusal} field={['secretKey', 'general']} t={t} id={problemId} />
      <p className="subtle" id={`${idPrefix}-key-help`}>
        {t('setup.pay.keyHelp')}
      </p>
      <div className="setup-actions">
        <button type={tested ? 'button' : 'submit'} className={`btn${tested ? ' btn--muted-soft' : ' btn--primary'}`} data-testid="setup-test" disabled={busy} onClick={tested ? () => void testKey() : undefined}>
          {testing ? t('setup.pay.testing') : t('setup.pay.test')}
        </button>
        {tested ? (
          <button type="submit" className="btn btn--primary" data-testid="setup-save-key" disabled={busy}>
            {saving ? t('setup.pay.saving') : t('setup.pay.save')}
          </button>
        ) : null}
      </div>
      {tested ? <ConnectionCard tested={tested} t={t} /> : null}
    </form>
  );
}
