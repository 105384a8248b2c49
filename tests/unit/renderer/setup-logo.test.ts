// The shop's logo: the one schema that lets a picture into settings, the box the screen shrinks it to,
// and the receipt PDF that prints it above the shop's name.
import { describe, expect, it } from 'vitest';
import { receiptPdfBytes } from '../../../electron/core/receipts/receipt-pdf';
import { MAX_SHOP_LOGO_CHARS, updateSettingsInput } from '../../../shared/pos-contract';
import { fittedSize, LOGO_MAX_HEIGHT, LOGO_MAX_WIDTH } from '../../../renderer/cashier/setup/logo-size';
import { sampleReceipt } from '../receipts/sample-receipt';

/** A real 1×1 PNG. */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
/** The first bytes of a JPEG (SOI + APP0 "JFIF"): what the schema checks. */
const JPEG = `data:image/jpeg;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]).toString('base64')}`;

const logoOf = (shopLogo: unknown) => updateSettingsInput.safeParse({ shopLogo });

describe('a logo in settings', () => {
  it('takes a PNG or JPEG data URL, and null to remove it', () => {
    expect(logoOf(PNG).success).toBe(true);
    expect(logoOf(JPEG).success).toBe(true);
    expect(logoOf(null).success).toBe(true);
  });

  it('refuses another kind of picture, bytes that are not the picture the header names, a URL and an oversized one', () => {
    expect(logoOf(PNG.replace('image/png', 'image/gif')).success).toBe(false);
    expect(logoOf(PNG.replace('image/png', 'image/jpeg')).success).toBe(false);
    expect(logoOf('https://example.com/logo.png').success).toBe(false);
    const huge = `data:image/png;base64,iVBORw0KGgo${'A'.repeat(MAX_SHOP_LOGO_CHARS)}`;
    const refused = logoOf(huge);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/at most/);
  });

  it('stays well under the HTTP body limit (64 KiB) with the rest of a settings call', () => {
    expect(MAX_SHOP_LOGO_CHARS).toBeLessThan(64 * 1024 - 4096);
  });
});

describe('the box the screen shrinks a logo into', () => {
  it('keeps the proportions, never enlarges, and fits both sides', () => {
    expect(fittedSize(100, 50)).toEqual({ width: 100, height: 50 });
    expect(fittedSize(3000, 1000)).toEqual({ width: LOGO_MAX_WIDTH, height: 128 });
    expect(fittedSize(400, 1600)).toEqual({ width: 40, height: LOGO_MAX_HEIGHT });
    expect(fittedSize(10_000, 1)).toEqual({ width: LOGO_MAX_WIDTH, height: 1 });
  });
});

describe('the receipt PDF with a logo', () => {
  it('draws the picture above the text, on a longer page than the same receipt without it', async () => {
    const receipt = sampleReceipt();
    const plain = await receiptPdfBytes(receipt, 'th', '80');
    const withLogo = await receiptPdfBytes({ ...receipt, shop: { ...receipt.shop, logo: PNG } }, 'th', '80');
    const heightOf = (pdf: Buffer) => Number(/\/MediaBox \[0 0 [\d.]+ ([\d.]+)\]/.exec(pdf.toString('latin1'))?.[1]);
    expect(latin1(withLogo)).toContain('/Subtype /Image');
    expect(latin1(plain)).not.toContain('/Subtype /Image');
    expect(heightOf(withLogo)).toBeGreaterThan(heightOf(plain));
  });
});

function latin1(bytes: Buffer): string {
  return bytes.toString('latin1');
}
