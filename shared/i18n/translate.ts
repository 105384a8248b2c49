// Thai and English strings for both screens. A typed map keeps every key present in both languages
// (the compiler refuses a key missing from one); Intl (built into every runtime) formats numbers.
import { en } from './en';
import { th } from './th';

export type Lang = 'th' | 'en';
export const LANGS: readonly Lang[] = ['th', 'en'];
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const dictionaries: Record<Lang, Messages> = { en, th };

/** Looks up a message and fills `{name}` placeholders. Unknown placeholders stay visible, never blank. */
export function translate(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = dictionaries[lang][key] ?? dictionaries.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The locale used for Intl formatting in each language. */
export const LOCALE_FOR: Record<Lang, string> = { th: 'th-TH', en: 'en-GB' };
