import type { SaleLine } from '../../../shared/catalog';
import { formatBaht } from '../../../shared/money';
import { LOCALE_FOR } from '../../../shared/i18n/translate';
import type { T } from '../../ui/translator';

/** A sale's ticket as sold, read only (the sale on the till, history). */
export function SaleLinesList({ t, lines, testId = 'sale-lines', className }: { t: T; lines: readonly SaleLine[]; testId?: string; className?: string }) {
  const locale = LOCALE_FOR[t.lang ?? 'th'];
  return (
    <ol className={`sale-lines${className ? ` ${className}` : ''}`} data-testid={testId} aria-label={t('items.lines')}>
      {lines.map((line, index) => (
        <li className="sale-lines__line" key={index} data-testid="sale-line">
          <span className="sale-lines__name">{line.name}</span>
          <span className="sale-lines__each">{t('items.lineTotal', { quantity: line.quantity, price: formatBaht(line.unitPrice, locale) })}</span>
          <span className="sale-lines__amount">{formatBaht(line.amount, locale)}</span>
        </li>
      ))}
    </ol>
  );
}
