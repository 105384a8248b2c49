// Settings: where the app's log file is, for a manager to find when IT or support asks for it, and
// (desktop app) a button that opens the folder on this computer. Only the path comes to the screen;
// the log's contents stay on disk.
import { useEffect, useState } from 'react';
import type { LogFolderInfo } from '../../../shared/logs';
import type { PosErrorBody } from '../../../shared/pos-error';
import { shownError, type ShownError } from '../../state/auth-error';
import type { TransportErrorBody } from '../../transport/renderer-transport';
import { ErrorNote } from '../../ui/ErrorNote';
import type { T } from '../../ui/translator';
import { useAppStores } from '../app-stores-context';

/** The core's refusals in this card's own words (by code and field, never by the English message). */
function logsError(error: PosErrorBody | TransportErrorBody): ShownError {
  if (error.field === 'logs' && error.code === 'conflict') return { key: 'logs.error.browser', detail: null };
  if (error.field === 'logs' && error.code === 'internal') return { key: 'logs.error.open', detail: error.message };
  return shownError(error);
}

export function LogFolderCard({ t }: { t: T }) {
  const { transport } = useAppStores();
  const [info, setInfo] = useState<LogFolderInfo | null>(null);
  const [opening, setOpening] = useState(false);
  const [opened, setOpened] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  useEffect(() => {
    let live = true;
    void transport.call('logs.info', {}).then((result) => {
      if (!live) return;
      if (result.ok) setInfo(result.value);
      else setError(logsError(result.error));
    });
    return () => {
      live = false;
    };
  }, [transport]);

  const open = async (): Promise<void> => {
    setOpening(true);
    setOpened(false);
    setError(null);
    const result = await transport.call('logs.openFolder', {});
    setOpening(false);
    if (result.ok) setOpened(true);
    else setError(logsError(result.error));
  };

  return (
    <div className="card stack" aria-labelledby="logs-title" data-testid="logs-card">
      <h2 className="section-title" id="logs-title">
        {t('logs.title')}
      </h2>
      {info?.folder ? (
        <>
          <label className="field">
            <span className="field__label">{t('logs.folder')}</span>
            {/* Read-only but focusable: the path can be selected and copied with the keyboard. */}
            <input className="field__input mono" data-testid="logs-folder" readOnly value={info.folder} onFocus={(event) => event.currentTarget.select()} />
          </label>
          <p className="subtle">{t('logs.help')}</p>
          {info.canOpen ? (
            <div className="form-actions">
              {opened ? (
                <span className="success-note" role="status" data-testid="logs-opened">
                  {t('logs.opened')}
                </span>
              ) : null}
              <button type="button" className="btn btn--primary btn--sm" data-testid="logs-open" disabled={opening} onClick={() => void open()}>
                {opening ? t('logs.opening') : t('logs.open')}
              </button>
            </div>
          ) : null}
        </>
      ) : info ? (
        <p className="subtle" data-testid="logs-browser">
          {t('logs.browser')}
        </p>
      ) : null}
      <ErrorNote error={error} t={t} testId="logs-error" />
    </div>
  );
}
