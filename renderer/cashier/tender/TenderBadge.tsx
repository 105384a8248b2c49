import type { Tender } from '../../../shared/tender';
import { isUnverifiedTender } from '../../../shared/tender';
import { TENDER_BADGE_KEY } from '../../state/cash-tender';
import type { T } from '../../ui/translator';

/** How a sale is paid, on every row: Stripe-confirmed PromptPay, cash, or PromptPay confirmed by hand (unverified). */
export function TenderBadge({ t, tender }: { t: T; tender: Tender }) {
  return (
    <span className={`tender-badge tender-badge--${tender}`} data-testid="tender-badge" data-tender={tender}>
      {isUnverifiedTender(tender) ? '⚠ ' : ''}
      {t(TENDER_BADGE_KEY[tender])}
    </span>
  );
}
