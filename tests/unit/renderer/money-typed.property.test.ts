// Money typed is money charged: whatever keys the cashier presses, the till charges exactly the amount
// its display shows, or charges nothing. The keys go through the real keyboard mapping and the real
// cashier store; only the core behind the transport is scripted.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cashierKeyAction, type KeyInput } from '../../../renderer/state/cashier-keys';
import { createCashierStore } from '../../../renderer/state/cashier-store';
import { displayEntry } from '../../../renderer/state/amount-entry';
import { MAX_CHARGE_SATANG, MIN_CHARGE_SATANG, type KeypadKey } from '../../../shared/money';
import { createFakeTransport, demoInfo, makeSale } from './fake-transport';

const info = demoInfo;

type Press = Pick<KeyInput, 'key' | 'code'> | { pad: KeypadKey };

/** Keys a cashier's keyboard can send (digits, both decimal keys, comma, editing keys, junk), and on-screen keypad taps. */
const keyArb: fc.Arbitrary<Press> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<KeypadKey>('0', '5', '9', '00', '.', 'backspace', 'clear').map((pad) => ({ pad })) },
  { weight: 10, arbitrary: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9').map((key) => ({ key })) },
  { weight: 3, arbitrary: fc.constant({ key: ',' }) },
  { weight: 2, arbitrary: fc.constant({ key: '.' }) },
  { weight: 1, arbitrary: fc.constantFrom({ key: '.', code: 'NumpadDecimal' }, { key: ',', code: 'NumpadDecimal' }, { key: 'Decimal', code: 'NumpadDecimal' }) },
  { weight: 1, arbitrary: fc.constantFrom({ key: 'Backspace' }, { key: 'Delete' }, { key: 'Escape' }) },
  { weight: 1, arbitrary: fc.constantFrom({ key: '-' }, { key: 'e' }, { key: ' ' }, { key: '฿' }, { key: '+' }, { key: '٣' }, { key: '๕' }) },
);

/**
 * What a person reads off the display ("฿12,500.5"): the test's own reading, strict about grouping,
 * so a display that could be read two ways fails the property.
 */
function readDisplay(shown: string): number | null {
  const match = /^฿(\d{1,3}(?:,\d{3})*)(?:\.(\d{0,2}))?$/.exec(shown);
  if (!match) return null;
  const baht = BigInt(match[1].split(',').join(''));
  const satang = baht * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  return Number(satang);
}

function setup() {
  const transport = createFakeTransport();
  transport.handle('app.info', () => ({ ok: true, value: info }));
  transport.handle('sales.current', () => ({ ok: true, value: null }));
  transport.handle('sales.list', () => ({ ok: true, value: [] }));
  transport.handle('sales.charge', (input) => ({ ok: true, value: makeSale({ amount: input.amount }) }));
  const store = createCashierStore({ transport, lang: 'th' });
  return { transport, store };
}

/** Presses keys the way CashierApp and the Keypad do: the keyboard mapping decides, the store applies. */
function typeKeys(store: ReturnType<typeof setup>['store'], presses: Press[]): void {
  for (const press of presses) {
    if ('pad' in press) {
      store.getState().press(press.pad);
      continue;
    }
    const action = cashierKeyAction({ ...press, inTextField: false }, 'entry');
    if (action?.type === 'keypad') store.getState().press(action.key);
  }
}

const typeText = (text: string) => [...text].map((key) => ({ key }));

describe('money typed is money charged', () => {
  it('for any key sequence, the amount charged is the amount displayed (or nothing is charged)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(keyArb, { maxLength: 24 }), async (keys) => {
        const { transport, store } = setup();
        typeKeys(store, keys);
        const shown = `฿${displayEntry(store.getState().entry)}`;
        const displayed = readDisplay(shown);
        expect(displayed).not.toBeNull();
        await store.getState().charge();
        // Exactly the displayed amount is charged when it is chargeable; otherwise nothing is, and
        // the reason shows next to the amount.
        const chargeable = displayed !== null && displayed >= MIN_CHARGE_SATANG && displayed <= MAX_CHARGE_SATANG;
        const charged = (transport.callsOf('sales.charge') as { amount: number }[]).map((input) => input.amount);
        expect(charged).toEqual(chargeable ? [displayed] : []);
        expect(store.getState().sale?.amount ?? null).toBe(chargeable ? displayed : null);
        expect(store.getState().amountError === null).toBe(chargeable);
      }),
      { numRuns: 400 },
    );
  });

  it('typing a Thai-grouped amount ("12,500", "1,234.50") charges exactly that amount', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 10, max: 999_999 }), fc.option(fc.integer({ min: 0, max: 99 })), async (baht, satang) => {
        const { transport, store } = setup();
        const fraction = satang === null ? '' : `.${String(satang).padStart(2, '0')}`;
        const typed = `${baht.toLocaleString('en-US')}${fraction}`;
        typeKeys(store, typeText(typed));
        expect(`฿${displayEntry(store.getState().entry)}`).toBe(`฿${typed}`);
        await store.getState().charge();
        expect(transport.callsOf('sales.charge')).toEqual([expect.objectContaining({ amount: baht * 100 + (satang ?? 0) })]);
      }),
      { numRuns: 300 },
    );
  });

  it('a key that is not part of an amount changes nothing that was typed', () => {
    fc.assert(
      fc.property(fc.array(keyArb, { maxLength: 16 }), fc.constantFrom(',', '-', 'e', ' ', '฿', 'x'), (keys, junk) => {
        const { store } = setup();
        typeKeys(store, keys);
        const before = store.getState().entry;
        typeKeys(store, [{ key: junk }]);
        expect(store.getState().entry).toBe(before);
      }),
      { numRuns: 200 },
    );
  });

  it('12,500 typed on the keyboard is ฿12,500.00, never ฿12.50', async () => {
    const { transport, store } = setup();
    typeKeys(store, typeText('12,500'));
    expect(displayEntry(store.getState().entry)).toBe('12,500');
    await store.getState().charge();
    expect(transport.callsOf('sales.charge')).toEqual([expect.objectContaining({ amount: 1_250_000 })]);
  });
});
