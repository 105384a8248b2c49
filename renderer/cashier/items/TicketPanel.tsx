import { formatBaht } from '../../../shared/money';
import { LOCALE_FOR } from '../../../shared/i18n/translate';
import { lineAmount, MAX_QUANTITY, ticketQuantity, ticketTooLarge, ticketTotal } from '../../state/item-ticket';
import type { T } from '../../ui/translator';
import { useCashier } from '../store-context';

/** Items mode, above the tenders: the ticket's lines with − / + / remove, and its total (the amount charged). */
export function TicketPanel({ t }: { t: T }) {
  const ticket = useCashier((s) => s.ticket);
  const setLineQuantity = useCashier((s) => s.setLineQuantity);
  const removeTicketLine = useCashier((s) => s.removeTicketLine);
  const clearTicket = useCashier((s) => s.clearTicket);
  const amountError = useCashier((s) => s.amountError);
  const locale = LOCALE_FOR[t.lang ?? 'th'];
  const baht = (satang: number) => formatBaht(satang, locale);
  const keep = (event: { preventDefault(): void }) => event.preventDefault();

  return (
    <section className="card ticket" data-item-area="" aria-labelledby="ticket-title" data-testid="ticket">
      <div className="ticket__head">
        <h2 className="ticket__title" id="ticket-title">
          {t('items.ticket')}
        </h2>
        {ticket.length > 0 ? (
          <button type="button" className="btn btn--sm btn--muted-soft ticket__clear" data-testid="ticket-clear" onMouseDown={keep} onClick={clearTicket}>
            {t('items.clearTicket')}
          </button>
        ) : null}
      </div>
      {ticket.length === 0 ? (
        <p className="ticket__empty">{t('items.ticketEmpty')}</p>
      ) : (
        <ol className="ticket__lines" data-testid="ticket-lines">
          {ticket.map((line, index) => (
            <li className="ticket-line" key={`${line.itemId}-${line.unitPrice}`} data-testid="ticket-line" data-quantity={line.quantity}>
              <span className="ticket-line__name">{line.name}</span>
              <span className="ticket-line__each">{t('items.lineTotal', { quantity: line.quantity, price: baht(line.unitPrice) })}</span>
              <span className="ticket-line__qty">
                <button type="button" className="qty-btn" data-testid="line-less" aria-label={t('items.less', { name: line.name })} onMouseDown={keep} onClick={() => setLineQuantity(index, line.quantity - 1)}>
                  −
                </button>
                <output className="ticket-line__count" aria-label={t('items.quantity')}>
                  {line.quantity}
                </output>
                <button
                  type="button"
                  className="qty-btn"
                  data-testid="line-more"
                  aria-label={t('items.more', { name: line.name })}
                  disabled={line.quantity >= MAX_QUANTITY}
                  onMouseDown={keep}
                  onClick={() => setLineQuantity(index, line.quantity + 1)}
                >
                  +
                </button>
              </span>
              <span className="ticket-line__amount">{baht(lineAmount(line))}</span>
              <button type="button" className="qty-btn qty-btn--remove" data-testid="line-remove" aria-label={t('items.remove', { name: line.name })} onMouseDown={keep} onClick={() => removeTicketLine(index)}>
                ✕
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="ticket__total">
        <span>
          {t('items.ticketTotal')}
          {ticket.length > 0 ? <span className="ticket__count"> · {t('items.ticketItems', { count: ticketQuantity(ticket) })}</span> : null}
        </span>
        <output data-testid="ticket-total" aria-live="polite">
          {baht(ticketTotal(ticket))}
        </output>
      </div>
      {ticketTooLarge(ticket) ? (
        <p className="amount-error" role="alert">
          {t('items.ticketTooLarge')}
        </p>
      ) : amountError ? (
        <p className="amount-error" role="alert" data-testid="amount-error">
          {t(amountError)}
        </p>
      ) : null}
    </section>
  );
}
