// The drawer counted note by note and coin by coin: a count per denomination, added up into the
// counted cash (which the cashier can still correct on the keypad).
import { useState } from 'react';
import type { T } from '../../ui/translator';
import type { useFormatters } from '../manager/use-formatters';
import { countTotal, DENOMINATIONS, isNote, parsePieces, satangAsEntry, type Denomination } from './cash-entry';

export function CountByPiece({ t, f, onTotal }: { t: T; f: ReturnType<typeof useFormatters>; onTotal: (text: string) => void }) {
  const [texts, setTexts] = useState<Partial<Record<Denomination, string>>>({});
  const counts: Partial<Record<Denomination, number>> = {};
  for (const value of DENOMINATIONS) counts[value] = parsePieces(texts[value] ?? '') ?? 0;
  const total = countTotal(counts);
  const row = (value: Denomination) => {
    const text = texts[value] ?? '';
    const bad = parsePieces(text) === null;
    const name = f.baht(value).replace(/\.00$/, '');
    return (
      <label key={value} className={`piece${isNote(value) ? ' piece--note' : ' piece--coin'}`}>
        <span className="piece__value">{name}</span>
        <span className="piece__times" aria-hidden="true">
          ×
        </span>
        <input
          className={`field__input piece__count${bad ? ' is-invalid' : ''}`}
          inputMode="numeric"
          autoComplete="off"
          aria-label={t('shift.piecesOf', { value: name })}
          aria-invalid={bad}
          data-testid={`shift-piece-${value / 100}`}
          value={text}
          onChange={(event) => {
            const next = { ...texts, [value]: event.target.value };
            setTexts(next);
            const nextCounts: Partial<Record<Denomination, number>> = {};
            for (const v of DENOMINATIONS) nextCounts[v] = parsePieces(next[v] ?? '') ?? 0;
            onTotal(satangAsEntry(countTotal(nextCounts)));
          }}
        />
      </label>
    );
  };
  return (
    <div className="pieces" data-testid="shift-pieces">
      <span className="pieces__head">{t('shift.notes')}</span>
      <div className="pieces__grid">{DENOMINATIONS.filter(isNote).map(row)}</div>
      <span className="pieces__head">{t('shift.coins')}</span>
      <div className="pieces__grid">{DENOMINATIONS.filter((value) => !isNote(value)).map(row)}</div>
      <p className="pieces__total" data-testid="shift-pieces-total" data-amount={total}>
        {t('shift.countTotal', { amount: f.baht(total) })}
      </p>
    </div>
  );
}
