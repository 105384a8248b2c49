import { useEffect } from 'react';
import type { Role } from '../../../shared/manager-types';
import { ErrorNote } from '../../ui/ErrorNote';
import { Modal } from '../../ui/Modal';
import type { T } from '../../ui/translator';
import { useNow } from '../../ui/use-now';
import { useSlice } from '../app-stores-context';
import { useFormatters } from './use-formatters';

export function PeopleView({ t }: { t: T }) {
  const cashiers = useSlice('people', (s) => s.cashiers);
  const loading = useSlice('people', (s) => s.loading);
  const error = useSlice('people', (s) => s.error);
  const form = useSlice('people', (s) => s.form);
  const formProblem = useSlice('people', (s) => s.formProblem);
  const saving = useSlice('people', (s) => s.saving);
  const resetting = useSlice('people', (s) => s.resetting);
  const notice = useSlice('people', (s) => s.notice);
  const load = useSlice('people', (s) => s.load);
  const setForm = useSlice('people', (s) => s.setForm);
  const create = useSlice('people', (s) => s.create);
  const setActive = useSlice('people', (s) => s.setActive);
  const setRole = useSlice('people', (s) => s.setRole);
  const startReset = useSlice('people', (s) => s.startReset);
  const setResetPin = useSlice('people', (s) => s.setResetPin);
  const cancelReset = useSlice('people', (s) => s.cancelReset);
  const submitReset = useSlice('people', (s) => s.submitReset);
  const me = useSlice('auth', (s) => s.status?.user?.cashierId ?? null);
  const f = useFormatters();
  const now = useNow(30_000);

  useEffect(() => {
    void load();
  }, [load]);

  const resetName = cashiers.find((c) => c.cashierId === resetting?.cashierId)?.name ?? '';
  return (
    <section className="mgr-page" aria-labelledby="people-title" data-testid="people-view">
      <header className="mgr-page__head">
        <h1 className="mgr-page__title" id="people-title">
          {t('people.title')}
        </h1>
      </header>
      <ErrorNote error={error} t={t} />
      {notice ? (
        <p className="success-note" role="status" data-testid="people-notice">
          {t(notice.key, { name: notice.name })}
        </p>
      ) : null}
      <div className="people-grid">
        <div className="card">
          {loading && cashiers.length === 0 ? (
            <p className="empty-state">{t('common.loading')}</p>
          ) : (
            <table className="data-table" data-testid="people-list">
              <thead>
                <tr>
                  <th scope="col">{t('people.name')}</th>
                  <th scope="col">{t('people.role')}</th>
                  <th scope="col">{t('people.state')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('people.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {cashiers.map((c) => (
                  <tr key={c.cashierId} data-testid="person-row" data-cashier-id={c.cashierId} className={c.active ? '' : 'is-inactive'}>
                    <td>
                      <strong>{c.name}</strong>
                      {c.owner ? <span className="chip chip--sm chip--brand">{t('people.owner')}</span> : null}
                      {c.cashierId === me ? <span className="chip chip--sm">{t('people.you')}</span> : null}
                    </td>
                    <td>
                      <select
                        className="field__input field__input--sm"
                        aria-label={t('people.roleFor', { name: c.name })}
                        value={c.role}
                        disabled={c.owner}
                        onChange={(event) => void setRole(c.cashierId, event.target.value as Role)}
                      >
                        <option value="cashier">{t('role.cashier')}</option>
                        <option value="manager">{t('role.manager')}</option>
                      </select>
                    </td>
                    <td>
                      {!c.active ? (
                        <span className="chip chip--sm">{t('people.inactive')}</span>
                      ) : c.lockedUntil && c.lockedUntil > now ? (
                        <span className="chip chip--sm chip--danger">{t('people.lockedUntil', { time: f.time(c.lockedUntil) })}</span>
                      ) : (
                        <span className="chip chip--sm chip--success">{t('people.active')}</span>
                      )}
                    </td>
                    <td>
                      <div className="row-actions">
                      <button type="button" className="btn btn--sm btn--muted-soft" data-testid="reset-pin" onClick={() => startReset(c.cashierId)}>
                        {t('people.resetPin')}
                      </button>
                      {!c.owner ? (
                        <button
                          type="button"
                          className={`btn btn--sm ${c.active ? 'btn--danger-outline' : 'btn--success-soft'}`}
                          data-testid="toggle-active"
                          disabled={c.cashierId === me}
                          onClick={() => void setActive(c.cashierId, !c.active)}
                        >
                          {c.active ? t('people.deactivate') : t('people.reactivate')}
                        </button>
                      ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <form
          className="card add-person"
          aria-labelledby="add-person-title"
          onSubmit={(event) => {
            event.preventDefault();
            void create();
          }}
        >
          <h2 className="section-title" id="add-person-title">
            {t('people.add')}
          </h2>
          <label className="field">
            <span className="field__label">{t('people.name')}</span>
            <input className="field__input" data-testid="person-name" autoComplete="off" maxLength={60} value={form.name} onChange={(event) => setForm({ name: event.target.value })} />
          </label>
          <label className="field">
            <span className="field__label">{t('people.role')}</span>
            <select className="field__input" data-testid="person-role" value={form.role} onChange={(event) => setForm({ role: event.target.value as Role })}>
              <option value="cashier">{t('role.cashier')}</option>
              <option value="manager">{t('role.manager')}</option>
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('people.pin')}</span>
            <input
              className="field__input field__input--pin"
              data-testid="person-pin"
              type="password"
              inputMode="numeric"
              autoComplete="new-password"
              pattern="\d{4,6}"
              maxLength={6}
              value={form.pin}
              onChange={(event) => setForm({ pin: event.target.value })}
            />
          </label>
          <p className="subtle">{t('people.pinHelp')}</p>
          {formProblem ? (
            <p className="field-problem" role="alert">
              {t(formProblem)}
            </p>
          ) : null}
          <button type="submit" className="btn btn--primary" data-testid="person-add" disabled={saving}>
            {t('people.addButton')}
          </button>
        </form>
      </div>
      {resetting ? (
        <Modal title={t('people.resetTitle', { name: resetName })} onClose={cancelReset} closeLabel={t('common.close')} testId="reset-dialog">
          <form
            className="stack"
            onSubmit={(event) => {
              event.preventDefault();
              void submitReset();
            }}
          >
            <label className="field">
              <span className="field__label">{t('people.newPin')}</span>
              <input
                className="field__input field__input--pin"
                data-testid="reset-pin-input"
                type="password"
                inputMode="numeric"
                autoComplete="new-password"
                maxLength={6}
                autoFocus
                value={resetting.pin}
                onChange={(event) => setResetPin(event.target.value)}
              />
            </label>
            {resetting.problem ? (
              <p className="field-problem" role="alert">
                {t(resetting.problem)}
              </p>
            ) : null}
            <div className="modal__actions">
              <button type="button" className="btn btn--muted-soft" onClick={cancelReset}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="btn btn--primary" data-testid="reset-pin-submit">
                {t('people.resetPin')}
              </button>
            </div>
          </form>
        </Modal>
      ) : null}
    </section>
  );
}
