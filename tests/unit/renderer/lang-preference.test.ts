import { describe, expect, it } from 'vitest';
import { otherLang, resolveLang } from '../../../renderer/state/lang-preference';

describe('screen language', () => {
  it('the ?lang= parameter wins over the saved choice', () => {
    expect(resolveLang('?lang=en', 'th')).toBe('en');
    expect(resolveLang('?x=1&lang=th', 'en')).toBe('th');
  });

  it('falls back to the saved choice, then Thai, ignoring junk', () => {
    expect(resolveLang('', 'en')).toBe('en');
    expect(resolveLang('?lang=fr', 'de')).toBe('th');
    expect(resolveLang('', null)).toBe('th');
  });

  it('toggles between the two languages', () => {
    expect(otherLang('th')).toBe('en');
    expect(otherLang('en')).toBe('th');
  });
});
