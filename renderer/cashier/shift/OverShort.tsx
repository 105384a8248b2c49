// Over/short at a glance: the word and amount big, green for over or exact, red for short, and the
// counted cash drawn against the expected cash.
import type { T } from '../../ui/translator';
import type { useFormatters } from '../manager/use-formatters';
import { overShortTone } from './cash-entry';

export function OverShort({ t, f, expected, counted, overShort }: { t: T; f: ReturnType<typeof useFormatters>; expected: number; counted: number; overShort: number }) {
  const tone = overShortTone(overShort);
  const widest = Math.max(expected, counted, 1);
  const word = tone === 'over' ? t('shift.over') : tone === 'short' ? t('shift.short') : t('shift.exact');
  return (
    <div className={`over-short over-short--${tone}`} data-testid="shift-over-short" data-tone={tone} data-amount={overShort}>
      <span className="over-short__icon" aria-hidden="true">
        {tone === 'short' ? '▼' : tone === 'over' ? '▲' : '✓'}
      </span>
      <strong className="over-short__word">{word}</strong>
      <strong className="over-short__amount">
        {overShort > 0 ? '+' : overShort < 0 ? '−' : ''}
        {f.baht(Math.abs(overShort))}
      </strong>
      <div className="over-short__bars" aria-hidden="true">
        <span className="over-short__bar-label">{t('shift.cash.expected')}</span>
        <span className="over-short__track">
          <span className="over-short__bar over-short__bar--expected" style={{ width: `${(expected / widest) * 100}%` }} />
        </span>
        <span className="over-short__bar-value">{f.baht(expected)}</span>
        <span className="over-short__bar-label">{t('shift.cash.counted')}</span>
        <span className="over-short__track">
          <span className="over-short__bar over-short__bar--counted" style={{ width: `${(counted / widest) * 100}%` }} />
        </span>
        <span className="over-short__bar-value">{f.baht(counted)}</span>
      </div>
    </div>
  );
}
