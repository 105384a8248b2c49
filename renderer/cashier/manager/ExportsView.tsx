import type { ExportFormat } from '../../../shared/manager-types';
import { daysInRange, orderedRange } from '../../state/business-date';
import { progressPercent } from '../../state/export-progress';
import { DateField } from '../../ui/DateField';
import { ErrorNote } from '../../ui/ErrorNote';
import type { T } from '../../ui/translator';
import { useSlice } from '../app-stores-context';
import { useFormatters } from './use-formatters';

const FORMATS: { format: ExportFormat; help: 'export.csvHelp' | 'export.xlsxHelp' | 'export.pdfHelp' }[] = [
  { format: 'csv', help: 'export.csvHelp' },
  { format: 'xlsx', help: 'export.xlsxHelp' },
  { format: 'pdf', help: 'export.pdfHelp' },
];

export function ExportsView({ t }: { t: T }) {
  const mode = useSlice('exports', (s) => s.mode);
  const from = useSlice('exports', (s) => s.from);
  const to = useSlice('exports', (s) => s.to);
  const format = useSlice('exports', (s) => s.format);
  const starting = useSlice('exports', (s) => s.starting);
  const error = useSlice('exports', (s) => s.error);
  const jobs = useSlice('exports', (s) => s.jobs);
  const setMode = useSlice('exports', (s) => s.setMode);
  const setFrom = useSlice('exports', (s) => s.setFrom);
  const setTo = useSlice('exports', (s) => s.setTo);
  const setFormat = useSlice('exports', (s) => s.setFormat);
  const start = useSlice('exports', (s) => s.start);
  const today = useSlice('history', (s) => s.today);
  const f = useFormatters();
  const range = mode === 'day' ? { from, to: from } : orderedRange(from, to);
  const days = range.from && range.to ? daysInRange(range.from, range.to) : 0;

  return (
    <section className="mgr-page" aria-labelledby="exports-title" data-testid="exports-view">
      <header className="mgr-page__head">
        <h1 className="mgr-page__title" id="exports-title">
          {t('export.title')}
        </h1>
      </header>
      <form
        className="card export-form"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <div className="segmented" role="radiogroup" aria-label={t('export.what')}>
          {(['day', 'range'] as const).map((m) => (
            <button key={m} type="button" role="radio" aria-checked={mode === m} className={`segmented__opt${mode === m ? ' is-active' : ''}`} data-testid={`export-mode-${m}`} onClick={() => setMode(m)}>
              {m === 'day' ? t('export.oneDay') : t('export.range')}
            </button>
          ))}
        </div>
        <div className="export-form__dates">
          <label className="field">
            <span className="field__label">{mode === 'day' ? t('common.businessDay') : t('export.from')}</span>
            <DateField t={t} testId="export-from" value={from} max={today()} onChange={setFrom} />
          </label>
          {mode === 'range' ? (
            <label className="field">
              <span className="field__label">{t('export.to')}</span>
              <DateField t={t} testId="export-to" value={to} max={today()} onChange={setTo} />
            </label>
          ) : null}
          <p className="subtle export-form__days">{days === 1 ? t('export.dayCount1') : t('export.days', { count: days })}</p>
        </div>
        <fieldset className="format-cards">
          <legend className="field__label">{t('export.format')}</legend>
          {FORMATS.map((option) => (
            <label key={option.format} className={`format-card${format === option.format ? ' is-active' : ''}`} data-testid={`export-format-${option.format}`}>
              <input type="radio" name="export-format" value={option.format} checked={format === option.format} onChange={() => setFormat(option.format)} />
              <strong>{option.format.toUpperCase()}</strong>
              <span className="subtle">{t(option.help)}</span>
            </label>
          ))}
        </fieldset>
        <ErrorNote error={error} t={t} testId="export-error" />
        <button type="submit" className="btn btn--primary btn--lg" data-testid="export-start" disabled={starting}>
          {starting ? t('export.starting') : t('export.start')}
        </button>
      </form>

      <div className="card">
        <h2 className="section-title">{t('export.jobs')}</h2>
        {jobs.length === 0 ? (
          <p className="subtle">{t('export.noJobs')}</p>
        ) : (
          <ul className="job-list" data-testid="export-jobs">
            {jobs.map((job) => {
              const percent = progressPercent(job);
              return (
                <li key={job.id} className={`job job--${job.status}`} data-testid="export-job" data-status={job.status} data-job-id={job.id}>
                  <div className="job__head">
                    <strong>{job.fileName}</strong>
                    <span className={`chip chip--${job.status === 'done' ? 'success' : job.status === 'failed' ? 'danger' : 'waiting'}`}>{t(`export.status.${job.status}`)}</span>
                  </div>
                  <div className="job__progress">
                    <progress
                      className="progress"
                      data-testid="export-progress"
                      max={100}
                      value={percent ?? undefined}
                      aria-label={t('export.progressLabel', { name: job.fileName })}
                    />
                    <span className="job__count mono-num" data-testid="export-count">
                      {job.total > 0 ? t('export.rows', { done: f.count(job.done), total: f.count(job.total) }) : t('export.preparing')}
                      {percent !== null ? ` · ${percent}%` : ''}
                    </span>
                  </div>
                  {job.status === 'done' ? (
                    job.downloadUrl ? (
                      <a className="btn btn--primary btn--sm" href={job.downloadUrl} download={job.fileName} data-testid="export-download">
                        ⤓ {t('export.download')}
                      </a>
                    ) : job.filePath ? (
                      <p className="job__path" data-testid="export-path">
                        {t('export.savedTo')} <code>{job.filePath}</code>
                      </p>
                    ) : null
                  ) : null}
                  {job.status === 'failed' ? <p className="error-inline">{job.error ?? t('manager.error.internal')}</p> : null}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
