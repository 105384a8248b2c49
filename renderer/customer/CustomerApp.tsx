import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import type { Lang, MessageKey } from '../../shared/i18n/translate';
import { formatBaht } from '../../shared/money';
import type { Sale } from '../../shared/sale';
import { PAIRING_CODE_LENGTH } from '../state/display-pairing';
import { formatCountdown, isCountdownUrgent, remainingFraction, remainingMs } from '../state/countdown';
import type { CustomerStore } from '../state/customer-store';
import { customerScreen, customerStatus, type CustomerResult } from '../state/customer-view';
import { otherLang } from '../state/lang-preference';
import { CodeBoxes, CodePad } from '../ui/CodePad';
import { ConnectionBanner } from '../ui/ConnectionBanner';
import { PromptPayMark } from '../ui/PromptPayMark';
import { QrCode } from '../ui/QrCode';
import { StatusIcon } from '../ui/StatusIcon';
import { translatorFor, type T } from '../ui/translator';
import { useNow } from '../ui/use-now';
import { usePinKeyboard } from '../ui/use-pin-keyboard';
import type { SaleLine } from '../../shared/catalog';
// The ticket's lines beside the amount (items helper's stylesheet).
// oxlint-disable-next-line import/no-unassigned-import
import '../cashier/items/customer-lines.css';

/** Primary language big, the other language underneath: a customer may read either. */
function Bi({ k, vars, primary, secondary, className }: { k: MessageKey; vars?: Record<string, string>; primary: T; secondary: T; className?: string }) {
  return (
    <span className={`bi${className ? ` ${className}` : ''}`}>
      <span className="bi__primary">{primary(k, vars)}</span>
      <span className="bi__secondary">{secondary(k, vars)}</span>
    </span>
  );
}

export function CustomerApp({ store }: { store: CustomerStore }) {
  const lang = useStore(store, (s) => s.lang);
  const sale = useStore(store, (s) => s.sale);
  const finalSince = useStore(store, (s) => s.finalSince);
  const shopName = useStore(store, (s) => s.shopName);
  const connection = useStore(store, (s) => s.connection);
  const access = useStore(store, (s) => s.access);
  const mode = useStore(store, (s) => s.mode);
  const qrTimeoutMs = useStore(store, (s) => s.qrTimeoutMs);
  const now = useNow(250);
  const status = customerStatus(sale, finalSince, now);
  const primary = translatorFor(lang);
  const secondary = translatorFor(otherLang(lang));

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  if (access === 'pairing') return <PairingScreen store={store} primary={primary} secondary={secondary} />;
  if (access === 'checking') return <div className="customer customer--checking" data-testid="customer-checking" />;

  const screen = customerScreen(sale, status);
  return (
    <div className={`customer customer--${status}`} data-testid="customer-status" data-status={status} data-screen={screen.kind} data-tender={sale?.tender ?? ''}>
      <ConnectionBanner connection={connection} t={primary} />
      {mode === 'demo' || mode === 'test' ? <ModeStrip mode={mode} primary={primary} secondary={secondary} /> : null}
      {screen.kind === 'idle' ? (
        <IdleScreen shopName={shopName} primary={primary} secondary={secondary} />
      ) : screen.kind === 'pay' ? (
        <PayScreen sale={screen.sale} qr={screen.qr} shopName={shopName} now={now} qrTimeoutMs={qrTimeoutMs} lang={lang} primary={primary} secondary={secondary} />
      ) : screen.kind === 'cash' ? (
        <CashScreen sale={screen.sale} received={screen.received} change={screen.change} primary={primary} secondary={secondary} />
      ) : (
        <ResultScreen sale={screen.sale} result={screen.result} byHand={screen.byHand} primary={primary} secondary={secondary} />
      )}
    </div>
  );
}

/** A tablet off the till that is not paired yet: the code shown on the till, typed on a big pad. */
function PairingScreen({ store, primary, secondary }: { store: CustomerStore; primary: T; secondary: T }) {
  const code = useStore(store, (s) => s.code);
  const busy = useStore(store, (s) => s.pairBusy);
  const error = useStore(store, (s) => s.pairError);
  const pressKey = useStore(store, (s) => s.pressKey);
  const submitCode = useStore(store, (s) => s.submitCode);
  usePinKeyboard(!busy, pressKey, () => void submitCode());
  return (
    <div className="customer customer--pairing" data-testid="pairing-screen">
      <main className="pairing">
        <section className="pairing__text">
          <h1 className="pairing__title">
            <Bi k="pair.title" primary={primary} secondary={secondary} />
          </h1>
          <p className="pairing__lead">
            <Bi k="pair.lead" primary={primary} secondary={secondary} />
          </p>
          <CodeBoxes code={code} length={PAIRING_CODE_LENGTH} label={primary('pair.codeLabel')} invalid={error !== null} testId="pairing-code" />
          <div className="pairing__status" role="status" aria-live="polite">
            {busy ? (
              <span className="pairing__busy">
                <span className="spinner" aria-hidden="true" /> {primary('pair.pairing')}
              </span>
            ) : error ? (
              <span className="pairing__error" data-testid="pairing-error" data-error={error}>
                <Bi k={error} primary={primary} secondary={secondary} />
              </span>
            ) : null}
          </div>
        </section>
        <CodePad
          label={primary('pair.padLabel')}
          clearLabel={primary('cashier.clear')}
          backspaceLabel={primary('cashier.backspace')}
          disabled={busy}
          onPress={pressKey}
          testPrefix="pairing"
        />
      </main>
    </div>
  );
}

