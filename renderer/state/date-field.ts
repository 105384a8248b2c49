// Business days typed and shown as people write them: dd/mm/yyyy, with the Buddhist-era year on Thai
// screens (2 Dec 2026 is 02/12/2569). The value underneath stays an ISO date (yyyy-mm-dd).
import type { Lang } from '../../shared/i18n/translate';

const BUDDHIST_ERA_OFFSET = 543;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function formatDateField(iso: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const year = Number(match[1]) + (lang === 'th' ? BUDDHIST_ERA_OFFSET : 0);
  return `${match[3]}/${match[2]}/${year}`;
}

/** The placeholder that shows the expected order. */
export function dateFieldPattern(lang: Lang): string {
  return lang === 'th' ? 'วว/ดด/ปปปป' : 'dd/mm/yyyy';
}

/**
 * Typed text → ISO date, or null when it is not a real calendar day. Takes d/m/yyyy (or with dots or
 * dashes), and an ISO date as is. A Thai screen takes a Buddhist-era year; a year after 2400 is read
 * as Buddhist era on either screen (no shop sells in 2400 CE).
 */
export function parseDateField(text: string, lang: Lang): string | null {
  const trimmed = text.trim();
  let day: number;
  let month: number;
  let year: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) [day, month, year] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else return null;
  if (!iso && (lang === 'th' || year > 2400)) year -= BUDDHIST_ERA_OFFSET;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}
