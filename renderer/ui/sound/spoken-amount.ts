// What the till says when a sale is paid, in the screen's language: "ได้รับเงิน 245 บาท" /
// "Received 245 baht", with the satang when there are any.
import type { Lang } from '../../../shared/i18n/translate';

/** Digits without separators: speech engines read "1245" as a number, "1,245" sometimes as two. */
export function spokenAmount(satang: number, lang: Lang): string {
  const baht = Math.trunc(satang / 100);
  const rest = Math.abs(satang % 100);
  if (lang === 'th') return rest === 0 ? `ได้รับเงิน ${baht} บาท` : `ได้รับเงิน ${baht} บาท ${rest} สตางค์`;
  return rest === 0 ? `Received ${baht} baht` : `Received ${baht} baht ${rest} satang`;
}

/** The BCP 47 prefix a voice must have to speak each language. */
const VOICE_LANG: Record<Lang, string> = { th: 'th', en: 'en' };

export interface VoiceLike {
  lang: string;
  localService: boolean;
  default?: boolean;
}

/**
 * A voice on this computer (localService: works offline; a network voice would send the amount to a
 * cloud service and fall silent without internet) for the language; Thailand's or the UK's variant
 * first, then any of the language, the system default among equals. Null: chime only.
 */
export function pickLocalVoice<V extends VoiceLike>(voices: readonly V[], lang: Lang): V | null {
  const prefix = VOICE_LANG[lang];
  const local = voices.filter((voice) => voice.localService && voice.lang.toLowerCase().replace('_', '-').split('-')[0] === prefix);
  if (local.length === 0) return null;
  const preferred = lang === 'th' ? 'th-th' : 'en-gb';
  const score = (voice: V): number =>
    (voice.lang.toLowerCase().replace('_', '-') === preferred ? 2 : 0) + (voice.default ? 1 : 0);
  return [...local].sort((a, b) => score(b) - score(a))[0] ?? null;
}
