import { useEffect, type ReactNode } from 'react';
import { timeZoneOptions } from '../../state/business-date';
import { checkPromptPayId, checkTaxId, DAY_START_HOURS, formatPromptPayId, formatTaxId, type PromptPayIdKind, type SettingsDraft } from '../../state/settings-store';
import { RECEIPT_LANGS, type PrinterInfo } from '../../../shared/receipt';
import { SoundPreviewButton } from '../../ui/sound/SoundPreviewButton';
import { ErrorNote } from '../../ui/ErrorNote';
import { Modal } from '../../ui/Modal';
import type { BackupInfo } from '../../../shared/manager-types';
import type { T } from '../../ui/translator';
import { auditActionLabel, labelText } from '../../state/timeline-view';
import { useSlice } from '../app-stores-context';
import { useFormatters } from './use-formatters';
import { LogoPicker } from '../setup/LogoPicker';
import { PushSettingsCard, StripeConnectionCard } from '../setup/SetupSettingsCards';
import { ThisComputerSection } from '../setup/ThisComputerSection';
import { LogFolderCard } from './LogFolderCard';

function bytes(n: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

const KIND_LABEL: Record<PromptPayIdKind, 'settings.promptPayId.phone' | 'settings.promptPayId.nationalId' | 'settings.promptPayId.ewallet'> = {
  phone: 'settings.promptPayId.phone',
  nationalId: 'settings.promptPayId.nationalId',
  ewallet: 'settings.promptPayId.ewallet',
};

const hhmm = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

/** The shop's PromptPay ID, checked as typed with the core's own schema, and the business day's start hour. */
function TenderSettings({ draft, setDraft, t, problem }: { draft: SettingsDraft; setDraft: (patch: Partial<SettingsDraft>) => void; t: T; problem: (field: keyof SettingsDraft) => ReactNode }) {
  const check = checkPromptPayId(draft.promptPayId);
  const startHour = Number(draft.dayStartHour);
  return (
    <>
      <h2 className="section-title">{t('settings.promptPay')}</h2>
      <label className="field">
        <span className="field__label">{t('settings.promptPayId')}</span>
        <input
          className={`field__input field__input--mid${check.state === 'bad' ? ' is-invalid' : ''}`}
          data-testid="settings-promptpay-id"
          inputMode="numeric"
          autoComplete="off"
          maxLength={24}
          placeholder={t('settings.promptPayIdPlaceholder')}
          aria-invalid={check.state === 'bad'}
          aria-describedby="promptpay-id-state"
          value={draft.promptPayId}
          onChange={(event) => setDraft({ promptPayId: event.target.value })}
          onBlur={() => {
            if (check.state === 'ok') setDraft({ promptPayId: formatPromptPayId(check.id) });
          }}
        />
      </label>
      <p id="promptpay-id-state" className={check.state === 'bad' ? 'field-problem' : check.state === 'ok' ? 'success-note' : 'subtle'} data-testid="settings-promptpay-state" data-state={check.state}>
        {check.state === 'ok' ? t(KIND_LABEL[check.kind], { id: formatPromptPayId(check.id) }) : check.state === 'bad' ? t(check.key) : check.state === 'empty' ? t('settings.promptPayId.off') : ' '}
      </p>
      {check.state === 'bad' ? null : problem('promptPayId')}
      <p className="subtle">{t('settings.promptPayIdHelp')}</p>
      <label className="field">
        <span className="field__label">{t('settings.dayStartHour')}</span>
        <select className="field__input field__input--short" data-testid="settings-day-start" value={draft.dayStartHour} onChange={(event) => setDraft({ dayStartHour: event.target.value })}>
          {DAY_START_HOURS.map((hour) => (
            <option key={hour} value={String(hour)}>
              {hour === 0 ? t('settings.dayStartHourMidnight', { hour: hhmm(0) }) : hhmm(hour)}
            </option>
          ))}
        </select>
      </label>
      {problem('dayStartHour')}
      {startHour > 0 ? (
        <p className="info-note" data-testid="settings-day-range">
          {t('settings.dayStartHourRange', { start: hhmm(startHour), end: `${String(startHour - 1).padStart(2, '0')}:59` })}
        </p>
      ) : null}
      <p className="subtle">{t('settings.dayStartHourHelp')}</p>
    </>
  );
}

const AUTO_PRINT = ['always', 'ask', 'never'] as const;

/**
 * Receipts and tax invoices: the address printed on them, VAT registration with the tax ID (checked as
 * typed with the core's own schema) and branch, the paper, the desktop's printer (a browser prints
 * through its own dialog, so it has none to choose), when to print; and the paid sound.
 */
function ReceiptSettings({ draft, setDraft, t, problem, printers }: { draft: SettingsDraft; setDraft: (patch: Partial<SettingsDraft>) => void; t: T; problem: (field: keyof SettingsDraft) => ReactNode; printers: PrinterInfo[] }) {
  const tax = checkTaxId(draft.taxId);
  const knownPrinter = draft.receiptPrinter === '' || printers.some((printer) => printer.name === draft.receiptPrinter);
  return (
    <>
      <h2 className="section-title" id="receipt-settings-title">
        {t('receipts.settings.title')}
      </h2>
      <label className="field">
        <span className="field__label">{t('receipts.settings.address')}</span>
        <textarea className="field__input" data-testid="settings-shop-address" rows={2} maxLength={300} value={draft.shopAddress} onChange={(event) => setDraft({ shopAddress: event.target.value })} />
      </label>
      {problem('shopAddress')}
      <label className="field receipt-check">
        <input type="checkbox" data-testid="settings-vat" checked={draft.vatRegistered} onChange={(event) => setDraft({ vatRegistered: event.target.checked })} />
        <span>{t('receipts.settings.vatRegistered')}</span>
      </label>
      <label className="field">
        <span className="field__label">{t('receipts.settings.taxId')}</span>
        <input
          className={`field__input field__input--mid${tax.state === 'bad' ? ' is-invalid' : ''}`}
          data-testid="settings-tax-id"
          inputMode="numeric"
          autoComplete="off"
          maxLength={20}
          aria-invalid={tax.state === 'bad'}
          aria-describedby="tax-id-state"
          value={draft.taxId}
          onChange={(event) => setDraft({ taxId: event.target.value })}
          onBlur={() => {
            if (tax.state === 'ok') setDraft({ taxId: formatTaxId(tax.id) });
          }}
        />
      </label>
      <p id="tax-id-state" className={tax.state === 'bad' ? 'field-problem' : tax.state === 'ok' ? 'success-note' : 'subtle'} data-testid="settings-tax-id-state" data-state={tax.state}>
        {tax.state === 'ok' ? t('receipts.settings.taxIdOk', { taxId: formatTaxId(tax.id) }) : tax.state === 'bad' ? t(tax.key) : ' '}
      </p>
      {tax.state === 'bad' ? null : problem('taxId')}
      <label className="field">
        <span className="field__label">{t('receipts.settings.branch')}</span>
        <input className="field__input field__input--short" data-testid="settings-branch" inputMode="numeric" maxLength={5} placeholder="00000" value={draft.branchCode} onChange={(event) => setDraft({ branchCode: event.target.value })} />
      </label>
      {problem('branchCode')}
      <label className="field">
        <span className="field__label">{t('receipts.settings.paper')}</span>
        <select className="field__input field__input--short" data-testid="settings-paper" value={draft.receiptPaper} onChange={(event) => setDraft({ receiptPaper: event.target.value === '58' ? '58' : '80' })}>
          <option value="80">{t('receipts.settings.paper80')}</option>
          <option value="58">{t('receipts.settings.paper58')}</option>
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('receipts.settings.language')}</span>
        <select className="field__input field__input--short" data-testid="settings-receipt-language" value={draft.receiptLanguage} onChange={(event) => setDraft({ receiptLanguage: RECEIPT_LANGS.find((lang) => lang === event.target.value) ?? 'th' })}>
          {RECEIPT_LANGS.map((lang) => (
            <option key={lang} value={lang}>
              {t(`receipts.settings.language.${lang}`)}
            </option>
          ))}
        </select>
      </label>
      {printers.length > 0 ? (
        <label className="field">
          <span className="field__label">{t('receipts.settings.printer')}</span>
          <select className="field__input" data-testid="settings-printer" value={draft.receiptPrinter} onChange={(event) => setDraft({ receiptPrinter: event.target.value })}>
            <option value="">{t('receipts.settings.printerDefault')}</option>
            {printers.map((printer) => (
              <option key={printer.name} value={printer.name}>
                {printer.displayName}
              </option>
            ))}
            {knownPrinter ? null : <option value={draft.receiptPrinter}>{draft.receiptPrinter}</option>}
          </select>
        </label>
      ) : null}
      <label className="field">
        <span className="field__label">{t('receipts.settings.autoPrint')}</span>
        <select
          className="field__input"
          data-testid="settings-auto-print"
          value={draft.autoPrintReceipt}
          onChange={(event) => setDraft({ autoPrintReceipt: AUTO_PRINT.find((mode) => mode === event.target.value) ?? 'ask' })}
        >
          {AUTO_PRINT.map((mode) => (
            <option key={mode} value={mode}>
              {t(`receipts.settings.autoPrint.${mode}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="subtle">{t('receipts.settings.help')}</p>
      <h2 className="section-title">{t('receipts.settings.sound')}</h2>
      <label className="field receipt-check">
        <input type="checkbox" data-testid="settings-sound-chime" checked={draft.sound.chime} onChange={(event) => setDraft({ sound: { ...draft.sound, chime: event.target.checked } })} />
        <span>{t('receipts.settings.chime')}</span>
      </label>
      <label className="field receipt-check">
        <input type="checkbox" data-testid="settings-sound-speak" checked={draft.sound.speakAmount} onChange={(event) => setDraft({ sound: { ...draft.sound, speakAmount: event.target.checked } })} />
        <span>{t('receipts.settings.speak')}</span>
      </label>
      <label className="field">
        <span className="field__label">
          {t('receipts.settings.volume')} <span className="mono-num">{draft.sound.volume}</span>
        </span>
        <input
          className="field__input"
          data-testid="settings-sound-volume"
          type="range"
          min={0}
          max={100}
          step={5}
          value={draft.sound.volume}
          onChange={(event) => setDraft({ sound: { ...draft.sound, volume: Number(event.target.value) } })}
        />
      </label>
      <SoundPreviewButton sound={draft.sound} lang={t.lang ?? 'th'} />
    </>
  );
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** Tablets paired as customer displays (browser mode), each with Unpair. */
function DisplaysCard({ t }: { t: T }) {
  const displays = useSlice('displays', (s) => s.displays);
  const loading = useSlice('displays', (s) => s.loading);
  const unpairing = useSlice('displays', (s) => s.unpairing);
  const error = useSlice('displays', (s) => s.error);
  const load = useSlice('displays', (s) => s.load);
  const unpair = useSlice('displays', (s) => s.unpair);
  const f = useFormatters();
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="card stack" aria-labelledby="displays-title" data-testid="displays-card">
      <h2 className="section-title" id="displays-title">
        {t('displays.title')}
      </h2>
      <ErrorNote error={error} t={t} testId="displays-error" />
      {displays.length === 0 ? (
        <p className="subtle">{loading ? t('common.loading') : t('displays.empty')}</p>
      ) : (
        <ul className="backup-list" data-testid="displays-list">
          {displays.map((display) => (
            <li key={display.displayId} className="backup-row" data-testid="display-row">
              <div>
                <div className="backup-row__file">
                  <strong>{display.name}</strong>
                </div>
                <div className="subtle">
                  {t('displays.pairedAt', { time: f.dateTime(display.pairedAt), by: display.pairedBy ?? '—' })} · {t('displays.lastSeen', { time: f.dateTime(display.lastSeen) })}
                </div>
              </div>
              <button
                type="button"
                className="btn btn--sm btn--danger-outline"
                data-testid="display-unpair"
                disabled={unpairing !== null}
                onClick={() => void unpair(display.displayId)}
              >
                {unpairing === display.displayId ? t('displays.unpairing') : t('displays.unpair')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function SettingsView({ t }: { t: T }) {
  const draft = useSlice('settings', (s) => s.draft);
  const loading = useSlice('settings', (s) => s.loading);
  const saving = useSlice('settings', (s) => s.saving);
  const saved = useSlice('settings', (s) => s.saved);
  const problem = useSlice('settings', (s) => s.problem);
  const error = useSlice('settings', (s) => s.error);
  const backups = useSlice('settings', (s) => s.backups);
  const backupRunning = useSlice('settings', (s) => s.backupRunning);
  const lastBackup = useSlice('settings', (s) => s.lastBackup);
  const backupError = useSlice('settings', (s) => s.backupError);
  const restoreConfirm = useSlice('settings', (s) => s.restoreConfirm);
  const restoring = useSlice('settings', (s) => s.restoring);
  const restored = useSlice('settings', (s) => s.restored);
  const audit = useSlice('settings', (s) => s.audit);
  const auditMore = useSlice('settings', (s) => s.auditMore);
  const auditLoading = useSlice('settings', (s) => s.auditLoading);
  const load = useSlice('settings', (s) => s.load);
  const setDraft = useSlice('settings', (s) => s.setDraft);
  const save = useSlice('settings', (s) => s.save);
  const runBackup = useSlice('settings', (s) => s.runBackup);
  const askRestore = useSlice('settings', (s) => s.askRestore);
  const restore = useSlice('settings', (s) => s.restore);
  const loadAudit = useSlice('settings', (s) => s.loadAudit);
  const printers = useSlice('settings', (s) => s.printers);
  const f = useFormatters();

  useEffect(() => {
    void load();
  }, [load]);

  const fieldProblem = (field: keyof SettingsDraft) =>
    problem?.field === field ? (
      <p className="field-problem" role="alert" data-testid="settings-problem">
        {t(problem.key)}
      </p>
    ) : null;

  return (
    <section className="mgr-page" aria-labelledby="settings-title" data-testid="settings-view">
      <header className="mgr-page__head">
        <h1 className="mgr-page__title" id="settings-title">
          {t('settings.title')}
        </h1>
      </header>
      <ErrorNote error={error} t={t} />
      {!draft ? (
        <p className="empty-state">{loading ? t('common.loading') : ''}</p>
      ) : (
        <div className="settings-grid">
          <form
            className="card stack settings-form"
            aria-labelledby="shop-title"
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
          >
            <h2 className="section-title" id="shop-title">
              {t('settings.shop')}
            </h2>
            <label className="field">
              <span className="field__label">{t('settings.shopName')}</span>
              <input className="field__input" data-testid="settings-shop-name" maxLength={80} value={draft.shopName} onChange={(event) => setDraft({ shopName: event.target.value })} />
            </label>
            {fieldProblem('shopName')}
            <LogoPicker t={t} />
            <label className="field">
              <span className="field__label">{t('settings.timeZone')}</span>
              <select className="field__input" data-testid="settings-time-zone" value={draft.timeZone} onChange={(event) => setDraft({ timeZone: event.target.value })}>
                {timeZoneOptions(draft.timeZone).map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </select>
            </label>
            <p className="subtle">{t('settings.timeZoneHelp')}</p>
            <label className="field">
              <span className="field__label">{t('settings.qrTimeout')}</span>
              <input
                className="field__input field__input--short"
                data-testid="settings-qr-timeout"
                type="number"
                min={0.5}
                max={60}
                step={0.5}
                value={draft.qrTimeoutMinutes}
                onChange={(event) => setDraft({ qrTimeoutMinutes: event.target.value })}
              />
            </label>
            {fieldProblem('qrTimeoutMinutes')}
            <TenderSettings draft={draft} setDraft={setDraft} t={t} problem={fieldProblem} />
            <ReceiptSettings draft={draft} setDraft={setDraft} t={t} problem={fieldProblem} printers={printers} />
            <h2 className="section-title">{t('settings.backup')}</h2>
            <label className="field">
              <span className="field__label">{t('settings.backupFolder')}</span>
              <input
                className="field__input"
                data-testid="settings-backup-folder"
                placeholder={t('settings.backupFolderPlaceholder')}
                maxLength={500}
                value={draft.backupFolder}
                onChange={(event) => setDraft({ backupFolder: event.target.value })}
              />
            </label>
            {fieldProblem('backupFolder')}
            <label className="field">
              <span className="field__label">{t('settings.backupTime')}</span>
              <input className="field__input field__input--short" data-testid="settings-backup-time" type="time" value={draft.backupTime} onChange={(event) => setDraft({ backupTime: event.target.value })} />
            </label>
            <p className="subtle">{t('settings.backupTimeHelp')}</p>
            {fieldProblem('backupTime')}
            <div className="form-actions">
              {saved ? (
                <span className="success-note" role="status" data-testid="settings-saved">
                  {t('settings.saved')}
                </span>
              ) : null}
              <button type="submit" className="btn btn--primary" data-testid="settings-save" disabled={saving}>
                {saving ? t('common.saving') : t('common.save')}
              </button>
            </div>
          </form>

          <div className="stack">
            <StripeConnectionCard t={t} />
            <PushSettingsCard t={t} />
            <ThisComputerSection t={t} />
            <DisplaysCard t={t} />
            <LogFolderCard t={t} />
            <div className="card stack" aria-labelledby="backups-title">
              <div className="section-head">
                <h2 className="section-title" id="backups-title">
                  {t('settings.backups')}
                </h2>
                <button type="button" className="btn btn--primary btn--sm" data-testid="backup-run" disabled={backupRunning} onClick={() => void runBackup()}>
                  {backupRunning ? t('settings.backingUp') : t('settings.backupNow')}
                </button>
              </div>
              {lastBackup ? (
                <p className={lastBackup.integrity === 'ok' ? 'success-note' : 'error-inline'} role="status" data-testid="backup-result">
                  {lastBackup.integrity === 'ok' ? t('settings.backupDone', { file: baseName(lastBackup.file), size: bytes(lastBackup.bytes, f.locale) }) : t('settings.backupBad', { detail: lastBackup.integrity })}
                </p>
              ) : null}
              {restored ? (
                <p className="success-note" role="status" data-testid="restore-result">
                  {t('settings.restored', { file: baseName(restored.file) })}
                </p>
              ) : null}
              <ErrorNote error={backupError} t={t} testId="backup-error" />
              {backups.length === 0 ? (
                <p className="subtle">{t('settings.noBackups')}</p>
              ) : (
                <ul className="backup-list" data-testid="backup-list">
                  {backups.slice(0, 8).map((backup) => (
                    <li key={backup.file} className="backup-row">
                      <div>
                        <div className="mono backup-row__file" title={backup.file}>
                          {baseName(backup.file)}
                        </div>
                        <div className="subtle">
                          {f.dateTime(backup.createdAt)} · {bytes(backup.bytes, f.locale)} · {backupCheckText(backup, t)}
                        </div>
                      </div>
                      <button type="button" className="btn btn--sm btn--danger-outline" data-testid="backup-restore" onClick={() => askRestore(backup)}>
                        {t('settings.restore')}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div className="card" aria-labelledby="audit-title">
              <h2 className="section-title" id="audit-title">
                {t('settings.audit')}
              </h2>
              {/* It scrolls on its own: focusable so the keyboard can scroll it too. */}
              <ol className="audit-list" data-testid="audit-list" tabIndex={0} aria-labelledby="audit-title">
                {audit.map((entry) => (
                  <li key={entry.id} className="audit-row">
                    <span className="mono-num subtle">{f.dateTime(entry.at)}</span>
                    <span>
                      <strong>{entry.actor ?? t('timeline.source.system')}</strong> ·{' '}
                      <span data-testid="audit-action" data-action={entry.action}>
                        {labelText(t, auditActionLabel(entry.action))}
                      </span>
                      {entry.saleId ? (
                        <a className="audit-row__sale mono" href={`#/sale/${entry.saleId}`}>
                          {entry.saleId}
                        </a>
                      ) : null}
                    </span>
                  </li>
                ))}
              </ol>
              {auditMore ? (
                <button type="button" className="btn btn--sm btn--muted-soft" disabled={auditLoading} onClick={() => void loadAudit(true)}>
                  {t('history.more')}
                </button>
              ) : null}
            </div>
          </div>
        </div>
      )}
      {restoreConfirm ? (
        <Modal title={t('settings.restoreTitle')} onClose={() => askRestore(null)} closeLabel={t('common.close')} testId="restore-dialog" busy={restoring}>
          <div className="stack">
            <p>{t('settings.restoreWarning', { file: baseName(restoreConfirm.file), time: f.dateTime(restoreConfirm.createdAt) })}</p>
            <p className="info-note">{t('settings.restoreIntegrity')}</p>
            <div className="modal__actions">
              <button type="button" className="btn btn--muted-soft" onClick={() => askRestore(null)} disabled={restoring}>
                {t('common.cancel')}
              </button>
              <button type="button" className="btn btn--danger" data-testid="restore-confirm" disabled={restoring} onClick={() => void restore()}>
                {restoring ? t('settings.restoring') : t('settings.restoreConfirm')}
              </button>
            </div>
          </div>
        </Modal>
      ) : null}
    </section>
  );
}

/** The backup's check in the screen's words (the core's code; older cores sent only the integrity text). */
function backupCheckText(backup: BackupInfo, t: T): string {
  const check = backup.check ?? (backup.integrity === 'ok' ? 'ok' : backup.integrity === 'not checked' ? 'not_checked' : 'damaged');
  if (check === 'ok') return `✓ ${t('settings.integrityOk')}`;
  if (check === 'not_checked') return t('settings.integrityNotChecked');
  return `⚠ ${t('settings.integrityDamaged')}`;
}
