import { useStore } from 'zustand';
import type { ItemsStore } from '../../state/items-store';
import { Modal } from '../../ui/Modal';
import type { T } from '../../ui/translator';

const SHOWN_ERRORS = 12;

/** CSV import: choose a file, see what it would do (a dry run), then save it, or its problems by line. */
export function ImportDialog({ t, store, onClose }: { t: T; store: ItemsStore; onClose: () => void }) {
  const state = useStore(store, (s) => s.import);
  const checkImport = useStore(store, (s) => s.checkImport);
  const confirmImport = useStore(store, (s) => s.confirmImport);
  const check = state?.check ?? null;
  const done = state?.done ?? null;
  const busy = state?.saving ?? false;

  const choose = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    if (file.size > 5_000_000) {
      store.setState({ import: { fileName: file.name, csv: '', check: { created: 0, updated: 0, unchanged: 0, saved: false, errors: [{ line: 1, message: t('items.fileTooLarge') }] }, saving: false, done: null } });
      return;
    }
    await checkImport(file.name, await file.text());
  };

  return (
    <Modal title={t('items.importTitle')} onClose={onClose} closeLabel={t('common.close')} busy={busy} testId="import-dialog" className="modal--item">
      <div className="item-import">
        <p className="info-note">{t('items.importHelp')}</p>
        <label className="field">
          <span className="field__label">{t('items.chooseFile')}</span>
          <input className="field__input" type="file" accept=".csv,text/csv" data-testid="import-file" disabled={busy} onChange={(event) => void choose(event.target.files?.[0])} />
        </label>
        {state && !check ? <p aria-live="polite">{t('items.checking')}</p> : null}
        {done ? (
          <p className="item-import__done" role="status" data-testid="import-done">
            {t('items.imported', { created: done.created, updated: done.updated })}
          </p>
        ) : check && check.errors.length > 0 ? (
          <div role="alert" data-testid="import-errors">
            <p className="field-problem">{t('items.importErrors', { count: check.errors.length })}</p>
            <ul className="item-import__errors">
              {check.errors.slice(0, SHOWN_ERRORS).map((error, index) => (
                <li key={index}>{t('items.errorLine', { line: error.line, message: error.message })}</li>
              ))}
              {check.errors.length > SHOWN_ERRORS ? <li>{t('items.moreErrors', { count: check.errors.length - SHOWN_ERRORS })}</li> : null}
            </ul>
          </div>
        ) : check ? (
          <p className="item-import__summary" role="status" data-testid="import-summary">
            {t('items.dryRun', { created: check.created, updated: check.updated, unchanged: check.unchanged })}
          </p>
        ) : null}
        <div className="modal__actions">
          <button type="button" className="btn btn--muted-soft btn--lg" onClick={onClose} disabled={busy}>
            {t(done ? 'common.close' : 'common.cancel')}
          </button>
          {!done ? (
            <button
              type="button"
              className="btn btn--primary btn--lg"
              data-testid="import-save"
              disabled={busy || !check || check.errors.length > 0 || check.created + check.updated === 0}
              onClick={() => void confirmImport()}
            >
              {busy ? t('common.saving') : t('items.importSave', { count: check ? check.created + check.updated : 0 })}
            </button>
          ) : null}
        </div>
      </div>
    </Modal>
  );
}
