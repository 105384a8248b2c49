// The desktop smoke test's whole walk through the screens, written once: on a fresh till in demo mode
// the owner is set up on the PIN pad, a shift opened, a PromptPay sale paid by the simulated customer
// (the customer display shows its QR, then paid) and a cash sale taken. tests/electron/smoke.spec.ts
// runs it in the real app's two windows; tests/e2e/demo-mode.spec.ts runs the very same steps in
// browser mode on every CI run, so a screen change that breaks it is caught here first.
import type { CustomerDisplayPage } from './customer-display-page';
import type { ChargedSale, Person, TillPage } from './till-page';

export interface FirstDemoSales {
  promptPay: ChargedSale;
  cashSaleId: string;
}

export async function firstDemoSales(till: TillPage, customer: CustomerDisplayPage, owner: Person): Promise<FirstDemoSales> {
  await customer.expectLive();
  await till.createOwner(owner);
  await till.expectDemoMode();
  await customer.expectMode('demo');
  await till.openShift('1000');

  const promptPay = await till.charge(['1', '5', '0']);
  await customer.expectQr('150.00');
  await customer.expectStatus('awaiting_payment');
  await till.simulate('pay');
  await till.expectStatus('succeeded');
  await customer.expectStatus('succeeded');

  await till.newSale();
  const cashSaleId = await till.cashSale(['1', '2', '0'], 500);
  await customer.expectTender('cash');
  await customer.expectStatus('succeeded');
  return { promptPay, cashSaleId };
}
