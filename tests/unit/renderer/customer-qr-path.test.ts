import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { QR_QUIET_ZONE, qrPath } from '../../../renderer/ui/qr-path';

/** Paints the path's rectangles (M x y h w v1 h-w z) into an RGBA image, `scale` pixels per module. */
function paint(path: { size: number; d: string }, scale: number): { pixels: Uint8ClampedArray; width: number } {
  const width = path.size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const match of path.d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x, y, w] = [Number(match[1]), Number(match[2]), Number(match[3])];
    for (let py = y * scale; py < (y + 1) * scale; py += 1) {
      for (let px = x * scale; px < (x + w) * scale; px += 1) pixels.fill(0, (py * width + px) * 4, (py * width + px) * 4 + 3);
    }
  }
  return { pixels, width };
}

describe('the customer display QR (SVG path)', () => {
  const payloads = {
    'Stripe test page URL': 'http://127.0.0.1:4300/_sim/pay/pi_3QxYzAbCdEfGhIjK1a2b3c4d?secret=pi_3QxYzAbCdEfGhIjK_secret_AbCd',
    'EMVCo PromptPay payload': '00020101021230530016A00000067701011101130066812345678530376454041250.005802TH6304ABCD',
  };
  for (const [name, data] of Object.entries(payloads)) {
    it(`decodes back to the ${name}`, () => {
      const path = qrPath(data);
      const { pixels, width } = paint(path, 4);
      expect(jsQR(pixels, width, width)?.data).toBe(data);
    });
  }

  it('keeps a four-module quiet zone on every side', () => {
    const { size, d } = qrPath('https://example.test/pay');
    const coordinates = [...d.matchAll(/M(\d+) (\d+)h(\d+)/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[1]) + Number(m[3])]);
    expect(Math.min(...coordinates.map(([x]) => x))).toBe(QR_QUIET_ZONE);
    expect(Math.min(...coordinates.map(([, y]) => y))).toBe(QR_QUIET_ZONE);
    expect(Math.max(...coordinates.map(([, , end]) => end))).toBe(size - QR_QUIET_ZONE);
    expect(Math.max(...coordinates.map(([, y]) => y))).toBe(size - QR_QUIET_ZONE - 1);
  });

  it('draws a different symbol for a different payload', () => {
    expect(qrPath('pay 1').d).not.toBe(qrPath('pay 2').d);
  });
});
