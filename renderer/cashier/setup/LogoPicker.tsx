import { useRef } from 'react';
import { useAppStores, useSlice } from '../app-stores-context';
import type { T } from '../../ui/translator';
import { shrinkLogo } from './logo-image';

/** The shop's logo: a preview, a file picker (shrunk here before it is sent) and Remove. */
export function LogoPicker({ t }: { t: T }) {
  const stores = useAppStores();
  const logo = useSlice('settings', (s) => s.settings?.shopLogo ?? null);
  const saving = useSlice('setup', (s) => s.logoSaving);
  const problem = useSlice('setup', (s) => s.logoProblem);
  const saveLogo = useSlice('setup', (s) => s.saveLogo);
  const setProblem = useSlice('setup', (s) => s.setLogoProblem);
  const input = useRef<HTMLInputElement>(null);

  const apply = async (next: string | null) => {
    const settings = await saveLogo(next);
    if (settings) stores.settings.setState({ settings });
  };
  const choose = async (file: File | undefined) => {
    if (!file) return;
    const shrunk = await shrinkLogo(file);
    if (!shrunk.ok) {
      setProblem(shrunk.problem);
      return;
    }
    await apply(shrunk.dataUrl);
  };

  return (
    <div className="setup-logo" data-testid="setup-logo">
      <span className="field__label" id="setup-logo-label">
        {t('setup.shop.logo')}
      </span>
      <div className="setup-logo__row">
        <div className="setup-logo__preview" aria-label={t('setup.shop.logoPreview')} role="img">
          {logo ? (
            <img src={logo} alt="" data-testid="setup-logo-preview" />
          ) : (
            // No logo yet: a picture outline (an emoji would need a font the till may not have).
            <svg className="setup-logo__empty" viewBox="0 0 24 24" aria-hidden="true">
              <rect x="3" y="5" width="18" height="14" rx="2" />
              <circle cx="9" cy="10" r="1.6" />
              <path d="M4 18l5-5 3 3 3-3 5 5" />
            </svg>
          )}
        </div>
        <div className="stack">
          <input
            ref={input}
            className="visually-hidden"
            type="file"
            accept="image/png,image/jpeg"
            tabIndex={-1}
            aria-hidden="true"
            data-testid="setup-logo-file"
            onChange={(event) => {
              void choose(event.target.files?.[0]);
              event.target.value = '';
            }}
          />
          <div className="setup-actions">
            <button type="button" className="btn btn--muted-soft btn--sm" data-testid="setup-logo-choose" aria-describedby="setup-logo-label" disabled={saving} onClick={() => input.current?.click()}>
              {t('setup.shop.logoChoose')}
            </button>
            {logo ? (
              <button type="button" className="btn btn--danger-outline btn--sm" data-testid="setup-logo-remove" disabled={saving} onClick={() => void apply(null)}>
                {t('setup.shop.logoRemove')}
              </button>
            ) : null}
          </div>
          <p className="subtle">{t('setup.shop.logoHelp')}</p>
        </div>
      </div>
      {problem ? (
        <p className="setup-refusal" role="alert" data-testid="setup-logo-problem">
          {t(problem)}
        </p>
      ) : null}
    </div>
  );
}
