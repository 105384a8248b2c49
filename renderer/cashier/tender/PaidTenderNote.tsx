import { formatBaht } from '../../../shared/money';
import type { Sale } from '../../../shared/sale';
import { changeGiven } from '../../state/cash-tender';
import type { T } from '../../ui/translator';

/** On a paid sale: the change to hand back (cash), or that nobody but the cashier confirmed it (by hand). */
export function PaidTenderNote({ t, sale }: { t: T; sale: Sale }) {
  if (sale.status !== 'succeeded') return null;
  const change = changeGiven(sale);
  if (change !== null) {
    return (
      <div className="paid-change" data-testid="paid-change">
        <p className="paid-change__amount">{t('tender.paid.change', { amount: formatBaht(change) })}</p>
        <p className="paid-change__received">{t('tender.paid.cashReceived', { amount: formatBaht(sale.cashTendered ?? sale.amount) })}</p>
      </div>
    );
  }
  if (sale.tender === 'promptpay_manual') {
    return (
      <div className="unverified-note" data-testid="paid-unverified">
        <strong>⚠ {t('tender.badge.promptpay_manual')}</strong>
        <span>{t('tender.manual.paidNote')}</span>
      </div>
    );
  }
  return null;
}
