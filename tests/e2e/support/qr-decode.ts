// Decodes the QR a screen painted (drawn as SVG on both screens) back to its text, from a screenshot.
import jsQR from 'jsqr';
import type { Locator } from '@playwright/test';
import { PNG } from 'pngjs';

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
 * page in the background does not get). No timeouts of its own: each step waits within the test's
 * budget (a screenshot on a loaded machine can take seconds).
 */
export async function decodeQrShown(qr: Locator): Promise<string> {
  await qr.waitFor({ state: 'visible' });
  const box = await qr.boundingBox();
  if (!box) throw new Error('the QR has no box on the page');
  return decodeQrPng(await qr.page().screenshot({ clip: box }));
}
