import { LOCALE_FOR } from '../../../shared/i18n/translate';
import { formatBaht } from '../../../shared/money';
import { formatShopDateTime, formatShopTime } from '../../state/business-date';
import { useSlice } from '../app-stores-context';
import { useCashier } from '../store-context';

/** One count formatter per locale (building one costs far more than using it). */
const countFormatters = new Map<string, Intl.NumberFormat>();
function formatCount(n: number, locale: string): string {
  let formatter = countFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale);
    countFormatters.set(locale, formatter);
  }
  return formatter.format(n);
}

/** Money and times in the screen's language and the shop's time zone. */
export function useFormatters() {
  const lang = useCashier((s) => s.lang);
  const timeZone = useSlice('zone', (s) => s.timeZone);
  const locale = LOCALE_FOR[lang];
  return {
    lang,
    locale,
    timeZone,
    baht: (satang: number) => formatBaht(satang, locale),
    time: (at: number, seconds = false) => formatShopTime(at, locale, timeZone, seconds),
    dateTime: (at: number) => formatShopDateTime(at, locale, timeZone),
    count: (n: number) => formatCount(n, locale),
  };
}
