import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { promptPayParams, rawRequest, startTestSim, type TestSim } from './sim-fixture';

let t: TestSim;
beforeEach(async () => {
  t = await startTestSim();
});
afterEach(async () => {
  await t.sim.close();
});

function decodeQrPng(buffer: Buffer): string | null {
  const png = PNG.sync.read(buffer);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

describe('the hosted test-payment page behind the QR', () => {
  it('is a self-contained Thai/English page with Authorize, Fail and Expire buttons', async () => {
    const pi = await t.stripe.paymentIntents.create(promptPayParams({ amount: 1_234_500, description: '<b>Table 4</b>' }));
    const res = await fetch(pi.next_action?.promptpay_display_qr_code?.data ?? '');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('name="viewport"');
    expect(html).toContain('พร้อมเพย์');
    expect(html).toContain('PromptPay');
    expect(html).toContain('฿12,345.00');
    for (const action of ['succeed', 'fail', 'expire']) expect(html).toContain(`data-action="${action}"`);
    expect(html).toContain('/_sim/payment_intents/');
    expect(html).not.toMatch(/(src|href)="https?:/); // no external assets
    expect(html).not.toContain('<b>Table 4</b>'); // user text is escaped
    expect(html).toContain('&lt;b&gt;Table 4&lt;/b&gt;');
  });

  it('shows a paid PaymentIntent with its buttons disabled', async () => {
    const pi = await t.stripe.paymentIntents.create(promptPayParams());
    await t.sim.succeed(pi.id);
    const html = await (await fetch(`${t.sim.url}/_sim/pay/${pi.id}`)).text();
    expect(html).toContain('Paid');
    expect(html.match(/disabled>/g)).toHaveLength(3);
  });

  it('an unknown PaymentIntent page is a 404', async () => {
    expect((await fetch(`${t.sim.url}/_sim/pay/pi_nope`)).status).toBe(404);
  });

  it('the hosted instructions page shows the QR image from the simulator', async () => {
    const pi = await t.stripe.paymentIntents.create(promptPayParams());
    const res = await fetch(pi.next_action?.promptpay_display_qr_code?.hosted_instructions_url ?? '');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain(`/_sim/qr/${pi.id}.svg`);
    expect(html).toContain('สแกน');
  });
});

describe('QR images', () => {
  it('image_url_png is a PNG whose QR decodes to the QR data', async () => {
    const pi = await t.stripe.paymentIntents.create(promptPayParams());
    const qr = pi.next_action?.promptpay_display_qr_code;
    const res = await fetch(qr?.image_url_png ?? '');
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(decodeQrPng(Buffer.from(await res.arrayBuffer()))).toBe(qr?.data);
  });

  it('image_url_svg is an SVG image', async () => {
    const pi = await t.stripe.paymentIntents.create(promptPayParams());
    const res = await fetch(pi.next_action?.promptpay_display_qr_code?.image_url_svg ?? '');
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await res.text()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it('an EMV-mode PNG decodes to the EMV payload', async () => {
    const emv = await startTestSim({ qrFormat: 'emv' });
    try {
      const pi = await emv.stripe.paymentIntents.create(promptPayParams());
      const qr = pi.next_action?.promptpay_display_qr_code;
      const png = Buffer.from(await (await fetch(qr?.image_url_png ?? '')).arrayBuffer());
      expect(decodeQrPng(png)).toBe(qr?.data);
      expect(qr?.data.startsWith('000201010212')).toBe(true);
    } finally {
      await emv.sim.close();
    }
  });

  it('an unknown image is a 404', async () => {
    expect((await rawRequest(t.sim, 'GET', '/_sim/qr/pi_nope.png', { apiKey: null })).status).toBe(404);
  });
});

describe('publicBaseUrl', () => {
  it('QR links use the configured public base URL', async () => {
    const pub = await startTestSim({ publicBaseUrl: 'http://till-1.local:8080/' });
    try {
      const pi = await pub.stripe.paymentIntents.create(promptPayParams());
      expect(pi.next_action?.promptpay_display_qr_code).toMatchObject({
        data: `http://till-1.local:8080/_sim/pay/${pi.id}`,
        image_url_png: `http://till-1.local:8080/_sim/qr/${pi.id}.png`,
      });
    } finally {
      await pub.sim.close();
    }
  });
});