function IdleScreen({ shopName, primary, secondary }: { shopName: string | null; primary: T; secondary: T }) {
  return (
    <main className="idle">
      {shopName ? <div className="idle__shop">{shopName}</div> : null}
      <h1 className="idle__welcome">
        <Bi k="customer.welcome" primary={primary} secondary={secondary} />
      </h1>
      <div className="idle__pay">
        <PromptPayMark className="idle__mark" />
        <p className="idle__hint">
          <Bi k="customer.idleHint" primary={primary} secondary={secondary} />
        </p>
      </div>
    </main>
  );
}

/** Demo and test mode, on every screen the customer sees: a pretend payment must never pass for real money. */
function ModeStrip({ mode, primary, secondary }: { mode: 'demo' | 'test'; primary: T; secondary: T }) {
  const badge: MessageKey = mode === 'demo' ? 'app.demoBadge' : 'app.testMode';
  const note: MessageKey = mode === 'demo' ? 'customer.demoNote' : 'customer.testNote';
  return (
    <div className={`mode-strip mode-strip--${mode}`} role="note" data-testid="customer-mode-badge" data-mode={mode}>
      <strong className="mode-strip__badge">{primary(badge)}</strong>
      <span className="mode-strip__note">{primary(note)}</span>
      <span className="mode-strip__note mode-strip__note--secondary">{secondary(note)}</span>
    </div>
  );
}

/**
 * A QR to scan: Stripe's (a countdown, and "preparing" while Stripe answers) or the shop's own
 * PromptPay QR (no countdown; the cashier confirms it by hand). Same card for both: to the customer
 * it is a Thai QR payment either way, named for the shop.
 */
function PayScreen({ sale, qr, shopName, now, qrTimeoutMs, lang, primary, secondary }: { sale: Sale; qr: 'stripe' | 'shop'; shopName: string | null; now: number; qrTimeoutMs: number | null; lang: Lang; primary: T; secondary: T }) {
  const left = remainingMs(sale.qrExpiresAt, now);
  const fraction = remainingFraction(sale.qrExpiresAt, qrTimeoutMs, now);
  // Formatted once per sale, not on every countdown tick (Intl formatters are costly to build).
  const amount = useMemo(() => formatBaht(sale.amount), [sale.amount]);
  return (
    <main className={`pay pay--${qr}`} data-testid="customer-pay" data-qr={qr}>
      <section className="pay__info">
        <div className="pay__label">
          <Bi k="customer.total" primary={primary} secondary={secondary} />
        </div>
        <div className="pay__amount" data-testid="customer-amount">
          {amount}
        </div>
        {sale.description ? <div className="pay__desc">{sale.description}</div> : null}
        {sale.lines && sale.lines.length > 0 ? <TicketLines lines={sale.lines} /> : null}
        {left === null && qr === 'stripe' && sale.status === 'created' && qrTimeoutMs !== null ? (
          // While Stripe answers, the countdown's place is kept (unseen), so the QR's arrival moves
          // nothing else on the screen: its first frame only has the QR and the time to draw.
          <div className="pay__countdown pay__countdown--reserved" aria-hidden="true">
            <span className="pay__countdown-label">
              <Bi k="customer.expiresIn" primary={primary} secondary={secondary} />
            </span>
            <span className="pay__countdown-time">{formatCountdown(qrTimeoutMs)}</span>
            <progress className="pay__progress" max={1000} value={1000} />
          </div>
        ) : null}
        {left !== null ? (
          <div className={`pay__countdown${isCountdownUrgent(left) ? ' is-urgent' : ''}`}>
            <span className="pay__countdown-label">
              <Bi k="customer.expiresIn" primary={primary} secondary={secondary} />
            </span>
            <span className="pay__countdown-time" data-testid="customer-countdown">
              {formatCountdown(left)}
            </span>
            {fraction !== null ? (
              <progress className="pay__progress" max={1000} value={Math.round(fraction * 1000)} aria-hidden="true" />
            ) : null}
          </div>
        ) : null}
      </section>
      <section className="pay__qr-card" lang={lang}>
        <div className="pay__qr-head">
          <span className="pay__qr-thai">THAI QR PAYMENT</span>
          <PromptPayMark className="pay__mark" />
        </div>
        {sale.qrData && sale.status === 'awaiting_payment' ? (
          <QrCode className="pay__qr" testId="customer-qr" data={sale.qrData} label={primary('customer.qrAlt', { amount })} />
        ) : (
          <div className="pay__qr pay__qr--pending" role="status">
            <span className="spinner spinner--lg" aria-hidden="true" />
            <Bi k="customer.preparing" primary={primary} secondary={secondary} />
          </div>
        )}
        {/* Who is being paid, as a banking app names the payee: the customer checks it before paying. */}
        {shopName ? (
          <p className="pay__payee" data-testid="customer-payee">
            {shopName}
          </p>
        ) : null}
        <p className="pay__scan">
          <Bi k={qr === 'shop' ? 'customer.scanBank' : 'customer.scan'} primary={primary} secondary={secondary} />
        </p>
      </section>
    </main>
  );
}

