// The shift's dialogs over the till: open with a float, the shift's cash (pay in, pay out, close),
// the count at the close and the closed shift's over/short.
import { useState } from 'react';
import type { MessageKey } from '../../../shared/i18n/translate';
import type { Shift, ShiftCash } from '../../../shared/manager-types';
import type { CashMovementKind } from '../../state/shift-store';
import { ErrorNote } from '../../ui/ErrorNote';
import { Modal } from '../../ui/Modal';
import type { T } from '../../ui/translator';
import { useSlice } from '../app-stores-context';
import { useFormatters } from '../manager/use-formatters';
import { CashEntry } from './CashEntry';
import { checkCash } from './cash-entry';
import { CountByPiece } from './CountByPiece';
import { OverShort } from './OverShort';

type Formatters = ReturnType<typeof useFormatters>;

export function ShiftDialogs({ t }: { t: T }) {
  const dialog = useSlice('shift', (s) => s.dialog);
  const shift = useSlice('shift', (s) => s.shift);
  if (!dialog) return null;
  if (dialog.kind === 'open') return <OpenShiftDialog t={t} />;
  if (dialog.kind === 'closed') return <ClosedShiftDialog t={t} shift={dialog.shift} />;
  // The shift was closed elsewhere (another window): its panels have nothing to show.
  if (!shift) return null;
  if (dialog.kind === 'panel') return <ShiftPanelDialog t={t} shift={shift} />;
  if (dialog.kind === 'move') return <CashMoveDialog key={dialog.movement} t={t} movement={dialog.movement} />;
  return <CloseShiftDialog t={t} shift={shift} />;
}

function useShiftDialog() {
  return {
    busy: useSlice('shift', (s) => s.busy),
    error: useSlice('shift', (s) => s.error),
    dismiss: useSlice('shift', (s) => s.dismiss),
    show: useSlice('shift', (s) => s.show),
  };
}

/** Cash typed in a dialog: its text, the check of it, and the problem shown once the cashier submits. */
function useCashText(allowZero: boolean) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const checked = checkCash(text, allowZero);
  return {
    text,
    problem,
    checked,
    onText: (next: string): void => {
      setText(next);
      setProblem(null);
    },
    /** True (and the problem shown) when the typed cash cannot be submitted. */
    refused: (): boolean => {
      if (checked.ok) return false;
      setProblem(checked.messageKey);
      return true;
    },
  };
}

function OpenShiftDialog({ t }: { t: T }) {
  const { busy, error, dismiss } = useShiftDialog();
  const open = useSlice('shift', (s) => s.open);
  const f = useFormatters();
  const { text, problem, checked, onText, refused } = useCashText(true);
  const submit = (): void => {
    if (busy || refused() || !checked.ok) return;
    void open(checked.satang);
  };
  return (
    <Modal title={t('shift.openTitle')} onClose={dismiss} closeLabel={t('common.close')} testId="shift-open-dialog" className="shift-modal" busy={busy}>
      <p className="modal__lead">{t('shift.openLead')}</p>
      <ErrorNote error={error} t={t} testId="shift-error" />
      <CashEntry
        t={t}
        label={t('shift.float')}
        text={text}
        onText={onText}
        onEnter={submit}
        problem={problem}
        disabled={busy}
        testId="shift-float"
      />
      <button type="button" className="btn btn--primary btn--lg shift-modal__confirm" data-testid="shift-open-confirm" disabled={busy} onClick={submit}>
        {t('shift.openConfirm', { amount: checked.ok ? f.baht(checked.satang) : f.baht(0) })}
      </button>
    </Modal>
  );
}

