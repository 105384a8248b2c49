// The sale being typed (amount, note, ticket) kept in the page's sessionStorage, so a screen the
// desktop shell reloads after a crash (electron/app/crash-recovery.ts) shows it again. A sale already
// created needs none of this: it lives in the core's ledger and sales.current brings it back.
// sessionStorage belongs to the window, survives its reloads and ends with it: nothing outlives the till.
import { z } from 'zod';
import { MAX_QUANTITY, MAX_TICKET_LINES } from './item-ticket';
import type { CashierState, CashierStore } from './cashier-store';

export const SALE_DRAFT_KEY = 'chamra.saleDraft';

/** The part of Web Storage used (the page's sessionStorage; any map in tests). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function pageSessionStorage(): DraftStorage | null {
  try {
    return (globalThis as { sessionStorage?: DraftStorage }).sessionStorage ?? null;
  } catch {
    return null;
  }
}

const draftSchema = z.strictObject({
  entry: z.string().max(16).regex(/^[0-9.]*$/),
  description: z.string().max(200),
  ticket: z
    .array(z.strictObject({ itemId: z.string().min(1).max(100), name: z.string().max(200), unitPrice: z.number().int().min(0), quantity: z.number().int().min(1).max(MAX_QUANTITY) }))
    .max(MAX_TICKET_LINES),
  mode: z.enum(['keypad', 'items']),
});
export type SaleDraft = z.infer<typeof draftSchema>;

/** What is worth keeping now: the typing before a sale exists; null once a sale is on screen or nothing is typed. */
export function draftOf(state: Pick<CashierState, 'sale' | 'charging' | 'entry' | 'description' | 'ticket' | 'mode'>): SaleDraft | null {
  if (state.sale || state.charging) return null;
  if (!state.entry && !state.description && state.ticket.length === 0) return null;
  return { entry: state.entry, description: state.description, ticket: state.ticket, mode: state.mode };
}

/** Puts a kept draft back into the store, then keeps it up to date; returns the function that stops. */
export function keepSaleDraft(store: CashierStore, storage: DraftStorage | null = pageSessionStorage()): () => void {
  if (!storage) return () => undefined;
  try {
    const kept = storage.getItem(SALE_DRAFT_KEY);
    const parsed = kept ? draftSchema.safeParse(JSON.parse(kept)) : null;
    const state = store.getState();
    // Only into an empty till: never over a sale or over what is already typed.
    if (parsed?.success && !draftOf(state) && !state.sale) store.setState(parsed.data);
  } catch {
    // A damaged draft is dropped below: the cashier types the amount again.
  }
  // null: nothing written yet, so the first save also removes a damaged draft.
  let written: string | null = null;
  const save = (state: CashierState): void => {
    const draft = draftOf(state);
    const text = draft ? JSON.stringify(draft) : '';
    if (text === written) return;
    written = text;
    try {
      if (text) storage.setItem(SALE_DRAFT_KEY, text);
      else storage.removeItem(SALE_DRAFT_KEY);
    } catch {
      // Storage full or refused: the draft is a convenience, the till works without it.
    }
  };
  save(store.getState());
  return store.subscribe(save);
}