/** The customer checks what they pay for: the ticket's lines (the first few, then how many more). */
function TicketLines({ lines }: { lines: readonly SaleLine[] }) {
  const shown = lines.slice(0, 6);
  return (
    <ol className="pay__lines" data-testid="customer-lines">
      {shown.map((line, index) => (
        <li key={index} className="pay__line" data-testid="customer-line">
          <span className="pay__line-qty">{line.quantity}×</span>
          <span className="pay__line-name">{line.name}</span>
          <span className="pay__line-amount">{formatBaht(line.amount)}</span>
        </li>
      ))}
      {lines.length > shown.length ? <li className="pay__line pay__line--more">+{lines.length - shown.length}</li> : null}
    </ol>
  );
}

const RESULT_KEYS: Record<CustomerResult, { title: MessageKey; body: MessageKey }> = {
  succeeded: { title: 'customer.succeeded.title', body: 'customer.succeeded.body' },
  failed: { title: 'customer.failed.title', body: 'customer.failed.body' },
  expired: { title: 'customer.expired.title', body: 'customer.expired.body' },
  canceled: { title: 'customer.canceled.title', body: 'customer.canceled.body' },
};

/** A hand-confirmed PromptPay sale is paid on the cashier's word: "Paid", never "Payment received". */
function resultKeys(result: CustomerResult, byHand: boolean): { title: MessageKey; body: MessageKey } {
  return byHand && result === 'succeeded' ? { ...RESULT_KEYS.succeeded, title: 'customer.paid.title' } : RESULT_KEYS[result];
}

function ResultScreen({ sale, result, byHand, primary, secondary }: { sale: Sale; result: CustomerResult; byHand: boolean; primary: T; secondary: T }) {
  const amount = useMemo(() => formatBaht(sale.amount), [sale.amount]);
  const keys = resultKeys(result, byHand);
  return (
    <main className="result" role="status">
      <StatusIcon status={result} className="result__icon" />
      <h1 className="result__title">
        <Bi k={keys.title} primary={primary} secondary={secondary} />
      </h1>
      <div className="result__amount" data-testid="customer-amount">
        {amount}
      </div>
      <p className="result__body">
        <Bi k={keys.body} primary={primary} secondary={secondary} />
      </p>
    </main>
  );
}

/** A cash sale, paid on the spot: the total, the cash handed over, and the change, big. */
function CashScreen({ sale, received, change, primary, secondary }: { sale: Sale; received: number | null; change: number | null; primary: T; secondary: T }) {
  const amounts = useMemo(
    () => ({ total: formatBaht(sale.amount), received: received === null ? null : formatBaht(received), change: change === null ? null : formatBaht(change) }),
    [sale.amount, received, change],
  );
  return (
    <main className="cash" role="status" data-testid="customer-cash">
      <div className="cash__head">
        <StatusIcon status="succeeded" className="cash__icon" />
        <h1 className="cash__title">
          <Bi k="customer.cash.title" primary={primary} secondary={secondary} />
        </h1>
      </div>
      <dl className="cash__lines">
        <div className="cash__line">
          <dt>
            <Bi k="customer.cash.total" primary={primary} secondary={secondary} />
          </dt>
          <dd data-testid="customer-amount">{amounts.total}</dd>
        </div>
        {amounts.received !== null ? (
          <div className="cash__line">
            <dt>
              <Bi k="customer.cash.received" primary={primary} secondary={secondary} />
            </dt>
            <dd data-testid="customer-cash-received">{amounts.received}</dd>
          </div>
        ) : null}
      </dl>
      {amounts.change !== null ? (
        <div className="cash__change">
          <span className="cash__change-label">
            <Bi k="customer.cash.change" primary={primary} secondary={secondary} />
          </span>
          <span className="cash__change-amount" data-testid="customer-change">
            {amounts.change}
          </span>
        </div>
      ) : null}
      <p className="cash__thanks">
        <Bi k="customer.succeeded.body" primary={primary} secondary={secondary} />
      </p>
    </main>
  );
}
