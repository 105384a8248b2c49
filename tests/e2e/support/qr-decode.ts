// Decodes the QR the customer display rendered (a PNG data URL) back to its text.
import jsQR from 'jsqr';
import type { Locator } from '@playwright/test';
import { PNG } from 'pngjs';

export function decodeQrDataUrl(dataUrl: string): string {
  const match = /^data:image\/png;base64,(.+)$/.exec(dataUrl);
  if (!match) throw new Error(`not a PNG data URL: ${dataUrl.slice(0, 40)}…`);
  const png = PNG.sync.read(Buffer.from(match[1], 'base64'));
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  if (!code) throw new Error('no QR code found in the image');
  return code.data;
}

/** Decodes a QR from a PNG screenshot (what the screen painted: the customer display draws its QR as SVG). */
export function decodeQrPng(png: Buffer): string {
  const image = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
  if (!code) throw new Error('no QR code found in the screenshot');
  return code.data;
}

/**
 * Decodes the QR an element shows, from a screenshot of its box on the page. A page screenshot works
 * while the page is behind another (an element screenshot waits for animation frames, which a
 * page in the background does not get).
 */
export async function decodeQrShown(qr: Locator, timeout = 5_000): Promise<string> {
  await qr.waitFor({ state: 'visible', timeout });
  const box = await qr.boundingBox({ timeout });
  if (!box) throw new Error('the QR has no box on the page');
  return decodeQrPng(await qr.page().screenshot({ clip: box, timeout }));
}