/** The drawer's sum, line by line: float + cash sales + pay-ins − pay-outs − cash refunds = expected. */
export function CashLines({ t, cash, f, counted }: { t: T; cash: ShiftCash; f: Formatters; counted?: number | null }) {
  const lines: { key: string; label: string; sign: '' | '+' | '−'; amount: number }[] = [
    { key: 'float', label: t('shift.cash.float'), sign: '', amount: cash.float },
    { key: 'sales', label: t('shift.cash.sales', { count: cash.cashSales.count }), sign: '+', amount: cash.cashSales.amount },
    { key: 'payIns', label: t('shift.cash.payIns'), sign: '+', amount: cash.payIns },
    { key: 'payOuts', label: t('shift.cash.payOuts'), sign: '−', amount: cash.payOuts },
    { key: 'refunds', label: t('shift.cash.refunds', { count: cash.cashRefunds.count }), sign: '−', amount: cash.cashRefunds.amount },
  ];
  return (
    <dl className="cash-lines" data-testid="shift-cash-lines">
      {lines.map((line) => (
        <div key={line.key} className="cash-lines__row" data-testid={`shift-cash-${line.key}`} data-amount={line.amount}>
          <dt>{line.label}</dt>
          <dd>
            <span className="cash-lines__sign" aria-hidden="true">
              {line.sign}
            </span>
            {f.baht(line.amount)}
          </dd>
        </div>
      ))}
      <div className="cash-lines__row cash-lines__row--total" data-testid="shift-cash-expected" data-amount={cash.expected}>
        <dt>{t('shift.cash.expected')}</dt>
        <dd>{f.baht(cash.expected)}</dd>
      </div>
      {counted !== undefined && counted !== null ? (
        <div className="cash-lines__row cash-lines__row--counted" data-testid="shift-cash-counted" data-amount={counted}>
          <dt>{t('shift.cash.counted')}</dt>
          <dd>{f.baht(counted)}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function ShiftPanelDialog({ t, shift }: { t: T; shift: Shift }) {
  const { error, dismiss, show } = useShiftDialog();
  const f = useFormatters();
  return (
    <Modal title={t('shift.panelTitle', { number: shift.number })} onClose={dismiss} closeLabel={t('common.close')} testId="shift-panel" className="shift-modal shift-modal--wide">
      <p className="modal__lead">{t('shift.openedBy', { time: f.time(shift.openedAt), name: shift.openedBy ?? '—' })}</p>
      <ErrorNote error={error} t={t} testId="shift-error" />
      <div className="shift-panel">
        <CashLines t={t} cash={shift.cash} f={f} />
        <div className="shift-panel__moves">
          <h3 className="shift-panel__title">{t('shift.movements')}</h3>
          {shift.movements.length === 0 ? (
            <p className="subtle">{t('shift.noMovements')}</p>
          ) : (
            <ul className="shift-moves" data-testid="shift-movements" tabIndex={0} aria-label={t('shift.movements')}>
              {shift.movements.map((move) => (
                <li key={move.id} className={`shift-moves__item shift-moves__item--${move.kind}`}>
                  <span className="shift-moves__time">{f.time(move.createdAt)}</span>
                  <span className="shift-moves__reason">{move.reason}</span>
                  <strong className="shift-moves__amount">
                    {move.kind === 'pay_in' ? '+' : '−'}
                    {f.baht(move.amount)}
                  </strong>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div className="shift-panel__actions">
        <button type="button" className="btn btn--success-soft btn--lg" data-testid="shift-pay-in" onClick={() => show({ kind: 'move', movement: 'pay_in' })}>
          + {t('shift.payIn')}
        </button>
        <button type="button" className="btn btn--danger-soft btn--lg" data-testid="shift-pay-out" onClick={() => show({ kind: 'move', movement: 'pay_out' })}>
          − {t('shift.payOut')}
        </button>
        <button type="button" className="btn btn--primary btn--lg" data-testid="shift-close" onClick={() => show({ kind: 'close' })}>
          {t('shift.closeAction')}
        </button>
      </div>
    </Modal>
  );
}

const QUICK_REASONS: MessageKey[] = ['shift.reason.changeFloat', 'shift.reason.supplies', 'shift.reason.tipOut', 'shift.reason.bankDeposit'];

function CashMoveDialog({ t, movement }: { t: T; movement: CashMovementKind }) {
  const { busy, error, show } = useShiftDialog();
  const move = useSlice('shift', (s) => s.move);
  const f = useFormatters();
  const { text, problem, checked, onText, refused } = useCashText(false);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const submit = (): void => {
    if (busy) return;
    if (refused() || !checked.ok) return;
    if (reason.trim() === '') return setReasonMissing(true);
    void move(movement, checked.satang, reason.trim());
  };
  const amount = checked.ok ? f.baht(checked.satang) : f.baht(0);
  return (
    <Modal
      title={t(movement === 'pay_in' ? 'shift.payInTitle' : 'shift.payOutTitle')}
      onClose={() => show({ kind: 'panel' })}
      closeLabel={t('common.close')}
      testId="shift-move-dialog"
      className="shift-modal shift-modal--wide"
      busy={busy}
    >
      <ErrorNote error={error} t={t} testId="shift-error" />
      <div className="shift-split">
        <CashEntry
          t={t}
          label={t('shift.amount')}
          text={text}
          onText={onText}
          onEnter={submit}
          problem={problem}
          disabled={busy}
          testId="shift-move-amount"
        />
        <div className="shift-split__side">
          <label className="field">
            <span className="field__label">{t('shift.reason')}</span>
            <input
              className={`field__input${reasonMissing ? ' is-invalid' : ''}`}
              data-testid="shift-move-reason"
              value={reason}
              maxLength={200}
              placeholder={t('shift.reasonPlaceholder')}
              aria-invalid={reasonMissing}
              onChange={(event) => {
                setReason(event.target.value);
                setReasonMissing(false);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter') submit();
              }}
            />
          </label>
          {reasonMissing ? (
            <p className="field-problem" role="alert" data-testid="shift-move-reason-problem">
              {t('shift.reasonRequired')}
            </p>
          ) : null}
          <div className="shift-reasons" role="group" aria-label={t('shift.quickReasons')}>
            {QUICK_REASONS.map((key) => (
              <button
                key={key}
                type="button"
                className={`shift-reasons__opt${reason === t(key) ? ' is-active' : ''}`}
                data-testid={`shift-reason-${key.split('.').pop()}`}
                onClick={() => {
                  setReason(t(key));
                  setReasonMissing(false);
                }}
              >
                {t(key)}
              </button>
            ))}
          </div>
          <button
            type="button"
            className={`btn btn--lg shift-modal__confirm ${movement === 'pay_in' ? 'btn--primary' : 'btn--danger'}`}
            data-testid="shift-move-confirm"
            disabled={busy}
            onClick={submit}
          >
            {t(movement === 'pay_in' ? 'shift.payInConfirm' : 'shift.payOutConfirm', { amount })}
          </button>
        </div>
      </div>
    </Modal>
  );
}

function CloseShiftDialog({ t, shift }: { t: T; shift: Shift }) {
  const { busy, error, show } = useShiftDialog();
  const close = useSlice('shift', (s) => s.close);
  const f = useFormatters();
  const { text, problem, checked, onText, refused } = useCashText(true);
  const [note, setNote] = useState('');
  const [byPiece, setByPiece] = useState(false);
  const submit = (): void => {
    if (busy || refused() || !checked.ok) return;
    void close(checked.satang, note);
  };
  return (
    <Modal
      title={t('shift.closeTitle', { number: shift.number })}
      onClose={() => show({ kind: 'panel' })}
      closeLabel={t('common.close')}
      testId="shift-close-dialog"
      className="shift-modal shift-modal--wide"
      busy={busy}
    >
      <p className="modal__lead">{t('shift.closeLead')}</p>
      <ErrorNote error={error} t={t} testId="shift-error" />
      <div className="segmented shift-count-mode" role="group" aria-label={t('shift.counted')}>
        <button type="button" className={`segmented__opt${byPiece ? '' : ' is-active'}`} aria-pressed={!byPiece} data-testid="shift-count-typed" onClick={() => setByPiece(false)}>
          {t('shift.countTyped')}
        </button>
        <button type="button" className={`segmented__opt${byPiece ? ' is-active' : ''}`} aria-pressed={byPiece} data-testid="shift-count-pieces" onClick={() => setByPiece(true)}>
          {t('shift.countByPiece')}
        </button>
      </div>
      <div className="shift-split">
        {byPiece ? (
          <CountByPiece t={t} f={f} onTotal={onText} />
        ) : (
          <CashEntry t={t} label={t('shift.counted')} text={text} onText={onText} onEnter={submit} problem={problem} disabled={busy} testId="shift-counted" />
        )}
        <div className="shift-split__side">
          <CashLines t={t} cash={shift.cash} f={f} counted={checked.ok ? checked.satang : null} />
          <label className="field">
            <span className="field__label">{t('shift.closeNote')}</span>
            <input className="field__input" data-testid="shift-close-note" value={note} maxLength={500} onChange={(event) => setNote(event.target.value)} />
          </label>
          <button type="button" className="btn btn--primary btn--lg shift-modal__confirm" data-testid="shift-close-confirm" disabled={busy} onClick={submit}>
            {t('shift.closeConfirm', { amount: checked.ok ? f.baht(checked.satang) : f.baht(0) })}
          </button>
        </div>
      </div>
    </Modal>
  );
}

function ClosedShiftDialog({ t, shift }: { t: T; shift: Shift }) {
  const dismiss = useSlice('shift', (s) => s.dismiss);
  const f = useFormatters();
  return (
    <Modal title={t('shift.closedTitle', { number: shift.number })} onClose={dismiss} closeLabel={t('common.close')} testId="shift-closed-dialog" className="shift-modal shift-modal--wide">
      <p className="modal__lead">{t('shift.closedBy', { time: shift.closedAt === null ? '—' : f.time(shift.closedAt), name: shift.closedBy ?? '—' })}</p>
      <div className="shift-split">
        <OverShort t={t} f={f} expected={shift.cash.expected} counted={shift.countedCash ?? 0} overShort={shift.overShort ?? 0} />
        <div className="shift-split__side">
          <CashLines t={t} cash={shift.cash} f={f} counted={shift.countedCash} />
        </div>
      </div>
      <button type="button" className="btn btn--primary btn--lg shift-modal__confirm" data-testid="shift-closed-done" onClick={dismiss}>
        {t('shift.done')}
      </button>
    </Modal>
  );
}
