import type { T } from '../../ui/translator';
import { useCashier } from '../store-context';

/** Keypad or Items: how the cashier rings up the next sale (F4 switches; I opens Items from the keypad). */
export function ModeToggle({ t, onItems }: { t: T; onItems?: () => void }) {
  const mode = useCashier((s) => s.mode);
  const setMode = useCashier((s) => s.setMode);
  return (
    <div className="mode-toggle" role="group" aria-label={t('items.mode.label')} title={t('items.mode.hint')}>
      {(['keypad', 'items'] as const).map((option) => (
        <button
          key={option}
          type="button"
          className={`mode-toggle__option${mode === option ? ' is-on' : ''}`}
          data-testid={`mode-${option}`}
          aria-pressed={mode === option}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            setMode(option);
            if (option === 'items') onItems?.();
          }}
        >
          {t(option === 'keypad' ? 'items.mode.keypad' : 'items.mode.items')}
        </button>
      ))}
      <kbd className="mode-toggle__key" aria-hidden="true">
        F4
      </kbd>
    </div>
  );
}
