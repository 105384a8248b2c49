import { useEffect, useRef } from 'react';
import type { StripeConnectionTest } from '../../../shared/setup';
import { LOCALE_FOR } from '../../../shared/i18n/translate';
import type { T } from '../../ui/translator';
import { modeWord } from './refusal-text';

/** A country code in the screen's language: "Thailand (TH)", "ไทย (TH)". */
export function countryName(code: string, t: T): string {
  try {
    const name = new Intl.DisplayNames([LOCALE_FOR[t.lang ?? 'th']], { type: 'region' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** What "Test connection" found: the account, its country and mode, each permission ✓/✗ and PromptPay. */
export function ConnectionCard({ tested, t }: { tested: StripeConnectionTest; t: T }) {
  const unknown = <span className="subtle">{t('setup.card.unknown')}</span>;
  const card = useRef<HTMLElement>(null);
  // Stripe's answer appears below the key (a new card per answer): brought into view so the owner sees what the key belongs to.
  useEffect(() => {
    card.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <section ref={card} className="setup-card" aria-labelledby="setup-card-title" data-testid="setup-tested" data-mode={tested.mode}>
      <h3 className="setup-card__title" id="setup-card-title">
        ✓ {t('setup.card.title')}
      </h3>
      <dl className="setup-card__facts">
        <dt>{t('setup.card.name')}</dt>
        <dd data-testid="setup-tested-name">{tested.accountName ?? unknown}</dd>
        <dt>{t('setup.card.account')}</dt>
        <dd className="mono" data-testid="setup-tested-account">
          {tested.account ?? unknown}
        </dd>
        <dt>{t('setup.card.country')}</dt>
        <dd data-testid="setup-tested-country" data-country={tested.country ?? ''}>
          {tested.country ? countryName(tested.country, t) : unknown}
        </dd>
        <dt>{t('setup.card.mode')}</dt>
        <dd>
          <span className={`badge badge--${tested.mode}`} data-testid="setup-tested-mode">
            {modeWord(t, tested.mode)}
          </span>{' '}
          · {tested.keyKind === 'secret' ? t('setup.card.keySecret') : t('setup.card.keyRestricted')}
        </dd>
        <dt>{t('setup.card.promptPay')}</dt>
        <dd className={tested.promptPay === 'inactive' ? 'setup-card__bad' : undefined} data-testid="setup-tested-promptpay" data-state={tested.promptPay}>
          {tested.promptPay === 'active' ? '✓ ' : tested.promptPay === 'inactive' ? '✗ ' : ''}
          {t(`setup.card.promptPay.${tested.promptPay}`)}
        </dd>
      </dl>
      <h4 className="setup-card__sub">{t('setup.card.permissions')}</h4>
      <ul className="setup-perms" data-testid="setup-tested-permissions">
        {tested.permissions.map((permission) => (
          <li key={permission.label} className={permission.ok ? 'is-ok' : 'is-missing'} data-ok={permission.ok}>
            <span aria-hidden="true">{permission.ok ? '✓' : '✗'}</span> {permission.label}
            <span className="visually-hidden">: {permission.ok ? t('setup.card.ok') : t('setup.card.missing')}</span>
            {permission.optional ? <span className="subtle"> {t('setup.card.optional')}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
