// The ticket the cashier taps items into: pure functions over its lines. A line is a snapshot of the
// item as it was tapped (name, price), so a price changed meanwhile never changes a ticket in progress;
// the core saves the lines with the sale and refuses them unless they add up to the amount.
import type { Item } from '../../shared/catalog';
import { MAX_CHARGE_SATANG } from '../../shared/money';

export interface TicketLine {
  itemId: string;
  name: string;
  unitPrice: number;
  quantity: number;
}

/** The contract's limits (saleLineInput, saleLines). */
export const MAX_QUANTITY = 999;
export const MAX_TICKET_LINES = 200;

/** Adds one of the item: a line already holding it (same price) counts one more, else a new line at the end. */
export function addToTicket(ticket: readonly TicketLine[], item: Pick<Item, 'id' | 'name' | 'price'>): TicketLine[] {
  const index = ticket.findIndex((line) => line.itemId === item.id && line.unitPrice === item.price);
  if (index >= 0) return setQuantity(ticket, index, ticket[index].quantity + 1);
  if (ticket.length >= MAX_TICKET_LINES) return [...ticket];
  return [...ticket, { itemId: item.id, name: item.name, unitPrice: item.price, quantity: 1 }];
}

/** Sets a line's quantity (1 to 999); 0 or less removes the line. */
export function setQuantity(ticket: readonly TicketLine[], index: number, quantity: number): TicketLine[] {
  if (index < 0 || index >= ticket.length) return [...ticket];
  if (quantity <= 0) return removeLine(ticket, index);
  return ticket.map((line, i) => (i === index ? { ...line, quantity: Math.min(quantity, MAX_QUANTITY) } : line));
}

export function removeLine(ticket: readonly TicketLine[], index: number): TicketLine[] {
  return ticket.filter((_, i) => i !== index);
}

export function lineAmount(line: TicketLine): number {
  return line.unitPrice * line.quantity;
}

export function ticketTotal(ticket: readonly TicketLine[]): number {
  return ticket.reduce((sum, line) => sum + lineAmount(line), 0);
}

export function ticketQuantity(ticket: readonly TicketLine[]): number {
  return ticket.reduce((sum, line) => sum + line.quantity, 0);
}

/** Whether the ticket can be charged at all (the core's maximum; the tenders check their own minimums). */
export function ticketTooLarge(ticket: readonly TicketLine[]): boolean {
  return ticketTotal(ticket) > MAX_CHARGE_SATANG;
}

/** The lines as the contract takes them (sales.charge / cash / manualQr `lines`). */
export function ticketLines(ticket: readonly TicketLine[]): { itemId: string; name: string; unitPrice: number; quantity: number }[] {
  return ticket.map(({ itemId, name, unitPrice, quantity }) => ({ itemId, name, unitPrice, quantity }));
}

/** A short summary of sold lines for a list ("Latte ×2, Cake +1 more"): the first names, then how many more. */
export function linesHint(lines: readonly { name: string; quantity: number }[], shown = 2): { names: string; more: number } | null {
  if (lines.length === 0) return null;
  const names = lines.slice(0, shown).map((line) => (line.quantity > 1 ? `${line.name} ×${line.quantity}` : line.name)).join(', ');
  return { names, more: Math.max(0, lines.length - shown) };
}
