// The first-run wizard: the shop, payments, webhooks & relay, this till. Every step can be skipped,
// Back works (Esc too), Enter saves the step and goes on, and the step's actions stay on screen at
// 1024×600 (the steps scroll between a fixed head and foot).
import { useEffect, useRef } from 'react';
import { SETUP_STEPS } from '../../state/setup-store';
import type { T } from '../../ui/translator';
import { useAppStores, useSlice } from '../app-stores-context';
import { PaymentsStep, PushStep, ShopStep, STEP_FORM_ID, TillStep } from './WizardSteps';
// oxlint-disable-next-line import/no-unassigned-import
import '../../styles/setup.css';

export function SetupWizard({ t }: { t: T }) {
  const stores = useAppStores();
  const step = useSlice('setup', (s) => s.step);
  const restartPending = useSlice('setup', (s) => s.status?.restartPending ?? false);
  const completing = useSlice('setup', (s) => s.completing);
  const pushSaving = useSlice('setup', (s) => s.pushSaving);
  const restarting = useSlice('setup', (s) => s.restarting);
  const settingsSaving = useSlice('settings', (s) => s.saving);
  const next = useSlice('setup', (s) => s.next);
  const back = useSlice('setup', (s) => s.back);
  const closeWizard = useSlice('setup', (s) => s.closeWizard);
  const heading = useRef<HTMLHeadingElement>(null);
  const name = SETUP_STEPS[step];
  const last = step === SETUP_STEPS.length - 1;
  const busy = completing || pushSaving || settingsSaving || restarting;

  useEffect(() => {
    void stores.settings.getState().load();
  }, [stores]);
  // Each step starts at its heading, so a screen reader reads where the owner is and Tab goes on from there.
  useEffect(() => {
    const title = heading.current;
    if (!title || title.dataset.shown === name) return;
    title.dataset.shown = name;
    title.focus({ preventScroll: true });
  }, [name]);

  /** Saves the shop's settings the step shows; false (with the problem by its field) when refused. */
  const saveSettings = async (): Promise<boolean> => {
    const settings = stores.settings.getState();
    await settings.save();
    const after = stores.settings.getState();
    return after.problem === null && after.error === null;
  };

  const finish = async () => {
    const setup = stores.setup.getState();
    if (!(await setup.complete())) return;
    // Saved connections take effect at a restart: the owner just chose them, so it happens now.
    if (restartPending) await setup.restart();
  };

  const submitStep = async () => {
    if (busy) return;
    if (name === 'shop' || name === 'till') {
      if (!(await saveSettings())) return;
    }
    if (name === 'push' && !(await stores.setup.getState().savePush())) return;
    if (last) await finish();
    else next();
  };

  const skip = () => {
    if (last) void finish();
    else next();
  };

  return (
    <section
      className="setup-wizard"
      aria-labelledby="setup-wizard-title"
      data-testid="setup-wizard"
      data-step={name}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || step === 0 || event.defaultPrevented) return;
        event.preventDefault();
        back();
      }}
    >
      <header className="setup-wizard__head">
        <div className="setup-wizard__titles">
          <p className="setup-wizard__kicker">
            {t('setup.title')} · <span data-testid="setup-progress">{t('setup.progress', { n: step + 1, total: SETUP_STEPS.length })}</span>
          </p>
          <h1 className="setup-wizard__title" id="setup-wizard-title" ref={heading} tabIndex={-1}>
            {t(`setup.step.${name}`)}
          </h1>
        </div>
        <ol className="setup-steps" aria-label={t('setup.title')}>
          {SETUP_STEPS.map((each, index) => (
            <li key={each} className={index === step ? 'is-current' : index < step ? 'is-done' : undefined} aria-current={index === step ? 'step' : undefined}>
              <span className="setup-steps__n" aria-hidden="true">
                {index < step ? '✓' : index + 1}
              </span>
              <span className="setup-steps__label">{t(`setup.step.${each}`)}</span>
            </li>
          ))}
        </ol>
        <button type="button" className="btn btn--sm btn--muted-soft" data-testid="setup-later" onClick={closeWizard}>
          {t('setup.later')}
        </button>
      </header>
      <div className="setup-wizard__body" data-testid={`setup-step-${name}`}>
        {name === 'shop' ? <ShopStep t={t} onSubmit={() => void submitStep()} /> : null}
        {name === 'payments' ? <PaymentsStep t={t} /> : null}
        {name === 'push' ? <PushStep t={t} onSubmit={() => void submitStep()} /> : null}
        {name === 'till' ? <TillStep t={t} onSubmit={() => void submitStep()} /> : null}
      </div>
      <footer className="setup-wizard__foot">
        <button type="button" className="btn btn--muted-soft" data-testid="setup-back" disabled={step === 0 || busy} onClick={back}>
          ← {t('setup.back')}
        </button>
        <span className="setup-wizard__hint subtle">{t('setup.keysHint')}</span>
        <button type="button" className="btn btn--outline" data-testid="setup-skip" disabled={busy} onClick={skip}>
          {t('setup.skipStep')}
        </button>
        {/* Keyed apart: a click that moves on to a step with a form must not land on that step's submit button. */}
        {name === 'payments' ? (
          <button key="next-step" type="button" className="btn btn--primary btn--lg" data-testid="setup-next" onClick={next}>
            {t('setup.next')} →
          </button>
        ) : (
          <button key="submit-step" type="submit" form={STEP_FORM_ID} className="btn btn--primary btn--lg" data-testid="setup-next" disabled={busy}>
            {last ? (completing || restarting ? t('setup.finishing') : restartPending ? t('setup.finishRestart') : t('setup.finish')) : `${t('setup.next')} →`}
          </button>
        )}
      </footer>
    </section>
  );
}
