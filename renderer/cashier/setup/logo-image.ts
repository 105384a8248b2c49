// The shop's logo, shrunk in the browser before it is sent, so the settings call stays far below the
// HTTP body limit and the receipt gets no more dots than a printer prints.
import { MAX_SHOP_LOGO_CHARS } from '../../../shared/pos-contract';
import { fittedSize } from './logo-size';

export type LogoResult = { ok: true; dataUrl: string } | { ok: false; problem: 'setup.shop.logoBad' | 'setup.shop.logoTooBig' };

/** Reads a chosen file, fits it in the box and encodes it: PNG, else JPEG if the PNG is too large. */
export async function shrinkLogo(file: Blob): Promise<LogoResult> {
  if (!/^image\//.test(file.type)) return { ok: false, problem: 'setup.shop.logoBad' };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { ok: false, problem: 'setup.shop.logoBad' };
  }
  const size = fittedSize(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) return { ok: false, problem: 'setup.shop.logoBad' };
  // Paper is white: a transparent logo is laid on white so JPEG does not turn it black.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, size.width, size.height);
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  for (const [type, quality] of [['image/png', undefined], ['image/jpeg', 0.85], ['image/jpeg', 0.6]] as const) {
    const dataUrl = canvas.toDataURL(type, quality);
    if (dataUrl.startsWith(`data:${type};base64,`) && dataUrl.length <= MAX_SHOP_LOGO_CHARS) return { ok: true, dataUrl };
  }
  return { ok: false, problem: 'setup.shop.logoTooBig' };
}
