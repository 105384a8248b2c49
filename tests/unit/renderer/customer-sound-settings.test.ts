// The customer display re-reads the till's sound settings (app.info) for every new sale, but not
// while Stripe is still answering the charge: that request would compete with the QR's arrival on the
// display (issue 8's charge → QR figure). It asks once the sale has its QR or has ended.
import { describe, expect, it } from 'vitest';
import { createCustomerStore } from '../../../renderer/state/customer-store';
import { followCustomerSound } from '../../../renderer/state/paid-sound-screens';
import { DEFAULT_SOUND, type SoundSettings } from '../../../shared/receipt';
import type { Sale } from '../../../shared/sale';
import { memoryStorage } from '../sound/memory-storage';
import { createFakeTransport, demoInfo, flush, makeSale } from './fake-transport';

const preparing = (sale: Sale): Sale => ({ ...sale, status: 'created', paymentIntentId: null, paymentIntentStatus: null, qrData: null, qrExpiresAt: null });
const paid = (sale: Sale): Sale => ({ ...sale, status: 'succeeded', paymentIntentStatus: 'succeeded', qrData: null, updatedAt: sale.updatedAt + 1 });

function display(sound: () => SoundSettings) {
  const transport = createFakeTransport();
  transport.handle('app.info', () => ({ ok: true, value: { ...demoInfo, sound: sound() } }));
  transport.handle('sales.current', () => ({ ok: true, value: null }));
  const customer = createCustomerStore({ transport, lang: 'th' });
  customer.getState().start();
  const heard: string[] = [];
  const stop = followCustomerSound({
    transport,
    customer,
    output: (announcement, settings) => heard.push(`${announcement.cue}:${announcement.sale.id}:${settings.volume}`),
    storage: memoryStorage(),
  });
  return { transport, heard, stop, infoReads: () => transport.callsOf('app.info').length };
}

describe('customer display: sound settings per sale', () => {
  it('does not ask the till while the sale is being prepared, then asks once its QR is shown and uses the answer', async () => {
    let sound: SoundSettings = { ...DEFAULT_SOUND, volume: 30 };
    const { transport, heard, infoReads } = display(() => sound);
    await flush();
    const before = infoReads();

    // A manager changes the volume between sales; the charge starts ("preparing") and Stripe answers later.
    sound = { ...DEFAULT_SOUND, volume: 80 };
    const sale = makeSale({ qrAttempt: 1 });
    transport.emit({ type: 'sale.updated', data: preparing(sale) });
    await flush();
    expect(infoReads()).toBe(before);

    transport.emit({ type: 'sale.updated', data: sale });
    await flush();
    expect(infoReads()).toBe(before + 1);

    transport.emit({ type: 'sale.updated', data: paid(sale) });
    expect(heard).toEqual([`paid:${sale.id}:80`]);
    // One read per sale: its later copies ask nothing more.
    expect(infoReads()).toBe(before + 1);
  });

  it('asks when a prepared sale ends without a QR, and asks nothing once stopped', async () => {
    const { transport, stop, infoReads } = display(() => DEFAULT_SOUND);
    await flush();
    const before = infoReads();

    const refused = makeSale({ qrAttempt: 1 });
    transport.emit({ type: 'sale.updated', data: preparing(refused) });
    await flush();
    transport.emit({ type: 'sale.updated', data: { ...preparing(refused), status: 'failed', updatedAt: refused.updatedAt + 1 } });
    await flush();
    expect(infoReads()).toBe(before + 1);

    const later = makeSale({ qrAttempt: 1 });
    transport.emit({ type: 'sale.updated', data: preparing(later) });
    stop();
    transport.emit({ type: 'sale.updated', data: later });
    await flush();
    expect(infoReads()).toBe(before + 1);
  });

  it('on a page that draws, asks only after the QR\'s frame and once the page is idle', async () => {
    const page = globalThis as { requestAnimationFrame?: unknown; requestIdleCallback?: unknown };
    const frames: (() => void)[] = [];
    const idles: (() => void)[] = [];
    page.requestAnimationFrame = (callback: () => void) => frames.push(callback);
    page.requestIdleCallback = (callback: () => void) => idles.push(callback);
    try {
      const { transport, infoReads } = display(() => DEFAULT_SOUND);
      await flush();
      const before = infoReads();
      const sale = makeSale({ qrAttempt: 1 });
      transport.emit({ type: 'sale.updated', data: preparing(sale) });
      transport.emit({ type: 'sale.updated', data: sale });
      await flush();
      expect(infoReads()).toBe(before);
      // The QR's frame is drawn: still nothing until the page has nothing more urgent to do.
      for (const frame of frames.splice(0)) frame();
      await flush();
      expect(infoReads()).toBe(before);
      expect(idles).toHaveLength(1);
      for (const idle of idles.splice(0)) idle();
      await flush();
      expect(infoReads()).toBe(before + 1);
    } finally {
      delete page.requestAnimationFrame;
      delete page.requestIdleCallback;
    }
  });
});
