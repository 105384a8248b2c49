// How the PDF and XLSX exports name a tender: English and Thai side by side (an export has no screen
// language; the shop's accountant may read either). Hand-confirmed PromptPay always says "unverified".
import { translate, type MessageKey } from '../../../shared/i18n/translate';
import type { Tender } from '../../../shared/tender';

/** "English · ไทย" for a message. */
export function inBothLanguages(key: MessageKey, vars: Record<string, string | number> = {}): string {
  return `${translate('en', key, vars)} · ${translate('th', key, vars)}`;
}

const labels = new Map<string, string>();
/** Written once per tender, not once per exported row. */
function remembered(key: MessageKey): string {
  let label = labels.get(key);
  if (label === undefined) {
    label = inBothLanguages(key);
    labels.set(key, label);
  }
  return label;
}

/** The full name, for summaries and spreadsheet cells. */
export function tenderLabel(tender: Tender): string {
  return remembered(`exports.tender.${tender}`);
}

/** The short name, for a narrow table column. */
export function tenderShortLabel(tender: Tender): string {
  return remembered(`exports.tenderShort.${tender}`);
}
