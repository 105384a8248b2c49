import QRCode from 'qrcode';

/** QR images served at /_sim/qr/<pi>.png|.svg, like Stripe's image_url_png / image_url_svg. */
export function renderQrPng(data: string): Promise<Buffer> {
  return QRCode.toBuffer(data, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 360 });
}

export function renderQrSvg(data: string): Promise<string> {
  return QRCode.toString(data, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
